// KDBX 4's VariantDictionary: a versioned list of typed, named values, used
// for the KDF parameters. Layout: u16 version 0x0100, then entries of
// [u8 type][i32 key length][key UTF-8][i32 value length][value], then a 0 byte.
import { utf8Decode, utf8Encode } from '../../bytes';
import { corrupt } from '../errors';
import { ByteReader, ByteWriter, u32le, u64le } from './binary';

export type Variant =
  | { type: 'u32'; value: number }
  | { type: 'u64'; value: bigint }
  | { type: 'bool'; value: boolean }
  | { type: 'i32'; value: number }
  | { type: 'i64'; value: bigint }
  | { type: 'string'; value: string }
  | { type: 'bytes'; value: Uint8Array };

const TYPE_CODES = { u32: 0x04, u64: 0x05, bool: 0x08, i32: 0x0c, i64: 0x0d, string: 0x18, bytes: 0x42 } as const;
const VERSION = 0x0100;
const WHAT = 'The KeePass file\'s KDF parameters';

function readValue(code: number, raw: Uint8Array, key: string): Variant {
  const r = new ByteReader(raw, WHAT);
  const expectLength = (n: number) => {
    if (raw.length !== n) corrupt(`${WHAT}: "${key}" has ${raw.length} bytes, expected ${n}.`);
  };
  switch (code) {
    case TYPE_CODES.u32:
      expectLength(4);
      return { type: 'u32', value: r.u32() };
    case TYPE_CODES.u64:
      expectLength(8);
      return { type: 'u64', value: r.u64() };
    case TYPE_CODES.bool:
      expectLength(1);
      return { type: 'bool', value: r.u8() !== 0 };
    case TYPE_CODES.i32:
      expectLength(4);
      return { type: 'i32', value: r.i32() };
    case TYPE_CODES.i64:
      expectLength(8);
      return { type: 'i64', value: BigInt.asIntN(64, r.u64()) };
    case TYPE_CODES.string:
      try {
        return { type: 'string', value: utf8Decode(raw) };
      } catch {
        return corrupt(`${WHAT}: "${key}" is not valid UTF-8.`);
      }
    case TYPE_CODES.bytes:
      return { type: 'bytes', value: raw.slice() };
    default:
      return corrupt(`${WHAT}: "${key}" has unknown value type 0x${code.toString(16)}.`);
  }
}

export function readVariantDictionary(bytes: Uint8Array): Map<string, Variant> {
  const r = new ByteReader(bytes, WHAT);
  const version = r.u16();
  // Minor versions are compatible; a different major one is not.
  if ((version & 0xff00) !== (VERSION & 0xff00)) corrupt(`${WHAT} use an unknown layout version 0x${version.toString(16)}.`);
  const entries = new Map<string, Variant>();
  for (;;) {
    const code = r.u8();
    if (code === 0) break;
    const keyLength = r.i32();
    let key: string;
    try {
      key = utf8Decode(r.take(keyLength));
    } catch {
      corrupt(`${WHAT}: a name is not valid UTF-8.`);
    }
    const value = readValue(code, r.take(r.i32()), key);
    if (entries.has(key)) corrupt(`${WHAT}: "${key}" appears twice.`);
    entries.set(key, value);
  }
  return entries;
}

function encodeValue(variant: Variant): Uint8Array {
  switch (variant.type) {
    case 'u32':
    case 'i32':
      return u32le(variant.value);
    case 'u64':
    case 'i64':
      return u64le(variant.value);
    case 'bool':
      return Uint8Array.of(variant.value ? 1 : 0);
    case 'string':
      return utf8Encode(variant.value);
    case 'bytes':
      return variant.value;
  }
}

export function writeVariantDictionary(entries: readonly (readonly [string, Variant])[]): Uint8Array {
  const w = new ByteWriter().u16(VERSION);
  for (const [key, variant] of entries) {
    const keyBytes = utf8Encode(key);
    const value = encodeValue(variant);
    w.u8(TYPE_CODES[variant.type]).u32(keyBytes.length).bytes(keyBytes).u32(value.length).bytes(value);
  }
  return w.u8(0).result();
}
