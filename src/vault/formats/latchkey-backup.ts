// The "Latchkey encrypted backup": one JSON file that holds the whole vault,
// encrypted the same way the vault is at rest but under a password chosen for
// the backup. A random data key encrypts the contents; a key derived from the
// password (Argon2id) wraps the data key. Two separate AES-GCM seals let us
// tell "wrong password" (the key does not unwrap) from "the contents were
// altered" (the key unwraps but the data does not authenticate).
//
// Every header field is bound into both seals as associated data, so editing
// the KDF settings, salt, dates or versions is detected too.
import { aesGcmDecrypt, aesGcmEncrypt, AES_KEY_LENGTH, GCM_NONCE_LENGTH, GCM_TAG_LENGTH, importAesKey } from '../aead';
import { fromBase64, randomBytes, toBase64, utf8Decode, utf8Encode, wipe } from '../bytes';
import { NewerVaultVersionError, VaultIntegrityError, VaultValidationError } from '../errors';
import { deriveMasterKey, validateKdfParams } from '../kdf';
import type { KdfParams } from '../kdf';
import { migrateVaultData, VAULT_FORMAT_VERSION } from '../migrations';
import type { VaultData } from '../model';
import { validateVaultData } from '../model';
import { corrupt, FormatError } from './errors';
import { nestingDepth } from './json-read';

export const BACKUP_FORMAT = 'latchkey-backup';
export const BACKUP_VERSION = 1;
const SALT_LENGTH = 16;
/** Far more than any vault needs (about 5), far less than would overflow a stack. */
const MAX_CONTENT_DEPTH = 64;

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: number;
  /** Version of the vault contents inside (as in migrations.ts), so newer builds can migrate them. */
  dataVersion: number;
  /** When the backup was made (ms epoch). */
  created: number;
  kdf: KdfParams;
  salt: string;
  wrappedKey: { nonce: string; ciphertext: string };
  data: { nonce: string; ciphertext: string };
}

const KEYS = ['format', 'version', 'dataVersion', 'created', 'kdf', 'salt', 'wrappedKey', 'data'];

function aad(purpose: string, file: Omit<BackupFile, 'wrappedKey' | 'data'>): Uint8Array {
  const { kdf } = file;
  return utf8Encode(
    JSON.stringify([purpose, file.format, file.version, file.dataVersion, file.created, kdf.algorithm, kdf.memoryKiB, kdf.iterations, kdf.parallelism, file.salt]),
  );
}

/** Encrypts `data` under `password`, with the given Argon2id strength. */
export async function writeBackup(data: VaultData, password: string, kdf: KdfParams, now: number = Date.now()): Promise<Uint8Array> {
  if (typeof password !== 'string' || password === '') throw new Error('writeBackup: the backup password must not be empty');
  const clean = validateVaultData(data);
  const head = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    dataVersion: VAULT_FORMAT_VERSION,
    created: now,
    kdf: validateKdfParams(kdf),
    salt: toBase64(randomBytes(SALT_LENGTH)),
  } as const;
  const dataKey = randomBytes(AES_KEY_LENGTH);
  const passwordKey = await deriveMasterKey(password, fromBase64(head.salt), head.kdf);
  const plaintext = utf8Encode(JSON.stringify(clean));
  try {
    const wrapped = await aesGcmEncrypt(await importAesKey(passwordKey), dataKey, aad('latchkey/backup-key', head));
    const sealed = await aesGcmEncrypt(await importAesKey(dataKey), plaintext, aad('latchkey/backup-data', head));
    const file: BackupFile = {
      ...head,
      wrappedKey: { nonce: toBase64(wrapped.nonce), ciphertext: toBase64(wrapped.ciphertext) },
      data: { nonce: toBase64(sealed.nonce), ciphertext: toBase64(sealed.ciphertext) },
    };
    return utf8Encode(JSON.stringify(file, null, 2));
  } finally {
    wipe(dataKey, passwordKey, plaintext);
  }
}

/** True when parsed JSON claims to be a Latchkey backup (it may still be damaged). */
export function isBackupJson(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { format?: unknown }).format === BACKUP_FORMAT;
}

function bytesField(value: unknown, path: string, min: number, max: number): Uint8Array {
  let bytes: Uint8Array | null = null;
  try {
    if (typeof value === 'string') bytes = fromBase64(value);
  } catch {
    bytes = null;
  }
  if (bytes === null || bytes.length < min || bytes.length > max) corrupt(`The backup is damaged: ${path} is not valid.`);
  return bytes;
}

