// Minimal CBOR (RFC 8949) for WebAuthn: the encoder produces the core
// deterministic encoding (§4.2.1: shortest arguments, definite lengths, map
// keys sorted by their encoded bytes), which for the integer and text keys we
// allow coincides with CTAP2's canonical ordering. The decoder accepts exactly
// that encoding and nothing else, because we only use it to read back and
// check data we produce; strictness turns any encoder bug into a test failure.
//
// Supported: unsigned/negative integers within the JS safe range, byte strings,
// text strings, arrays, maps (JS Map with number or string keys), booleans.
// Not supported: floats, tags, null/undefined, indefinite lengths.

import { utf8Decode, utf8Encode, concatBytes } from '../../vault/bytes';

export type CborMapKey = number | string;
export type CborValue =
  | number
  | string
  | boolean
  | Uint8Array
  | readonly CborValue[]
  | ReadonlyMap<CborMapKey, CborValue>;

/** Nesting limit for arrays/maps; WebAuthn structures need 3 or 4 levels. */
export const MAX_CBOR_DEPTH = 16;

const MAJOR_UNSIGNED = 0;
const MAJOR_NEGATIVE = 1;
const MAJOR_BYTES = 2;
const MAJOR_TEXT = 3;
const MAJOR_ARRAY = 4;
const MAJOR_MAP = 5;
const MAJOR_TAG = 6;
const MAJOR_SIMPLE = 7;

const SIMPLE_FALSE = 20;
const SIMPLE_TRUE = 21;

const TWO_POW_32 = 2 ** 32;

// ---------------------------------------------------------------------------
// Encoding

function header(major: number, argument: number): Uint8Array {
  const m = major << 5;
  if (argument < 24) return Uint8Array.of(m | argument);
  if (argument < 0x100) return Uint8Array.of(m | 24, argument);
  if (argument < 0x10000) return Uint8Array.of(m | 25, argument >>> 8, argument & 0xff);
  if (argument < TWO_POW_32) {
    const out = new Uint8Array(5);
    out[0] = m | 26;
    new DataView(out.buffer).setUint32(1, argument);
    return out;
  }
  const out = new Uint8Array(9);
  out[0] = m | 27;
  const view = new DataView(out.buffer);
  view.setUint32(1, Math.floor(argument / TWO_POW_32));
  view.setUint32(5, argument % TWO_POW_32);
  return out;
}

function encodeInteger(value: number, path: string): Uint8Array {
  if (!Number.isSafeInteger(value)) {
    throw new TypeError(`CBOR encode: ${path} must be a safe integer (floats are not supported), got ${value}`);
  }
  return value >= 0 ? header(MAJOR_UNSIGNED, value) : header(MAJOR_NEGATIVE, -1 - value);
}

/** Lexicographic byte order; a proper prefix sorts first. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const diff = a[i]! - b[i]!;
    if (diff !== 0) return diff;
  }
  return a.length - b.length;
}

function encodeKey(key: unknown, path: string): Uint8Array {
  if (typeof key === 'number') return encodeInteger(key, `${path} key`);
  if (typeof key === 'string') return encodeItem(key, `${path} key`, 0);
  throw new TypeError(`CBOR encode: ${path} has a key of type ${typeof key}; only integer and string keys are supported`);
}

function encodeItem(value: unknown, path: string, depth: number): Uint8Array {
  if (typeof value === 'number') return encodeInteger(value, path);
  if (typeof value === 'boolean') return Uint8Array.of((MAJOR_SIMPLE << 5) | (value ? SIMPLE_TRUE : SIMPLE_FALSE));
  if (typeof value === 'string') {
    const bytes = utf8Encode(value);
    return concatBytes(header(MAJOR_TEXT, bytes.length), bytes);
  }
  if (value instanceof Uint8Array) return concatBytes(header(MAJOR_BYTES, value.length), value);
  if (Array.isArray(value) || value instanceof Map) {
    // Also stops runaway recursion on cyclic structures.
    if (depth >= MAX_CBOR_DEPTH) throw new RangeError(`CBOR encode: ${path} is nested deeper than ${MAX_CBOR_DEPTH} levels`);
  }
  if (Array.isArray(value)) {
    const items = value.map((item: unknown, i) => encodeItem(item, `${path}[${i}]`, depth + 1));
    return concatBytes(header(MAJOR_ARRAY, items.length), ...items);
  }
  if (value instanceof Map) {
    const entries = [...value.entries()].map(([k, v]: [unknown, unknown]) => ({
      key: encodeKey(k, path),
      value: encodeItem(v, `${path}[${JSON.stringify(k)}]`, depth + 1),
    }));
    entries.sort((a, b) => compareBytes(a.key, b.key));
    return concatBytes(header(MAJOR_MAP, entries.length), ...entries.flatMap((e) => [e.key, e.value]));
  }
  const kind = value === null ? 'null' : typeof value === 'object' ? 'a plain object (use a Map)' : typeof value;
  throw new TypeError(`CBOR encode: ${path} is ${kind}, which is not supported`);
}

/** Deterministically encodes `value` (RFC 8949 §4.2.1). */
export function encodeCbor(value: CborValue): Uint8Array {
  return encodeItem(value, 'value', 0);
}

// ---------------------------------------------------------------------------
// Decoding

