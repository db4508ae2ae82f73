// For import.fuzz.test.ts: byte mutations, and a KDBX 4 writer whose every layer
// can be made valid or damaged on purpose. Checksums and HMACs are computed over
// whatever was written, so damage in one layer reaches the reader of the next.
import { concatBytes, randomBytes, toBase64, utf8Encode } from '../bytes';
import type { VaultData } from '../model';
import { ByteWriter, u32le, u64le } from './kdbx/binary';
import {
  aesKdfTransform,
  argon2Transform,
  blockHmac,
  CIPHER_AES256,
  CIPHER_CHACHA20,
  CIPHER_TWOFISH,
  compositeKey,
  encryptPayload,
  fileKeys,
  headerHmac,
  InnerStream,
  INNER_STREAM_CHACHA20,
  sha256,
} from './kdbx/crypto';
import { buildKdbxXml } from './kdbx/entries';
import { gzip } from './kdbx/gzip';

export type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number; to: number };

/** Applies `mutations` to a copy of `base`, at offsets taken modulo the file (or `region` of it). */
export function mutate(base: Uint8Array, mutations: readonly Mutation[], region?: { from: number; to: number }): Uint8Array {
  let bytes: Uint8Array = base.slice();
  for (const m of mutations) {
    if (bytes.length === 0) break;
    const from = region ? Math.min(region.from, bytes.length - 1) : 0;
    const span = region ? Math.max(1, Math.min(region.to, bytes.length) - from) : bytes.length;
    const at = from + (m.at % span);
    switch (m.kind) {
      case 'truncate':
        bytes = bytes.slice(0, at);
        break;
      case 'flip':
        bytes[at] = bytes[at]! ^ (1 << m.bit);
        break;
      case 'set':
        bytes[at] = m.value;
        break;
      case 'insert':
        bytes = concatBytes(bytes.subarray(0, at), m.bytes, bytes.subarray(at));
        break;
      case 'delete':
        bytes = concatBytes(bytes.subarray(0, at), bytes.subarray(at + m.length));
        break;
      case 'duplicate': {
        const piece = bytes.slice(at, at + m.length);
        const to = m.to % (bytes.length + 1);
        bytes = concatBytes(bytes.subarray(0, to), piece, bytes.subarray(to));
        break;
      }
    }
  }
  return bytes;
}

const ARGON2D = 'ef636ddf8c29444b91f7a9a403e30a0c';
const ARGON2ID = '9e298b1956db4773b23dfc3ec6f0a1e6';
const AES_KDF = 'c9d9f39a628a4460bf740d08c18a4fea';

export type KdfSpec =
  | { kind: 'argon2d' | 'argon2id'; memoryKiB: number; iterations: number; parallelism: number; saltLength: number; secret?: Uint8Array; version: number; emptyAd: boolean }
  | { kind: 'aes'; rounds: number; seedLength: number }
  /** Entries written as given (type code, name, value): for settings that must be refused. */
  | { kind: 'raw'; entries: [string, number, Uint8Array][]; version: number; truncateBy: number };

export interface KdbxSpec {
  cipher: 'aes256' | 'chacha20' | 'twofish' | 'unknown';
  version: [major: number, minor: number];
  /** 0 none, 1 gzip, anything else unknown. */
  compression: number;
  kdf: KdfSpec;
  headerChange: null | 'drop-seed' | 'drop-iv' | 'drop-kdf' | 'drop-cipher' | 'drop-compression' | 'short-seed' | 'short-iv' | 'extra-field' | 'repeat-field';
  innerHeader: 'valid' | 'salsa20' | 'no-key' | 'short-id' | 'attachment' | 'truncated' | 'empty-key';
  /** The sample vault's XML with string damage [offset, inserted, deleted count], XML written elsewhere, or raw bytes. */
  xml: ['sample', [number, string, number][]] | ['scratch', string] | ['bytes', Uint8Array];
  /** Applied to the (compressed) payload before encryption. */
  payloadDamage: Mutation[] | null;
  ciphertextDamage: Mutation[] | null;
  /** Sizes of the data blocks the ciphertext is cut into; the rest goes in one more. */
  blockSizes: number[];
  blockDamage: null | 'bad-mac' | 'no-final' | 'negative-size' | 'trailing' | 'huge-size';
  password: string;
}

