// Byte helpers shared by the vault modules. Written by hand (rather than via
// btoa/Buffer) so they behave identically in Node, pages and service workers
// and so decoding is strict: one accepted spelling per byte string.

/** Throws unless `value` is a Uint8Array (optionally of an exact length). */
export function assertBytes(value: unknown, name: string, length?: number): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new TypeError(`${name} must be a Uint8Array, got ${describe(value)}`);
  }
  if (length !== undefined && value.length !== length) {
    throw new RangeError(`${name} must be ${length} bytes, got ${value.length}`);
  }
}

/** Short type description for error messages, never the value itself (it may be secret). */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Uint8Array) return `Uint8Array(${value.length})`;
  return typeof value;
}

/**
 * WebCrypto's typings want bytes backed by a plain ArrayBuffer. Our arrays
 * always are, except in the rare SharedArrayBuffer case, which we copy.
 */
export function asBufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  if (bytes.buffer instanceof ArrayBuffer) return bytes as Uint8Array<ArrayBuffer>;
  return new Uint8Array(bytes);
}

const B64_STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function reverseTable(alphabet: string): Int8Array {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
}
const B64_STANDARD_TABLE = reverseTable(B64_STANDARD);
const B64_URL_TABLE = reverseTable(B64_URL);

const asciiDecoder = new TextDecoder();

function encodeBase64(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  // Write ASCII codes into a byte buffer and decode it once: far faster than
  // growing a string character by character on multi-megabyte vaults.
  const codes = Uint8Array.from(alphabet, (ch) => ch.charCodeAt(0));
  const rest = bytes.length % 3;
  const full = bytes.length - rest;
  const tailChars = rest === 0 ? 0 : pad ? 4 : rest + 1;
  const out = new Uint8Array((full / 3) * 4 + tailChars);
  let o = 0;
  for (let i = 0; i < full; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = codes[n >> 18]!;
    out[o++] = codes[(n >> 12) & 63]!;
    out[o++] = codes[(n >> 6) & 63]!;
    out[o++] = codes[n & 63]!;
  }
  if (rest > 0) {
    const n = (bytes[full]! << 16) | (rest === 2 ? bytes[full + 1]! << 8 : 0);
    out[o++] = codes[n >> 18]!;
    out[o++] = codes[(n >> 12) & 63]!;
    if (rest === 2) out[o++] = codes[(n >> 6) & 63]!;
    if (pad) while (o < out.length) out[o++] = 0x3d; // '='
  }
  return asciiDecoder.decode(out);
}

function decodeBase64(text: unknown, table: Int8Array, padded: boolean, label: string): Uint8Array {
  if (typeof text !== 'string') throw new TypeError(`${label}: expected a string, got ${describe(text)}`);
  let body = text;
  if (padded) {
    if (text.length % 4 !== 0) {
      throw new Error(`${label}: length ${text.length} is not a multiple of 4 (missing or extra padding?)`);
    }
    if (body.endsWith('==')) body = body.slice(0, -2);
    else if (body.endsWith('=')) body = body.slice(0, -1);
  } else if (body.length % 4 === 1) {
    throw new Error(`${label}: length ${text.length} is impossible for this encoding`);
  }
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    const value = code < 128 ? table[code]! : -1;
    if (value < 0) throw new Error(`${label}: invalid character ${JSON.stringify(body[i])} at position ${i}`);
    acc = (acc << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
      acc &= (1 << bits) - 1;
    }
  }
  // Non-zero leftover bits mean a second spelling of the same bytes; refuse it
  // so that every byte string has exactly one encoding (canonical form).
  if (acc !== 0) throw new Error(`${label}: non-canonical encoding (trailing bits are not zero)`);
  return out;
}

/** Standard base64 with `=` padding. */
export function toBase64(bytes: Uint8Array): string {
  assertBytes(bytes, 'toBase64 input');
  return encodeBase64(bytes, B64_STANDARD, true);
}

/** Strict standard base64 (padding required, no whitespace). Throws on anything else. */
export function fromBase64(text: string): Uint8Array {
  return decodeBase64(text, B64_STANDARD_TABLE, true, 'Invalid base64');
}

/** Unpadded base64url, as WebAuthn uses for credential ids and user handles. */
export function toBase64Url(bytes: Uint8Array): string {
  assertBytes(bytes, 'toBase64Url input');
  return encodeBase64(bytes, B64_URL, false);
}

/** Strict unpadded base64url. */
export function fromBase64Url(text: string): Uint8Array {
  return decodeBase64(text, B64_URL_TABLE, false, 'Invalid base64url');
}

const encoder = new TextEncoder();
// fatal: malformed UTF-8 is an error, not silently replaced with U+FFFD.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function utf8Encode(text: string): Uint8Array {
  if (typeof text !== 'string') throw new TypeError(`utf8Encode expects a string, got ${describe(text)}`);
  return encoder.encode(text);
}

export function utf8Decode(bytes: Uint8Array): string {
  assertBytes(bytes, 'utf8Decode input');
  try {
    return decoder.decode(bytes);
  } catch {
    throw new Error('utf8Decode: input is not valid UTF-8');
  }
}

// getRandomValues refuses more than 65536 bytes per call.
const MAX_RANDOM_CHUNK = 65536;

export function randomBytes(length: number): Uint8Array {
  if (!Number.isSafeInteger(length) || length < 0) {
    throw new RangeError(`randomBytes: length must be a non-negative integer, got ${String(length)}`);
  }
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i += MAX_RANDOM_CHUNK) {
    globalThis.crypto.getRandomValues(out.subarray(i, Math.min(i + MAX_RANDOM_CHUNK, length)));
  }
  return out;
}

export function concatBytes(...arrays: Uint8Array[]): Uint8Array {
  let total = 0;
  arrays.forEach((a, i) => {
    assertBytes(a, `concatBytes argument ${i}`);
    total += a.length;
  });
  const out = new Uint8Array(total);
  let offset = 0;
  for (const a of arrays) {
    out.set(a, offset);
    offset += a.length;
  }
  return out;
}

/**
 * Compares two byte arrays without an early exit, so timing reveals at most
 * whether the lengths differ (lengths are not secret where we use this).
 */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  assertBytes(a, 'bytesEqual a');
  assertBytes(b, 'bytesEqual b');
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** Best-effort wipe of key material we own. JS may still hold copies elsewhere. */
export function wipe(...arrays: Uint8Array[]): void {
  for (const a of arrays) a.fill(0);
}
