// The KDBX 4 container: outer header (cipher, compression, seeds, KDF
// parameters), its SHA-256 and HMAC-SHA-256, the HMAC-authenticated block
// stream carrying the encrypted payload, and inside it the inner header (the
// protected-value stream key) followed by the XML document.
import { bytesEqual, concatBytes, fromBase64, randomBytes, toBase64, utf8Decode, utf8Encode, wipe } from '../../bytes';
import { KDF_CEILING } from '../../kdf';
import type { KdfParams } from '../../kdf';
import { corrupt, FormatError } from '../errors';
import { ByteReader, ByteWriter, u32le } from './binary';
import {
  aesKdfTransform,
  argon2Transform,
  blockHmac,
  CIPHER_AES256,
  CIPHER_CHACHA20,
  CIPHER_TWOFISH,
  compositeKey,
  decryptPayload,
  encryptPayload,
  fileKeys,
  headerHmac,
  InnerStream,
  INNER_STREAM_CHACHA20,
  ivLength,
  sha256,
} from './crypto';
import type { OuterCipher } from './crypto';
import { gunzip, gzip } from './gzip';
import { keyFileKey } from './key-file';
import { readVariantDictionary, writeVariantDictionary } from './variant-dictionary';
import type { Variant } from './variant-dictionary';
import { parseXml, walk } from './xml';
import type { XmlElement } from './xml';

const SIGNATURE_1 = 0x9aa2d903;
const SIGNATURE_2 = 0xb54bfb67;
const SIGNATURE_2_KEEPASS_1 = 0xb54bfb65;
const FORMAT_VERSION = 0x00040000; // 4.0

const ARGON2D = 'ef636ddf8c29444b91f7a9a403e30a0c';
const ARGON2ID = '9e298b1956db4773b23dfc3ec6f0a1e6';
const AES_KDF = 'c9d9f39a628a4460bf740d08c18a4fea';

/** Limits for KDF settings read from a file, so a hostile file cannot hang the browser. */
const MAX_ARGON2_ITERATIONS = 200;
const MAX_ARGON2_PARALLELISM = 64;
const MAX_AES_KDF_ROUNDS = 20_000_000;
/** Decompressed payloads larger than this are refused. */
const MAX_PAYLOAD_BYTES = 256 * 1024 * 1024;
const BLOCK_SIZE = 1024 * 1024;