const hexBytes = (hex: string) => Uint8Array.from({ length: hex.length / 2 }, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16));

function variantDictionary(entries: readonly [string, number, Uint8Array][], version = 0x0100): Uint8Array {
  const w = new ByteWriter().u16(version);
  for (const [key, type, value] of entries) {
    const name = utf8Encode(key);
    w.u8(type).u32(name.length).bytes(name).u32(value.length).bytes(value);
  }
  return w.u8(0).result();
}

function kdfParameters(kdf: KdfSpec, salt: Uint8Array): Uint8Array {
  if (kdf.kind === 'raw') {
    const bytes = variantDictionary(kdf.entries, kdf.version);
    return bytes.subarray(0, Math.max(0, bytes.length - kdf.truncateBy));
  }
  if (kdf.kind === 'aes') return variantDictionary([['$UUID', 0x42, hexBytes(AES_KDF)], ['S', 0x42, salt], ['R', 0x05, u64le(BigInt(kdf.rounds))]]);
  return variantDictionary([
    ['$UUID', 0x42, hexBytes(kdf.kind === 'argon2d' ? ARGON2D : ARGON2ID)],
    ['S', 0x42, salt],
    ['P', 0x04, u32le(kdf.parallelism)],
    ['M', 0x05, u64le(BigInt(kdf.memoryKiB) * 1024n)],
    ['I', 0x05, u64le(BigInt(kdf.iterations))],
    ['V', 0x04, u32le(kdf.version)],
    ...(kdf.secret ? [['K', 0x42, kdf.secret] as [string, number, Uint8Array]] : []),
    ...(kdf.emptyAd ? [['A', 0x42, new Uint8Array(0)] as [string, number, Uint8Array]] : []),
  ]);
}

async function transformed(kdf: KdfSpec, composite: Uint8Array, salt: Uint8Array): Promise<Uint8Array> {
  if (kdf.kind === 'raw') return randomBytes(32);
  if (kdf.kind === 'aes') return aesKdfTransform(composite, salt, kdf.rounds);
  // Settings the reader refuses need no real key.
  if (kdf.memoryKiB < 8 * kdf.parallelism) return randomBytes(32);
  return argon2Transform(composite, { kind: kdf.kind, salt, memoryKiB: kdf.memoryKiB, iterations: kdf.iterations, parallelism: kdf.parallelism, ...(kdf.secret ? { secret: kdf.secret } : {}) });
}

function innerHeader(kind: KdbxSpec['innerHeader'], key: Uint8Array): Uint8Array {
  const w = new ByteWriter();
  if (kind === 'short-id') w.u8(1).u32(2).u16(INNER_STREAM_CHACHA20);
  else w.u8(1).u32(4).u32(kind === 'salsa20' ? 2 : INNER_STREAM_CHACHA20);
  if (kind === 'empty-key') w.u8(2).u32(0);
  else if (kind !== 'no-key') w.u8(2).u32(key.length).bytes(key);
  if (kind === 'attachment') w.u8(3).u32(5).bytes(Uint8Array.of(1, 0x41, 0x42, 0x43, 0x44));
  if (kind === 'truncated') return w.u8(0).u32(7).result();
  return w.u8(0).u32(0).result();
}

