// The KDBX 4 key schedule and ciphers:
//   composite = SHA-256(SHA-256(password))            (password is the only key part we support)
//   transformed = KDF(composite)                       (Argon2d/Argon2id, or AES-KDF)
//   cipher key = SHA-256(masterSeed || transformed)
//   HMAC base = SHA-512(masterSeed || transformed || 0x01)
//   block key(i) = SHA-512(u64le(i) || HMAC base)      (i = 2^64-1 for the header)
import { unsafe as aesUnsafe } from '@noble/ciphers/aes.js';
import { chacha20 } from '@noble/ciphers/chacha.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { argon2d, argon2id } from 'hash-wasm';
import { asBufferSource, concatBytes, utf8Encode, wipe } from '../../bytes';
import { u32le, u64le } from './binary';

export { sha256, sha512 };

/** SHA-256 over the parts: the password's SHA-256 (when there is one), then the key file's key. */
export function compositeKey(password: string, keyFileKey?: Uint8Array): Uint8Array {
  // KeePass hashes the password's UTF-8 bytes as typed (no normalisation).
  if (keyFileKey === undefined) return sha256(sha256(utf8Encode(password)));
  const parts = password === '' ? keyFileKey : new Uint8Array([...sha256(utf8Encode(password)), ...keyFileKey]);
  return sha256(parts);
}

export interface Argon2Params {
  kind: 'argon2d' | 'argon2id';
  salt: Uint8Array;
  memoryKiB: number;
  iterations: number;
  parallelism: number;
  secret?: Uint8Array;
}

export async function argon2Transform(key: Uint8Array, params: Argon2Params): Promise<Uint8Array> {
  const options = {
    password: key,
    salt: params.salt,
    memorySize: params.memoryKiB,
    iterations: params.iterations,
    parallelism: params.parallelism,
    hashLength: 32,
    outputType: 'binary' as const,
    ...(params.secret && params.secret.length > 0 ? { secret: params.secret } : {}),
  };
  return params.kind === 'argon2d' ? argon2d(options) : argon2id(options);
}

/**
 * AES-KDF: each 16-byte half of the key is AES-256-ECB encrypted `rounds`
 * times with the seed, then hashed. Uses noble's block function directly so a
 * round costs no allocation (KeePassXC files may ask for millions of rounds).
 */
export function aesKdfTransform(key: Uint8Array, seed: Uint8Array, rounds: number): Uint8Array {
  const expanded = aesUnsafe.expandKeyLE(seed);
  const words = new Uint32Array(key.slice().buffer);
  for (let half = 0; half < 8; half += 4) {
    let s0 = words[half]!;
    let s1 = words[half + 1]!;
    let s2 = words[half + 2]!;
    let s3 = words[half + 3]!;
    for (let round = 0; round < rounds; round++) {
      ({ s0, s1, s2, s3 } = aesUnsafe.encrypt(expanded, s0, s1, s2, s3));
    }
    words[half] = s0;
    words[half + 1] = s1;
    words[half + 2] = s2;
    words[half + 3] = s3;
  }
  const out = new Uint8Array(words.buffer);
  try {
    return sha256(out);
  } finally {
    wipe(out);
  }
}

export interface FileKeys {
  cipherKey: Uint8Array;
  hmacBase: Uint8Array;
}

export function fileKeys(masterSeed: Uint8Array, transformed: Uint8Array): FileKeys {
  return {
    cipherKey: sha256(concatBytes(masterSeed, transformed)),
    hmacBase: sha512(concatBytes(masterSeed, transformed, Uint8Array.of(1))),
  };
}

export const HEADER_BLOCK_INDEX = 0xffffffffffffffffn;

export function blockHmac(hmacBase: Uint8Array, index: bigint, data: Uint8Array): Uint8Array {
  const key = sha512(concatBytes(u64le(index), hmacBase));
  try {
    return hmac(sha256, key, concatBytes(u64le(index), u32le(data.length), data));
  } finally {
    wipe(key);
  }
}

export function headerHmac(hmacBase: Uint8Array, header: Uint8Array): Uint8Array {
  const key = sha512(concatBytes(u64le(HEADER_BLOCK_INDEX), hmacBase));
  try {
    return hmac(sha256, key, header);
  } finally {
    wipe(key);
  }
}

// ---------------------------------------------------------------------------
// Outer ciphers

export const CIPHER_AES256 = '31c1f2e6bf714350be5805216afc5aff';
export const CIPHER_CHACHA20 = 'd6038a2b8b6f4cb5a524339a31dbb59a';
export const CIPHER_TWOFISH = 'ad68f29f576f4bb9a36ad47af965346c';
export type OuterCipher = 'aes256' | 'chacha20';

export function ivLength(cipher: OuterCipher): number {
  return cipher === 'aes256' ? 16 : 12;
}

async function aesCbcKey(key: Uint8Array, usage: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
  return globalThis.crypto.subtle.importKey('raw', asBufferSource(key), { name: 'AES-CBC' }, false, [usage]);
}

export async function encryptPayload(cipher: OuterCipher, key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Promise<Uint8Array> {
  if (cipher === 'chacha20') return chacha20(key, iv, plaintext);
  // WebCrypto's AES-CBC adds PKCS#7 padding, as KeePass expects.
  const out = await globalThis.crypto.subtle.encrypt({ name: 'AES-CBC', iv: asBufferSource(iv) }, await aesCbcKey(key, 'encrypt'), asBufferSource(plaintext));
  return new Uint8Array(out);
}

/** Returns null when the AES padding is wrong (the blocks authenticated, so the file was made wrongly). */
export async function decryptPayload(cipher: OuterCipher, key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Promise<Uint8Array | null> {
  if (cipher === 'chacha20') return chacha20(key, iv, ciphertext);
  try {
    const out = await globalThis.crypto.subtle.decrypt({ name: 'AES-CBC', iv: asBufferSource(iv) }, await aesCbcKey(key, 'decrypt'), asBufferSource(ciphertext));
    return new Uint8Array(out);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------
// Inner random stream (protected values in the XML), ChaCha20 variant (id 3)

export const INNER_STREAM_CHACHA20 = 3;

/** XORs protected values with one continuous ChaCha20 keystream, in document order. */
export class InnerStream {
  private readonly key: Uint8Array;
  private readonly nonce: Uint8Array;
  private pool = new Uint8Array(0);
  private used = 0;
  private block = 0;

  constructor(innerKey: Uint8Array) {
    const hash = sha512(innerKey);
    this.key = hash.slice(0, 32);
    this.nonce = hash.slice(32, 44);
  }

  apply(data: Uint8Array): Uint8Array {
    const out = new Uint8Array(data.length);
    for (let i = 0; i < data.length; i++) {
      if (this.used === this.pool.length) this.refill(data.length - i);
      out[i] = data[i]! ^ this.pool[this.used++]!;
    }
    return out;
  }

  private refill(wanted: number): void {
    const blocks = Math.max(1, Math.ceil(wanted / 64));
    this.pool = chacha20(this.key, this.nonce, new Uint8Array(blocks * 64), undefined, this.block);
    this.block += blocks;
    this.used = 0;
  }
}