enum Field {
  End = 0,
  CipherId = 2,
  Compression = 3,
  MasterSeed = 4,
  EncryptionIv = 7,
  KdfParameters = 11,
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function fromHex(text: string): Uint8Array {
  return Uint8Array.from({ length: text.length / 2 }, (_, i) => parseInt(text.slice(2 * i, 2 * i + 2), 16));
}

export function isKdbx(bytes: Uint8Array): boolean {
  if (bytes.length < 8) return false;
  const r = new ByteReader(bytes, 'file');
  return r.u32() === SIGNATURE_1;
}

// ---------------------------------------------------------------------------
// Writing

export interface KdbxWriteOptions {
  password: string;
  /** Argon2id strength (Latchkey's own KDF settings). */
  kdf: KdfParams;
  cipher?: OuterCipher;
  compress?: boolean;
  /** Instead of `password`: its KeePass composite key (sync keeps it, never the password). */
  compositeKey?: Uint8Array;
}

/**
 * Writes a KDBX 4.0 file. `buildXml` receives `protect`, which encrypts one
 * protected value with the inner stream and returns its base64; it must be
 * called in document order.
 */
export async function writeKdbx(buildXml: (protect: (value: string) => string) => string, options: KdbxWriteOptions): Promise<Uint8Array> {
  if (options.compositeKey === undefined && (typeof options.password !== 'string' || options.password === '')) throw new Error('writeKdbx: the password must not be empty');
  const cipher = options.cipher ?? 'aes256';
  const compress = options.compress ?? true;
  const masterSeed = randomBytes(32);
  const iv = randomBytes(ivLength(cipher));
  const salt = randomBytes(32);
  const innerKey = randomBytes(64);

  const kdfParameters = writeVariantDictionary([
    ['$UUID', { type: 'bytes', value: fromHex(ARGON2ID) }],
    ['S', { type: 'bytes', value: salt }],
    ['P', { type: 'u32', value: options.kdf.parallelism }],
    ['M', { type: 'u64', value: BigInt(options.kdf.memoryKiB) * 1024n }],
    ['I', { type: 'u64', value: BigInt(options.kdf.iterations) }],
    ['V', { type: 'u32', value: 0x13 }],
  ]);
  const w = new ByteWriter().u32(SIGNATURE_1).u32(SIGNATURE_2).u32(FORMAT_VERSION);
  const field = (id: Field, data: Uint8Array) => w.u8(id).u32(data.length).bytes(data);
  field(Field.CipherId, fromHex(cipher === 'aes256' ? CIPHER_AES256 : CIPHER_CHACHA20));
  field(Field.Compression, u32le(compress ? 1 : 0));
  field(Field.MasterSeed, masterSeed);
  field(Field.EncryptionIv, iv);
  field(Field.KdfParameters, kdfParameters);
  field(Field.End, utf8Encode('\r\n\r\n'));
  const header = w.result();

  const composite = options.compositeKey?.slice() ?? compositeKey(options.password);
  const transformed = await argon2Transform(composite, {
    kind: 'argon2id',
    salt,
    memoryKiB: options.kdf.memoryKiB,
    iterations: options.kdf.iterations,
    parallelism: options.kdf.parallelism,
  });
  const keys = fileKeys(masterSeed, transformed);
  wipe(composite, transformed);

  const stream = new InnerStream(innerKey);
  const xml = buildXml((value) => toBase64(stream.apply(utf8Encode(value))));
  const inner = new ByteWriter()
    .u8(1).u32(4).u32(INNER_STREAM_CHACHA20)
    .u8(2).u32(innerKey.length).bytes(innerKey)
    .u8(0).u32(0)
    .bytes(utf8Encode(xml))
    .result();
  const payload = compress ? await gzip(inner) : inner;
  const ciphertext = await encryptPayload(cipher, keys.cipherKey, iv, payload);
  wipe(inner, innerKey);

  const out = new ByteWriter().bytes(header).bytes(sha256(header)).bytes(headerHmac(keys.hmacBase, header));
  let index = 0n;
  for (let offset = 0; offset <= ciphertext.length; offset += BLOCK_SIZE) {
    const block = ciphertext.subarray(offset, Math.min(offset + BLOCK_SIZE, ciphertext.length));
    if (block.length === 0) break;
    out.bytes(blockHmac(keys.hmacBase, index, block)).u32(block.length).bytes(block);
    index++;
  }
  // The empty final block marks the end and authenticates that nothing was cut off.
  out.bytes(blockHmac(keys.hmacBase, index, new Uint8Array(0))).u32(0);
  wipe(keys.cipherKey, keys.hmacBase);
  return out.result();
}

// ---------------------------------------------------------------------------
// Reading

interface OuterHeader {
  bytes: Uint8Array;
  cipher: OuterCipher;
  compressed: boolean;
  masterSeed: Uint8Array;
  iv: Uint8Array;
  kdf: Map<string, Variant>;
}

/** Reads the header's fields without interpreting them, so its checksum can be verified first. */
function readHeaderFields(r: ByteReader, file: Uint8Array): { bytes: Uint8Array; fields: Map<number, Uint8Array> } {
  if (r.u32() !== SIGNATURE_1) corrupt('This is not a KeePass file.');
  const signature2 = r.u32();
  if (signature2 === SIGNATURE_2_KEEPASS_1) {
    throw new FormatError('unsupported', 'This is a KeePass 1.x (.kdb) file. Open it in KeePass or KeePassXC, save it as KDBX 4, then import that.');
  }
  if (signature2 !== SIGNATURE_2) corrupt('This is not a KeePass 2 file (unknown signature).');
  const minor = r.u16();
  const major = r.u16();
  if (major === 3) throw new Kdbx3File();
  if (major !== 4) {
    throw new FormatError(
      'unsupported',
      `This is a KDBX ${major}.${minor} file; Latchkey reads KDBX 4. In KeePass or KeePassXC, change the database format to KDBX 4 (e.g. choose the Argon2 key derivation), save, then import.`,
    );
  }
  const fields = new Map<number, Uint8Array>();
  for (;;) {
    const id = r.u8();
    const data = r.take(r.u32());
    if (id === Field.End) break;
    fields.set(id, data);
  }
  return { bytes: file.subarray(0, r.position), fields };
}

function interpretHeader(bytes: Uint8Array, fields: Map<number, Uint8Array>): OuterHeader {
  const need = (id: Field, name: string) => fields.get(id) ?? corrupt(`The KeePass file's header has no ${name}.`);
  const cipherId = hex(need(Field.CipherId, 'cipher'));
  let cipher: OuterCipher;
  if (cipherId === CIPHER_AES256) cipher = 'aes256';
  else if (cipherId === CIPHER_CHACHA20) cipher = 'chacha20';
  else if (cipherId === CIPHER_TWOFISH) {
    throw new FormatError('unsupported', 'This KeePass file is encrypted with Twofish; Latchkey reads AES-256 or ChaCha20. Change the encryption in the database settings and save.');
  } else return corrupt('The KeePass file uses an unknown cipher.');
  const compression = need(Field.Compression, 'compression setting');
  if (compression.length !== 4 || compression[0]! > 1 || compression[1] !== 0 || compression[2] !== 0 || compression[3] !== 0) {
    corrupt('The KeePass file uses an unknown compression.');
  }
  const masterSeed = need(Field.MasterSeed, 'master seed');
  if (masterSeed.length !== 32) corrupt('The KeePass file\'s master seed has the wrong length.');
  const iv = need(Field.EncryptionIv, 'encryption IV');
  if (iv.length !== ivLength(cipher)) corrupt('The KeePass file\'s IV has the wrong length for its cipher.');
  return {
    bytes,
    cipher,
    compressed: compression[0] === 1,
    masterSeed,
    iv,
    kdf: readVariantDictionary(need(Field.KdfParameters, 'KDF parameters')),
  };
}

function number(kdf: Map<string, Variant>, key: string, max: number, min = 1): number {
  const value = kdf.get(key);
  if (value === undefined) corrupt(`The KeePass file's KDF parameters have no "${key}".`);
  const n = typeof value.value === 'bigint' ? value.value : typeof value.value === 'number' ? BigInt(value.value) : -1n;
  if (n < BigInt(min) || n > BigInt(max)) {
    throw new FormatError('unsupported', `The KeePass file's KDF setting "${key}" (${String(value.value)}) is outside what Latchkey accepts (${min} to ${max}).`);
  }
  return Number(n);
}

function bytesParam(kdf: Map<string, Variant>, key: string): Uint8Array | undefined {
  const value = kdf.get(key);
  if (value === undefined) return undefined;
  if (value.type !== 'bytes') corrupt(`The KeePass file's KDF parameter "${key}" has the wrong type.`);
  return value.value;
}

async function transformKey(composite: Uint8Array, kdf: Map<string, Variant>): Promise<Uint8Array> {
  const uuid = bytesParam(kdf, '$UUID');
  const kind = uuid && hex(uuid);
  const salt = bytesParam(kdf, 'S') ?? corrupt('The KeePass file\'s KDF parameters have no salt.');
  if (kind === AES_KDF) {
    if (salt.length !== 32) corrupt('The KeePass file\'s AES-KDF seed has the wrong length.');
    return aesKdfTransform(composite, salt, number(kdf, 'R', MAX_AES_KDF_ROUNDS));
  }
  if (kind !== ARGON2D && kind !== ARGON2ID) return corrupt('The KeePass file uses an unknown key derivation function.');
  if (salt.length < 8) corrupt('The KeePass file\'s Argon2 salt is too short.');
  if (number(kdf, 'V', 0x13, 0x10) !== 0x13) {
    throw new FormatError('unsupported', 'The KeePass file uses Argon2 version 1.0; Latchkey supports version 1.3.');
  }
  const ad = bytesParam(kdf, 'A');
  if (ad && ad.length > 0) throw new FormatError('unsupported', 'The KeePass file\'s Argon2 settings use associated data, which Latchkey does not support.');
  const parallelism = number(kdf, 'P', MAX_ARGON2_PARALLELISM);
  const memoryBytes = number(kdf, 'M', KDF_CEILING.memoryKiB * 1024, 8 * 1024 * parallelism);
  const secret = bytesParam(kdf, 'K');
  return argon2Transform(composite, {
    kind: kind === ARGON2D ? 'argon2d' : 'argon2id',
    salt,
    memoryKiB: Math.floor(memoryBytes / 1024),
    iterations: number(kdf, 'I', MAX_ARGON2_ITERATIONS),
    parallelism,
    ...(secret ? { secret } : {}),
  });
}

function readBlocks(r: ByteReader, hmacBase: Uint8Array): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (let index = 0n; ; index++) {
    const mac = r.take(32);
    const size = r.i32();
    if (size < 0) corrupt(`The KeePass file's data block ${index} has an impossible size.`);
    const data = r.take(size);
    if (!bytesEqual(mac, blockHmac(hmacBase, index, data))) {
      throw new FormatError(
        'tampered',
        `The KeePass file's data block ${Number(index) + 1} failed its integrity check (HMAC mismatch): the file was altered or damaged. Nothing was imported.`,
      );
    }
    if (size === 0) return concatBytes(...blocks);
    blocks.push(data);
  }
}