/** Writes a KDBX file to `spec`, holding `vault`'s items where the XML is the sample's. */
export async function kdbxFile(spec: KdbxSpec, vault: VaultData): Promise<Uint8Array> {
  const effective = spec.cipher === 'chacha20' ? 'chacha20' : 'aes256';
  const cipherId = spec.cipher === 'aes256' ? hexBytes(CIPHER_AES256) : spec.cipher === 'chacha20' ? hexBytes(CIPHER_CHACHA20) : spec.cipher === 'twofish' ? hexBytes(CIPHER_TWOFISH) : randomBytes(16);
  const masterSeed = randomBytes(spec.headerChange === 'short-seed' ? 16 : 32);
  const iv = randomBytes((effective === 'aes256' ? 16 : 12) + (spec.headerChange === 'short-iv' ? -4 : 0));
  const salt = randomBytes(spec.kdf.kind === 'aes' ? spec.kdf.seedLength : spec.kdf.kind === 'raw' ? 32 : spec.kdf.saltLength);
  const fields: [number, Uint8Array][] = [
    [2, cipherId],
    [3, u32le(spec.compression)],
    [4, masterSeed],
    [7, iv],
    [11, kdfParameters(spec.kdf, salt)],
  ];
  const dropped = { 'drop-cipher': 2, 'drop-compression': 3, 'drop-seed': 4, 'drop-iv': 7, 'drop-kdf': 11 } as Record<string, number>;
  const kept = fields.filter(([id]) => dropped[spec.headerChange ?? ''] !== id);
  if (spec.headerChange === 'extra-field') kept.push([99, randomBytes(7)]);
  if (spec.headerChange === 'repeat-field') kept.push([4, randomBytes(32)]);
  const w = new ByteWriter().u32(0x9aa2d903).u32(0xb54bfb67).u16(spec.version[1]).u16(spec.version[0]);
  for (const [id, data] of kept) w.u8(id).u32(data.length).bytes(data);
  w.u8(0).u32(4).bytes(utf8Encode('\r\n\r\n'));
  const header = w.result();

  const keys = fileKeys(masterSeed, await transformed(spec.kdf, compositeKey(spec.password), salt));
  const innerKey = randomBytes(64);
  let xml: Uint8Array;
  if (spec.xml[0] === 'bytes') xml = spec.xml[1];
  else if (spec.xml[0] === 'scratch') xml = utf8Encode(spec.xml[1]);
  else {
    const stream = new InnerStream(innerKey);
    let text = buildKdbxXml(vault, (value) => toBase64(stream.apply(utf8Encode(value))));
    for (const [at, inserted, deleted] of spec.xml[1]) {
      const offset = at % (text.length + 1);
      text = text.slice(0, offset) + inserted + text.slice(offset + deleted);
    }
    xml = utf8Encode(text);
  }
  let payload = concatBytes(innerHeader(spec.innerHeader, innerKey), xml);
  if (spec.compression === 1) payload = await gzip(payload);
  if (spec.payloadDamage) payload = mutate(payload, spec.payloadDamage);
  let ciphertext = await encryptPayload(effective, keys.cipherKey, iv.length === (effective === 'aes256' ? 16 : 12) ? iv : randomBytes(effective === 'aes256' ? 16 : 12), payload);
  if (spec.ciphertextDamage) ciphertext = mutate(ciphertext, spec.ciphertextDamage);

  const out = new ByteWriter().bytes(header).bytes(sha256(header)).bytes(headerHmac(keys.hmacBase, header));
  const blocks: Uint8Array[] = [];
  let offset = 0;
  for (const size of spec.blockSizes) {
    if (size === 0 || offset >= ciphertext.length) continue;
    blocks.push(ciphertext.subarray(offset, offset + size));
    offset += size;
  }
  if (offset < ciphertext.length) blocks.push(ciphertext.subarray(offset));
  let index = 0n;
  for (const block of blocks) {
    const mac = blockHmac(keys.hmacBase, index, block);
    if (spec.blockDamage === 'bad-mac' && index === 0n) mac[0] = mac[0]! ^ 1;
    out.bytes(mac).u32(spec.blockDamage === 'huge-size' && index === 0n ? 0x7fffffff : spec.blockDamage === 'negative-size' && index === 0n ? 0xfffffff0 : block.length).bytes(block);
    index++;
  }
  if (spec.blockDamage !== 'no-final') out.bytes(blockHmac(keys.hmacBase, index, new Uint8Array(0))).u32(0);
  if (spec.blockDamage === 'trailing') out.bytes(randomBytes(13));
  return out.result();
}