export class CborDecodeError extends Error {
  constructor(message: string, offset: number) {
    super(`CBOR decode: ${message} (at byte ${offset})`);
    this.name = 'CborDecodeError';
  }
}

class Reader {
  pos = 0;
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  fail(message: string, at = this.pos): never {
    throw new CborDecodeError(message, at);
  }

  need(count: number, what: string): void {
    if (count > this.bytes.length - this.pos) {
      this.fail(`truncated ${what}: needs ${count} bytes, ${this.bytes.length - this.pos} left`);
    }
  }

  /** Reads the argument of an initial byte, insisting on its shortest form. */
  argument(info: number, start: number): number {
    if (info < 24) return info;
    if (info === 31) this.fail('indefinite-length items are not supported', start);
    if (info > 27) this.fail(`reserved additional information value ${info}`, start);
    const size = 1 << (info - 24); // 1, 2, 4 or 8 bytes
    this.need(size, 'argument');
    let value: number;
    if (size === 1) value = this.view.getUint8(this.pos);
    else if (size === 2) value = this.view.getUint16(this.pos);
    else if (size === 4) value = this.view.getUint32(this.pos);
    else {
      const high = this.view.getUint32(this.pos);
      if (high > 0x1fffff) this.fail('integer is outside the JavaScript safe range', start);
      value = high * TWO_POW_32 + this.view.getUint32(this.pos + 4);
    }
    this.pos += size;
    const minimum = size === 1 ? 24 : size === 2 ? 0x100 : size === 4 ? 0x10000 : TWO_POW_32;
    if (value < minimum) this.fail(`non-shortest encoding of argument ${value}`, start);
    return value;
  }

  take(length: number, what: string): Uint8Array {
    this.need(length, what);
    const out = this.bytes.slice(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  item(depth: number): CborValue {
    const start = this.pos;
    this.need(1, 'item');
    const initial = this.bytes[this.pos++]!;
    const major = initial >> 5;
    const info = initial & 0x1f;
    if (major === MAJOR_SIMPLE) {
      if (info === SIMPLE_FALSE) return false;
      if (info === SIMPLE_TRUE) return true;
      return this.fail(`unsupported simple value or float (initial byte 0x${initial.toString(16)})`, start);
    }
    if (major === MAJOR_TAG) return this.fail('tags are not supported', start);
    const arg = this.argument(info, start);
    switch (major) {
      case MAJOR_UNSIGNED:
        return arg;
      case MAJOR_NEGATIVE:
        if (arg >= Number.MAX_SAFE_INTEGER) this.fail('integer is outside the JavaScript safe range', start);
        return -1 - arg;
      case MAJOR_BYTES:
        return this.take(arg, 'byte string');
      case MAJOR_TEXT: {
        const raw = this.take(arg, 'text string');
        try {
          return utf8Decode(raw);
        } catch {
          return this.fail('text string is not valid UTF-8', start);
        }
      }
      case MAJOR_ARRAY: {
        this.enter(depth, start);
        // Every element takes at least one byte: refuse absurd counts before looping.
        this.need(arg, 'array');
        const out: CborValue[] = [];
        for (let i = 0; i < arg; i++) out.push(this.item(depth + 1));
        return out;
      }
      default: // MAJOR_MAP
        return this.map(arg, depth, start);
    }
  }

  private enter(depth: number, start: number): void {
    if (depth >= MAX_CBOR_DEPTH) this.fail(`nesting deeper than ${MAX_CBOR_DEPTH} levels`, start);
  }

  private map(count: number, depth: number, start: number): Map<CborMapKey, CborValue> {
    this.enter(depth, start);
    this.need(count * 2, 'map');
    const out = new Map<CborMapKey, CborValue>();
    let previousKey: Uint8Array | undefined;
    for (let i = 0; i < count; i++) {
      const keyStart = this.pos;
      const key = this.item(depth + 1);
      if (typeof key !== 'number' && typeof key !== 'string') this.fail('map keys must be integers or text strings', keyStart);
      const keyBytes = this.bytes.subarray(keyStart, this.pos);
      if (previousKey !== undefined) {
        const order = compareBytes(previousKey, keyBytes);
        if (order === 0) this.fail(`duplicate map key ${JSON.stringify(key)}`, keyStart);
        if (order > 0) this.fail(`map key ${JSON.stringify(key)} is out of deterministic order`, keyStart);
      }
      previousKey = keyBytes;
      out.set(key, this.item(depth + 1));
    }
    return out;
  }
}

function assertInput(bytes: unknown, fn: string): asserts bytes is Uint8Array {
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`${fn}: input must be a Uint8Array`);
}

/** Decodes one item at the start of `bytes`; returns it and how many bytes it used. */
export function decodeCborPrefix(bytes: Uint8Array): { value: CborValue; length: number } {
  assertInput(bytes, 'decodeCborPrefix');
  const reader = new Reader(bytes);
  const value = reader.item(0);
  return { value, length: reader.pos };
}

/** Decodes exactly one deterministically encoded item; trailing bytes are an error. */
export function decodeCbor(bytes: Uint8Array): CborValue {
  assertInput(bytes, 'decodeCbor');
  const { value, length } = decodeCborPrefix(bytes);
  if (length !== bytes.length) throw new CborDecodeError(`${bytes.length - length} trailing bytes after the item`, length);
  return value;
}