function readInnerHeader(payload: Uint8Array): { stream: InnerStream; xml: Uint8Array } {
  const r = new ByteReader(payload, 'The KeePass file\'s inner header');
  let streamId: number | null = null;
  let key: Uint8Array | null = null;
  for (;;) {
    const id = r.u8();
    const data = r.take(r.u32());
    if (id === 0) break;
    if (id === 1) {
      if (data.length !== 4) corrupt('The KeePass file\'s inner stream id has the wrong length.');
      streamId = new ByteReader(data, 'inner stream id').u32();
    } else if (id === 2) key = data;
    // 3 = attachments: Latchkey has nowhere to put them, so they are not imported.
  }
  if (streamId !== INNER_STREAM_CHACHA20 || key === null) {
    throw new FormatError('unsupported', 'The KeePass file protects its values with a stream cipher other than ChaCha20.');
  }
  return { stream: new InnerStream(key), xml: payload.subarray(r.position) };
}

/** Thrown (and caught in index.ts) for a KDBX 3.x file, which kdbx3.ts reads. */
export class Kdbx3File extends Error {}

interface OpenedHeader {
  r: ByteReader;
  header: ReturnType<typeof interpretHeader>;
  storedHmac: Uint8Array;
}

/** Reads and checks the outer header; what follows is the HMAC-protected block stream. */
function openHeader(file: Uint8Array): OpenedHeader {
  const r = new ByteReader(file, 'The KeePass file');
  const raw = readHeaderFields(r, file);
  const storedHash = r.take(32);
  const storedHmac = r.take(32);
  if (!bytesEqual(storedHash, sha256(raw.bytes))) corrupt('The KeePass file\'s header is damaged (its checksum does not match).');
  return { r, header: interpretHeader(raw.bytes, raw.fields), storedHmac };
}

