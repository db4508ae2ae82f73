// The at-rest vault format: a plaintext header (KDF settings, salt, the vault
// key wrapped by the master key) and an encrypted record (the VaultData JSON
// encrypted with the vault key).
//
// Key hierarchy: password --Argon2id(salt, kdf)--> master key --AES-GCM--> vault key.
// Changing the password or the KDF (rekeyVault) makes a fresh random vault key, so
// nothing the old password or the old key could open stays readable with them.
//
// Both ciphertexts authenticate the header fields as AAD, so neither a header
// edit (e.g. a KDF downgrade) nor moving a record to another vault or
// generation goes unnoticed.

import { aesGcmDecrypt, aesGcmEncrypt, importAesKey, AES_KEY_LENGTH, GCM_NONCE_LENGTH, GCM_TAG_LENGTH } from './aead';
import { asBufferSource, assertBytes, fromBase64, randomBytes, toBase64, utf8Decode, utf8Encode, wipe } from './bytes';
import { VaultIntegrityError, VaultValidationError, WrongPasswordError } from './errors';
import { DEFAULT_KDF, deriveMasterKey, validateKdfParams } from './kdf';
import type { KdfParams } from './kdf';
import { assertReadableVersion, migrateVaultData, VAULT_FORMAT_VERSION } from './migrations';
import { expectInteger, expectRecord, expectString, expectUuid, newId, validateVaultData } from './model';
import type { VaultData } from './model';

export { VAULT_FORMAT_VERSION } from './migrations';
export { VaultIntegrityError, WrongPasswordError, NewerVaultVersionError } from './errors';

export const VAULT_FORMAT_NAME = 'latchkey-vault';
export const SALT_LENGTH = 16;
const MAX_SALT_LENGTH = 64;

export interface VaultHeader {
  format: 'latchkey-vault';
  version: number;
  vaultId: string;
  kdf: KdfParams;
  /** base64, 16+ bytes. */
  salt: string;
  /** Vault key sealed with the master key; AAD = headerAad(header). */
  wrappedKey: { nonce: string; ciphertext: string };
}

export interface EncryptedRecord {
  vaultId: string;
  /** Increases with every save; authenticated, so records can't be swapped between generations. */
  generation: number;
  nonce: string;
  ciphertext: string;
}

// ---------------------------------------------------------------------------
// Canonical authenticated bytes

/**
 * The header fields every ciphertext is bound to, as a JSON array: fixed
 * order, and JSON string escaping makes the encoding unambiguous.
 */
function canonicalHeaderFields(header: VaultHeader): unknown[] {
  const { kdf } = header;
  return [header.format, header.version, header.vaultId, kdf.algorithm, kdf.memoryKiB, kdf.iterations, kdf.parallelism, header.salt];
}

/** AAD for the wrapped vault key: the header minus wrappedKey, with a purpose label. */
export function headerAad(header: VaultHeader): Uint8Array {
  return utf8Encode(JSON.stringify(['latchkey/wrapped-vault-key', ...canonicalHeaderFields(header)]));
}

/** AAD for an encrypted record: the same header fields plus the record's generation. */
export function recordAad(header: VaultHeader, generation: number): Uint8Array {
  return utf8Encode(JSON.stringify(['latchkey/vault-record', ...canonicalHeaderFields(header), generation]));
}

// ---------------------------------------------------------------------------
// Validation

function expectBase64Bytes(value: unknown, path: string, minLength: number, maxLength: number): string {
  // Loose character cap (stops absurd input early); the byte count below gives the precise message.
  const text = expectString(value, path, 2 * maxLength + 64);
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(text);
  } catch (error) {
    throw new VaultValidationError(path, (error as Error).message);
  }
  if (bytes.length < minLength || bytes.length > maxLength) {
    throw new VaultValidationError(
      path,
      minLength === maxLength
        ? `expected ${minLength} bytes, got ${bytes.length}`
        : `expected ${minLength}..${maxLength} bytes, got ${bytes.length}`,
    );
  }
  return text;
}