function checkFile(value: unknown): BackupFile & { bytes: Record<'salt' | 'keyNonce' | 'keyCiphertext' | 'nonce' | 'ciphertext', Uint8Array> } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) corrupt('The backup is damaged: it is not a JSON object.');
  const record = value as Record<string, unknown>;
  const missing = KEYS.find((key) => !Object.hasOwn(record, key));
  if (missing !== undefined) corrupt(`The backup is damaged: the field "${missing}" is missing.`);
  if (record.version !== BACKUP_VERSION) {
    if (typeof record.version === 'number' && record.version > BACKUP_VERSION) {
      throw new FormatError('unsupported', `This backup was made by a newer Latchkey (backup format ${record.version}); update Latchkey to read it.`);
    }
    corrupt('The backup is damaged: its version is not valid.');
  }
  const { dataVersion, created } = record;
  if (typeof dataVersion !== 'number' || !Number.isSafeInteger(dataVersion) || dataVersion < 0) corrupt('The backup is damaged: dataVersion is not valid.');
  if (dataVersion > VAULT_FORMAT_VERSION) {
    throw new FormatError('unsupported', new NewerVaultVersionError(dataVersion, VAULT_FORMAT_VERSION).message);
  }
  if (typeof created !== 'number' || !Number.isSafeInteger(created) || created < 0) corrupt('The backup is damaged: created is not valid.');
  let kdf: KdfParams;
  try {
    // The floor and ceiling matter here: a forged header must not make us run a weak or endless KDF.
    kdf = validateKdfParams(record.kdf);
  } catch (error) {
    // The validator may quote what the file holds, which can be anything: keep the message short.
    const reason = (error as Error).message;
    corrupt(`The backup's key-derivation settings are refused: ${reason.length > 160 ? `${reason.slice(0, 157)}...` : reason}.`);
  }
  const wrapped = record.wrappedKey as Record<string, unknown> | null;
  const data = record.data as Record<string, unknown> | null;
  if (typeof wrapped !== 'object' || wrapped === null) corrupt('The backup is damaged: wrappedKey is not valid.');
  if (typeof data !== 'object' || data === null) corrupt('The backup is damaged: data is not valid.');
  const bytes = {
    salt: bytesField(record.salt, 'salt', SALT_LENGTH, 64),
    keyNonce: bytesField(wrapped.nonce, 'wrappedKey.nonce', GCM_NONCE_LENGTH, GCM_NONCE_LENGTH),
    keyCiphertext: bytesField(wrapped.ciphertext, 'wrappedKey.ciphertext', AES_KEY_LENGTH + GCM_TAG_LENGTH, AES_KEY_LENGTH + GCM_TAG_LENGTH),
    nonce: bytesField(data.nonce, 'data.nonce', GCM_NONCE_LENGTH, GCM_NONCE_LENGTH),
    ciphertext: bytesField(data.ciphertext, 'data.ciphertext', GCM_TAG_LENGTH, Number.MAX_SAFE_INTEGER),
  };
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    dataVersion,
    created,
    kdf,
    salt: record.salt as string,
    wrappedKey: { nonce: wrapped.nonce as string, ciphertext: wrapped.ciphertext as string },
    data: { nonce: data.nonce as string, ciphertext: data.ciphertext as string },
    bytes,
  };
}

/** Decrypts a backup; refuses a wrong password, an altered file and invalid contents with distinct messages. */
export async function readBackup(json: unknown, password: string | undefined): Promise<VaultData> {
  const file = checkFile(json);
  if (password === undefined || password === '') {
    throw new FormatError('password-required', 'This Latchkey backup is encrypted: enter the password chosen when it was made.');
  }
  const passwordKey = await deriveMasterKey(password, file.bytes.salt, file.kdf);
  let dataKey: Uint8Array;
  try {
    dataKey = await aesGcmDecrypt(await importAesKey(passwordKey), file.bytes.keyNonce, file.bytes.keyCiphertext, aad('latchkey/backup-key', file));
  } catch (error) {
    if (!(error instanceof VaultIntegrityError)) throw error;
    throw new FormatError(
      'wrong-password',
      'The backup password is wrong (or the backup\'s header was altered).',
    );
  } finally {
    wipe(passwordKey);
  }
  let plaintext: Uint8Array;
  try {
    plaintext = await aesGcmDecrypt(await importAesKey(dataKey), file.bytes.nonce, file.bytes.ciphertext, aad('latchkey/backup-data', file));
  } catch (error) {
    if (!(error instanceof VaultIntegrityError)) throw error;
    throw new FormatError('tampered', 'The backup password is right, but the backup\'s contents were altered or damaged: nothing was imported.');
  } finally {
    wipe(dataKey);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8Decode(plaintext));
  } catch {
    corrupt('The backup decrypted but its contents are not readable JSON.');
  } finally {
    wipe(plaintext);
  }
  // A vault nests a few levels (vault, items, an item, its websites, one website); contents nested
  // thousands deep are not one, and would overflow the stack of the clone and validation below.
  if (nestingDepth(parsed) > MAX_CONTENT_DEPTH) corrupt(`The backup's contents are not a valid vault: they nest more than ${MAX_CONTENT_DEPTH} levels deep.`);
  try {
    return migrateVaultData(file.dataVersion, parsed).data;
  } catch (error) {
    if (error instanceof VaultValidationError) corrupt(`The backup's contents are not a valid vault: ${error.message}.`);
    throw error;
  }
}
