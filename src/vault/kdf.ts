// Master-password key derivation with Argon2id (RFC 9106), via hash-wasm's
// WebAssembly build, which is fast enough to use serious memory costs.

import { argon2id } from 'hash-wasm';
import { assertBytes, describe, utf8Encode, wipe } from './bytes';

export interface KdfParams {
  algorithm: 'argon2id';
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

/** 64 MiB, 3 passes, 4 lanes: RFC 9106's second recommended option, ~0.4 s in WASM. */
export const DEFAULT_KDF: Readonly<KdfParams> = Object.freeze({
  algorithm: 'argon2id',
  memoryKiB: 65536,
  iterations: 3,
  parallelism: 4,
});

/**
 * Anything weaker is refused outright: a tampered or malicious vault header
 * could otherwise downgrade the KDF (e.g. m=1 KiB) to make guessing cheap.
 */
export const KDF_FLOOR: Readonly<Omit<KdfParams, 'algorithm'>> = Object.freeze({
  memoryKiB: 16384,
  iterations: 2,
  parallelism: 1,
});

/** Upper bounds keep a hostile header from hanging or exhausting the browser. */
export const KDF_CEILING: Readonly<Omit<KdfParams, 'algorithm'>> = Object.freeze({
  memoryKiB: 1048576,
  iterations: 20,
  parallelism: 16,
});

export const MASTER_KEY_LENGTH = 32;
export const MIN_SALT_LENGTH = 16;

const NUMERIC_FIELDS = ['memoryKiB', 'iterations', 'parallelism'] as const;

/** Checks shape, floor and ceiling; returns a clean copy. */
export function validateKdfParams(params: unknown): KdfParams {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new TypeError(`KDF parameters must be an object, got ${describe(params)}`);
  }
  const record = params as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key !== 'algorithm' && !(NUMERIC_FIELDS as readonly string[]).includes(key)) {
      throw new Error(`KDF parameters: unexpected field "${key}"`);
    }
  }
  if (record.algorithm !== 'argon2id') {
    throw new Error(`KDF parameters: unsupported algorithm ${JSON.stringify(record.algorithm)}; expected "argon2id"`);
  }
  for (const key of NUMERIC_FIELDS) {
    const value = record[key];
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      throw new Error(`KDF parameters: ${key} must be an integer, got ${describe(value)}`);
    }
  }
  const checked: KdfParams = {
    algorithm: 'argon2id',
    memoryKiB: record.memoryKiB as number,
    iterations: record.iterations as number,
    parallelism: record.parallelism as number,
  };
  const below = NUMERIC_FIELDS.filter((key) => checked[key] < KDF_FLOOR[key]);
  if (below.length > 0) {
    throw new Error(
      `KDF parameters below the safe floor: ${below.map((key) => `${key} ${checked[key]} < ${KDF_FLOOR[key]}`).join(', ')}`,
    );
  }
  const above = NUMERIC_FIELDS.filter((key) => checked[key] > KDF_CEILING[key]);
  if (above.length > 0) {
    throw new Error(
      `KDF parameters above the supported ceiling: ${above.map((key) => `${key} ${checked[key]} > ${KDF_CEILING[key]}`).join(', ')}`,
    );
  }
  // Argon2 needs at least 8 KiB per lane; the floor already implies it, but keep the rule explicit.
  if (checked.memoryKiB < 8 * checked.parallelism) {
    throw new Error(`KDF parameters: memoryKiB must be at least 8 x parallelism`);
  }
  return checked;
}

export interface Argon2idRawInput {
  password: Uint8Array;
  salt: Uint8Array;
  memoryKiB: number;
  iterations: number;
  parallelism: number;
  hashLength: number;
  /** Optional key ("secret" K in RFC 9106). */
  secret?: Uint8Array;
  /**
   * Associated data (X in RFC 9106). hash-wasm cannot take it, so anything
   * but empty is refused rather than silently ignored.
   */
  ad?: Uint8Array;
}

function assertRawInteger(value: unknown, name: string, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(`argon2idRaw: ${name} must be an integer in ${min}..${max}, got ${String(value)}`);
  }
}

/**
 * Argon2id (version 0x13) with raw byte inputs and no safety floor. Exists for
 * known-answer tests; vault code should use deriveMasterKey.
 */
export async function argon2idRaw(input: Argon2idRawInput): Promise<Uint8Array> {
  if (typeof input !== 'object' || input === null) throw new TypeError('argon2idRaw: input must be an object');
  assertBytes(input.password, 'argon2idRaw password');
  // hash-wasm cannot hash an empty password; say so in our words rather than its.
  if (input.password.length === 0) throw new RangeError('argon2idRaw: password must not be empty');
  assertBytes(input.salt, 'argon2idRaw salt');
  if (input.salt.length < 8) throw new RangeError(`argon2idRaw: salt must be at least 8 bytes, got ${input.salt.length}`);
  assertRawInteger(input.parallelism, 'parallelism', 1, 0xffffff);
  assertRawInteger(input.memoryKiB, 'memoryKiB', 8 * input.parallelism, KDF_CEILING.memoryKiB * 4);
  assertRawInteger(input.iterations, 'iterations', 1, 0xffffffff);
  assertRawInteger(input.hashLength, 'hashLength', 4, 1024);
  if (input.secret !== undefined) assertBytes(input.secret, 'argon2idRaw secret');
  if (input.ad !== undefined) {
    assertBytes(input.ad, 'argon2idRaw ad');
    if (input.ad.length > 0) throw new Error('argon2idRaw: associated data (ad) is not supported by the hash-wasm backend');
  }
  const output = await argon2id({
    password: input.password,
    salt: input.salt,
    ...(input.secret !== undefined && input.secret.length > 0 ? { secret: input.secret } : {}),
    memorySize: input.memoryKiB,
    iterations: input.iterations,
    parallelism: input.parallelism,
    hashLength: input.hashLength,
    outputType: 'binary',
  });
  return output;
}

/** Encodes the password the same way on every device: Unicode NFC, then UTF-8. */
export function encodePassword(password: string): Uint8Array {
  if (typeof password !== 'string') throw new TypeError(`password must be a string, got ${describe(password)}`);
  return utf8Encode(password.normalize('NFC'));
}

/** Derives the 32-byte master key that wraps the vault key. The password must not be empty. */
export async function deriveMasterKey(password: string, salt: Uint8Array, params: KdfParams): Promise<Uint8Array> {
  const checked = validateKdfParams(params);
  assertBytes(salt, 'salt');
  if (salt.length < MIN_SALT_LENGTH) throw new RangeError(`salt must be at least ${MIN_SALT_LENGTH} bytes, got ${salt.length}`);
  const passwordBytes = encodePassword(password);
  try {
    return await argon2idRaw({
      password: passwordBytes,
      salt,
      memoryKiB: checked.memoryKiB,
      iterations: checked.iterations,
      parallelism: checked.parallelism,
      hashLength: MASTER_KEY_LENGTH,
    });
  } finally {
    wipe(passwordBytes);
  }
}