/**
 * Checks a stored header strictly, including the KDF floor (a tampered header
 * must not make us run a weak KDF) and the format version (newer is refused).
 */
export function validateHeader(value: unknown): VaultHeader {
  const path = 'header';
  const record = expectRecord(value, path, ['format', 'version', 'vaultId', 'kdf', 'salt', 'wrappedKey']);
  if (record.format !== VAULT_FORMAT_NAME) {
    throw new VaultValidationError(`${path}.format`, `expected "${VAULT_FORMAT_NAME}", got ${JSON.stringify(record.format)}`);
  }
  const version = expectInteger(record.version, `${path}.version`, 0, Number.MAX_SAFE_INTEGER);
  assertReadableVersion(version);
  let kdf: KdfParams;
  try {
    kdf = validateKdfParams(record.kdf);
  } catch (error) {
    throw new VaultValidationError(`${path}.kdf`, (error as Error).message);
  }
  const wrapped = expectRecord(record.wrappedKey, `${path}.wrappedKey`, ['nonce', 'ciphertext']);
  return {
    format: VAULT_FORMAT_NAME,
    version,
    vaultId: expectUuid(record.vaultId, `${path}.vaultId`),
    kdf,
    salt: expectBase64Bytes(record.salt, `${path}.salt`, SALT_LENGTH, MAX_SALT_LENGTH),
    wrappedKey: {
      nonce: expectBase64Bytes(wrapped.nonce, `${path}.wrappedKey.nonce`, GCM_NONCE_LENGTH, GCM_NONCE_LENGTH),
      ciphertext: expectBase64Bytes(
        wrapped.ciphertext,
        `${path}.wrappedKey.ciphertext`,
        AES_KEY_LENGTH + GCM_TAG_LENGTH,
        AES_KEY_LENGTH + GCM_TAG_LENGTH,
      ),
    },
  };
}

/** Shape check for a stored record (it says nothing about authenticity). */
export function validateEncryptedRecord(value: unknown): EncryptedRecord {
  const path = 'record';
  const record = expectRecord(value, path, ['vaultId', 'generation', 'nonce', 'ciphertext']);
  return {
    vaultId: expectUuid(record.vaultId, `${path}.vaultId`),
    generation: expectInteger(record.generation, `${path}.generation`, 0, Number.MAX_SAFE_INTEGER),
    nonce: expectBase64Bytes(record.nonce, `${path}.nonce`, GCM_NONCE_LENGTH, GCM_NONCE_LENGTH),
    ciphertext: expectBase64Bytes(record.ciphertext, `${path}.ciphertext`, GCM_TAG_LENGTH, 512 * 1024 * 1024),
  };
}

function assertMasterPassword(password: string, fn: string): void {
  if (typeof password !== 'string') throw new TypeError(`${fn}: the master password must be a string`);
  if (password.length === 0) throw new Error(`${fn}: the master password must not be empty`);
}

function assertGeneration(generation: number): void {
  if (!Number.isSafeInteger(generation) || generation < 0) {
    throw new RangeError(`generation must be a non-negative integer, got ${String(generation)}`);
  }
}

// ---------------------------------------------------------------------------
// Key wrapping

/** Builds a fresh header at the current version, wrapping `vaultKey` under a key derived from `password`. */
async function buildHeader(vaultId: string, vaultKey: Uint8Array, password: string, kdf: KdfParams): Promise<VaultHeader> {
  const salt = randomBytes(SALT_LENGTH);
  const unsealed: VaultHeader = {
    format: VAULT_FORMAT_NAME,
    version: VAULT_FORMAT_VERSION,
    vaultId,
    kdf,
    salt: toBase64(salt),
    wrappedKey: { nonce: '', ciphertext: '' },
  };
  const masterKey = await deriveMasterKey(password, salt, kdf);
  try {
    const wrappingKey = await importAesKey(masterKey);
    const sealed = await aesGcmEncrypt(wrappingKey, vaultKey, headerAad(unsealed));
    return { ...unsealed, wrappedKey: { nonce: toBase64(sealed.nonce), ciphertext: toBase64(sealed.ciphertext) } };
  } finally {
    wipe(masterKey);
  }
}

