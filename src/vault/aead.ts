// AES-256-GCM through WebCrypto. Every encryption draws a fresh random 96-bit
// nonce; with the handful of encryptions a vault key sees (one per save) the
// collision risk stays far below NIST's 2^32-messages-per-key bound.

import { asBufferSource, assertBytes, describe, randomBytes } from './bytes';
import { VaultIntegrityError } from './errors';

export { VaultIntegrityError } from './errors';

export const AES_KEY_LENGTH = 32;
export const GCM_NONCE_LENGTH = 12;
export const GCM_TAG_LENGTH = 16;

export interface AesGcmSealed {
  nonce: Uint8Array;
  /** Ciphertext with the 16-byte tag appended (WebCrypto's layout). */
  ciphertext: Uint8Array;
}

/** Imports 32 raw bytes as a non-extractable AES-GCM key. */
export async function importAesKey(raw: Uint8Array): Promise<CryptoKey> {
  assertBytes(raw, 'AES key', AES_KEY_LENGTH);
  return globalThis.crypto.subtle.importKey('raw', asBufferSource(raw), { name: 'AES-GCM' }, false, [
    'encrypt',
    'decrypt',
  ]);
}

function assertAesKey(key: CryptoKey): void {
  if (typeof key !== 'object' || key === null || (key as CryptoKey).algorithm?.name !== 'AES-GCM') {
    throw new TypeError(`expected an AES-GCM CryptoKey from importAesKey, got ${describe(key)}`);
  }
}

export async function aesGcmEncrypt(key: CryptoKey, plaintext: Uint8Array, aad: Uint8Array): Promise<AesGcmSealed> {
  assertAesKey(key);
  assertBytes(plaintext, 'plaintext');
  assertBytes(aad, 'aad');
  const nonce = randomBytes(GCM_NONCE_LENGTH);
  const ciphertext = await globalThis.crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: asBufferSource(nonce), additionalData: asBufferSource(aad), tagLength: GCM_TAG_LENGTH * 8 },
    key,
    asBufferSource(plaintext),
  );
  return { nonce, ciphertext: new Uint8Array(ciphertext) };
}

/** Throws VaultIntegrityError if the tag does not verify (wrong key, wrong AAD, or altered data). */
export async function aesGcmDecrypt(
  key: CryptoKey,
  nonce: Uint8Array,
  ciphertext: Uint8Array,
  aad: Uint8Array,
): Promise<Uint8Array> {
  assertAesKey(key);
  assertBytes(nonce, 'nonce');
  assertBytes(ciphertext, 'ciphertext');
  assertBytes(aad, 'aad');
  // Bad lengths can only come from corrupted stored data, so report them as such.
  if (nonce.length !== GCM_NONCE_LENGTH) throw new VaultIntegrityError(`nonce is ${nonce.length} bytes, expected ${GCM_NONCE_LENGTH}`);
  if (ciphertext.length < GCM_TAG_LENGTH) throw new VaultIntegrityError('ciphertext is shorter than its authentication tag');
  try {
    const plaintext = await globalThis.crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: asBufferSource(nonce), additionalData: asBufferSource(aad), tagLength: GCM_TAG_LENGTH * 8 },
      key,
      asBufferSource(ciphertext),
    );
    return new Uint8Array(plaintext);
  } catch (error) {
    // WebCrypto reports a failed tag check as OperationError; anything else is a real bug.
    if ((error as { name?: unknown } | null)?.name === 'OperationError') throw new VaultIntegrityError();
    throw error;
  }
}