/**
 * Decrypts the payload with a composite key (which the caller owns and wipes), and returns
 * the XML's root element with every protected value already decrypted (its Protected attribute kept).
 */
async function decryptWithComposite({ r, header, storedHmac }: OpenedHeader, composite: Uint8Array, wrongKey: string): Promise<XmlElement> {
  const transformed = await transformKey(composite, header.kdf);
  const keys = fileKeys(header.masterSeed, transformed);
  wipe(transformed);
  try {
    if (!bytesEqual(storedHmac, headerHmac(keys.hmacBase, header.bytes))) throw new FormatError('wrong-password', wrongKey);
    const ciphertext = readBlocks(r, keys.hmacBase);
    const decrypted = await decryptPayload(header.cipher, keys.cipherKey, header.iv, ciphertext);
    if (decrypted === null) corrupt('The KeePass file\'s encrypted contents are damaged (bad padding).');
    const payload = header.compressed ? await gunzip(decrypted, MAX_PAYLOAD_BYTES) : decrypted;
    const { stream, xml } = readInnerHeader(payload);
    let text: string;
    try {
      text = utf8Decode(xml).replace(/^\uFEFF/, '');
    } catch {
      corrupt('The KeePass file\'s XML is not valid UTF-8.');
    }
    const root = parseXml(text);
    unprotect(root, stream);
    return root;
  } finally {
    wipe(keys.cipherKey, keys.hmacBase);
  }
}

/** Opens a KDBX 4 file with its password and/or key file. */
export async function readKdbx(file: Uint8Array, password: string | undefined, keyFile?: Uint8Array): Promise<XmlElement> {
  const opened = openHeader(file);
  if ((password === undefined || password === '') && keyFile === undefined) {
    throw new FormatError('password-required', 'This KeePass file is protected: enter its master password.');
  }
  const composite = compositeKey(password ?? '', keyFile === undefined ? undefined : keyFileKey(keyFile));
  try {
    return await decryptWithComposite(
      opened,
      composite,
      keyFile === undefined
        ? 'The password is wrong for this KeePass file (or the database also needs its key file: choose it too).'
        : 'The password or the key file is wrong for this KeePass file.',
    );
  } finally {
    wipe(composite);
  }
}

function unprotect(root: XmlElement, stream: InnerStream): void {
  for (const element of walk(root)) {
    if (element.attributes.Protected?.toLowerCase() !== 'true') continue;
    let cipherBytes: Uint8Array;
    try {
      cipherBytes = fromBase64(element.text.trim());
    } catch {
      corrupt('A protected value in the KeePass file is not valid base64.');
    }
    try {
      element.text = utf8Decode(stream.apply(cipherBytes));
    } catch {
      corrupt('A protected value in the KeePass file does not decrypt to text.');
    }
    // The attribute stays: it tells the importer which custom fields were hidden.
  }
}

/**
 * readKdbx for a caller holding the composite key of the password rather than the password
 * (sync: the vault service keeps that key while unlocked). KDBX 4 only.
 */
export async function readKdbxWithKey(file: Uint8Array, composite: Uint8Array): Promise<XmlElement> {
  return decryptWithComposite(openHeader(file), composite, 'The KeePass file is protected by a different password (or also needs a key file).');
}