/** Creates a new vault: random id, random 32-byte vault key, header protected by `masterPassword`. */
export async function createVault(
  masterPassword: string,
  kdf: KdfParams = DEFAULT_KDF,
): Promise<{ header: VaultHeader; vaultKey: Uint8Array }> {
  assertMasterPassword(masterPassword, 'createVault');
  const checkedKdf = validateKdfParams(kdf);
  const vaultKey = randomBytes(AES_KEY_LENGTH);
  const header = await buildHeader(newId(), vaultKey, masterPassword, checkedKdf);
  return { header, vaultKey };
}

/**
 * A fresh random vault key for the same vault, wrapped under a new header (new salt,
 * `password`, `kdf`): what changing the master password or the KDF strength uses, so
 * that the old password and the old vault key open nothing written from then on.
 */
export async function rekeyVault(
  header: VaultHeader,
  password: string,
  kdf?: KdfParams,
): Promise<{ header: VaultHeader; vaultKey: Uint8Array }> {
  const checked = validateHeader(header);
  assertMasterPassword(password, 'rekeyVault');
  const checkedKdf = validateKdfParams(kdf ?? checked.kdf);
  const vaultKey = randomBytes(AES_KEY_LENGTH);
  return { header: await buildHeader(checked.vaultId, vaultKey, password, checkedKdf), vaultKey };
}

/**
 * A MAC over (vault id, generation) with a key derived from the vault key (HKDF, its
 * own label), for the rollback witness kept outside the vault's storage: nothing
 * without the vault key can forge a "higher generation" there.
 */
export async function generationMac(vaultKey: Uint8Array, vaultId: string, generation: number): Promise<string> {
  assertBytes(vaultKey, 'vaultKey', AES_KEY_LENGTH);
  assertGeneration(generation);
  const base = await globalThis.crypto.subtle.importKey('raw', asBufferSource(vaultKey), 'HKDF', false, ['deriveKey']);
  const macKey = await globalThis.crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: asBufferSource(utf8Encode('latchkey/generation-witness')) },
    base,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign'],
  );
  const mac = await globalThis.crypto.subtle.sign('HMAC', macKey, asBufferSource(utf8Encode(JSON.stringify(['latchkey/generation', vaultId, generation]))));
  return toBase64(new Uint8Array(mac));
}

/**
 * Recovers the vault key. Validates the header (shape, KDF floor, version)
 * before spending any KDF time. Throws WrongPasswordError if the key does not
 * authenticate.
 */
export async function unwrapVaultKey(header: VaultHeader, masterPassword: string): Promise<Uint8Array> {
  const checked = validateHeader(header);
  if (typeof masterPassword !== 'string') throw new TypeError('unwrapVaultKey: the master password must be a string');
  // createVault never accepts an empty password, so it can never be the right one.
  if (masterPassword === '') throw new WrongPasswordError();
  const masterKey = await deriveMasterKey(masterPassword, fromBase64(checked.salt), checked.kdf);
  let vaultKey: Uint8Array;
  try {
    const wrappingKey = await importAesKey(masterKey);
    vaultKey = await aesGcmDecrypt(
      wrappingKey,
      fromBase64(checked.wrappedKey.nonce),
      fromBase64(checked.wrappedKey.ciphertext),
      headerAad(checked),
    );
  } catch (error) {
    if (error instanceof VaultIntegrityError) throw new WrongPasswordError();
    throw error;
  } finally {
    wipe(masterKey);
  }
  if (vaultKey.length !== AES_KEY_LENGTH) throw new VaultIntegrityError('unwrapped vault key has the wrong length');
  return vaultKey;
}

/**
 * New header for the same vault key with a new password and/or KDF, fresh salt,
 * at the current format version. Used to upgrade an old-format header; a password
 * or KDF change uses rekeyVault, which also replaces the vault key.
 *
 * Records are bound to the header's salt and KDF, so existing records do NOT
 * decrypt under the returned header: re-encrypt the data with it and store
 * both together (rewrapVaultWithData does exactly that).
 */
export async function rewrapVaultKey(
  header: VaultHeader,
  vaultKey: Uint8Array,
  newPassword: string,
  newKdf?: KdfParams,
): Promise<VaultHeader> {
  const checked = validateHeader(header);
  assertBytes(vaultKey, 'vaultKey', AES_KEY_LENGTH);
  assertMasterPassword(newPassword, 'rewrapVaultKey');
  const kdf = validateKdfParams(newKdf ?? checked.kdf);
  return buildHeader(checked.vaultId, vaultKey, newPassword, kdf);
}

// ---------------------------------------------------------------------------
// Vault contents

/** Validates `data` (we never write garbage) and encrypts it as the given generation. */
export async function encryptVaultData(
  header: VaultHeader,
  vaultKey: Uint8Array,
  data: VaultData,
  generation: number,
): Promise<EncryptedRecord> {
  const checked = validateHeader(header);
  if (checked.version !== VAULT_FORMAT_VERSION) {
    throw new Error(
      `encryptVaultData: header is at format version ${checked.version}; rewrap the vault key to upgrade it to version ${VAULT_FORMAT_VERSION} before saving`,
    );
  }
  assertBytes(vaultKey, 'vaultKey', AES_KEY_LENGTH);
  assertGeneration(generation);
  const clean = validateVaultData(data);
  const key = await importAesKey(vaultKey);
  const plaintext = utf8Encode(JSON.stringify(clean));
  try {
    const sealed = await aesGcmEncrypt(key, plaintext, recordAad(checked, generation));
    return {
      vaultId: checked.vaultId,
      generation,
      nonce: toBase64(sealed.nonce),
      ciphertext: toBase64(sealed.ciphertext),
    };
  } finally {
    wipe(plaintext);
  }
}

/**
 * Decrypts, migrates (if the header is from an older format) and validates a
 * record. Throws VaultIntegrityError if it was altered, moved from another
 * vault, or relabelled with a different generation or header.
 */
export async function decryptVaultData(header: VaultHeader, vaultKey: Uint8Array, record: EncryptedRecord): Promise<VaultData> {
  const checked = validateHeader(header);
  assertBytes(vaultKey, 'vaultKey', AES_KEY_LENGTH);
  let stored: EncryptedRecord;
  try {
    stored = validateEncryptedRecord(record);
  } catch (error) {
    throw new VaultIntegrityError(`malformed record (${(error as Error).message})`);
  }
  if (stored.vaultId !== checked.vaultId) throw new VaultIntegrityError('the record belongs to a different vault');
  const key = await importAesKey(vaultKey);
  const plaintext = await aesGcmDecrypt(
    key,
    fromBase64(stored.nonce),
    fromBase64(stored.ciphertext),
    recordAad(checked, stored.generation),
  );
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8Decode(plaintext));
  } catch {
    // Authentic but unreadable: written by a buggy build, not an attacker.
    throw new VaultValidationError('vault', 'decrypted contents are not valid UTF-8 JSON');
  } finally {
    wipe(plaintext);
  }
  return migrateVaultData(checked.version, parsed).data;
}

/**
 * Change master password, raise KDF strength, or upgrade an old-format header:
 * returns a new header and the data re-encrypted under it. Store both together.
 */
export async function rewrapVaultWithData(
  header: VaultHeader,
  vaultKey: Uint8Array,
  data: VaultData,
  generation: number,
  newPassword: string,
  newKdf?: KdfParams,
): Promise<{ header: VaultHeader; record: EncryptedRecord }> {
  const newHeader = await rewrapVaultKey(header, vaultKey, newPassword, newKdf);
  const record = await encryptVaultData(newHeader, vaultKey, data, generation);
  return { header: newHeader, record };
}
