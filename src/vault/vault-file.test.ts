import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64, utf8Encode } from './bytes';
import { aesGcmEncrypt, importAesKey } from './aead';
import { KDF_FLOOR } from './kdf';
import type { KdfParams } from './kdf';
import { emptyVaultData, newItem } from './model';
import type { VaultData } from './model';
import {
  createVault,
  decryptVaultData,
  encryptVaultData,
  NewerVaultVersionError,
  recordAad,
  rewrapVaultKey,
  rewrapVaultWithData,
  unwrapVaultKey,
  validateHeader,
  VAULT_FORMAT_VERSION,
  VaultIntegrityError,
  WrongPasswordError,
} from './vault-file';
import type { EncryptedRecord, VaultHeader } from './vault-file';

// The cheapest parameters the floor allows keep these tests quick.
const FAST_KDF: KdfParams = { algorithm: 'argon2id', ...KDF_FLOOR };
const STRONGER_KDF: KdfParams = { algorithm: 'argon2id', memoryKiB: 32768, iterations: 2, parallelism: 2 };
const NOW = 1_700_000_000_000;

function sampleData(): VaultData {
  return {
    ...emptyVaultData(),
    items: [
      newItem('login', { name: 'Microsoft', username: 'ada@contoso.com', password: 'hunter2', websites: [{ url: 'https://login.live.com' }] }, NOW),
      newItem('note', { name: 'Recovery codes', notes: '1234-5678' }, NOW),
    ],
  };
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('vault lifecycle', () => {
  it('creates, unlocks, saves and reopens', async () => {
    const { header, vaultKey } = await createVault('correct horse', FAST_KDF);
    expect(header).toMatchObject({ format: 'latchkey-vault', version: VAULT_FORMAT_VERSION, kdf: FAST_KDF });
    expect(fromBase64(header.salt)).toHaveLength(16);
    expect(vaultKey).toHaveLength(32);
    // Everything stored must survive JSON (chrome.storage / files).
    const storedHeader = clone(header);
    expect(validateHeader(storedHeader)).toEqual(header);

    const data = sampleData();
    const record = await encryptVaultData(header, vaultKey, data, 1);
    expect(record).toMatchObject({ vaultId: header.vaultId, generation: 1 });
    expect(JSON.stringify(record)).not.toContain('hunter2');

    const unlockedKey = await unwrapVaultKey(storedHeader, 'correct horse');
    expect(unlockedKey).toEqual(vaultKey);
    expect(await decryptVaultData(storedHeader, unlockedKey, clone(record))).toEqual(data);
  });

  it('uses the default KDF when none is given', async () => {
    const { header } = await createVault('pw');
    expect(header.kdf).toEqual({ algorithm: 'argon2id', memoryKiB: 65536, iterations: 3, parallelism: 4 });
  });

  it('gives each vault its own id, salt and key', async () => {
    const a = await createVault('same', FAST_KDF);
    const b = await createVault('same', FAST_KDF);
    expect(a.header.vaultId).not.toBe(b.header.vaultId);
    expect(a.header.salt).not.toBe(b.header.salt);
    expect(a.vaultKey).not.toEqual(b.vaultKey);
  });

  it('refuses an empty master password at creation', async () => {
    await expect(createVault('', FAST_KDF)).rejects.toThrow('createVault: the master password must not be empty');
  });
});

describe('unwrapVaultKey', () => {
  it('throws WrongPasswordError for a wrong (or empty) password', async () => {
    const { header } = await createVault('right', FAST_KDF);
    await expect(unwrapVaultKey(header, 'wrong')).rejects.toBeInstanceOf(WrongPasswordError);
    await expect(unwrapVaultKey(header, 'Right')).rejects.toThrow('The master password is incorrect.');
    await expect(unwrapVaultKey(header, '')).rejects.toBeInstanceOf(WrongPasswordError);
  });

  it('normalises the password (NFC) so the same text typed differently unlocks', async () => {
    const { header, vaultKey } = await createVault('caf\u00e9', FAST_KDF);
    expect(await unwrapVaultKey(header, 'cafe\u0301')).toEqual(vaultKey);
  });

  it('refuses a header whose KDF was downgraded, before running the KDF', async () => {
    const { header } = await createVault('pw', FAST_KDF);
    const downgraded = { ...clone(header), kdf: { algorithm: 'argon2id', memoryKiB: 1, iterations: 1, parallelism: 1 } } as VaultHeader;
    await expect(unwrapVaultKey(downgraded, 'pw')).rejects.toThrow(
      'header.kdf: KDF parameters below the safe floor: memoryKiB 1 < 16384, iterations 1 < 2',
    );
  });

  it('detects header edits that stay above the floor (the header is authenticated)', async () => {
    // Same password, but the key was wrapped with a different KDF/salt/id in the AAD.
    const { header } = await createVault('pw', FAST_KDF);
    const raised = { ...clone(header), kdf: STRONGER_KDF };
    await expect(unwrapVaultKey(raised, 'pw')).rejects.toBeInstanceOf(WrongPasswordError);
    const otherId = { ...clone(header), vaultId: crypto.randomUUID() };
    await expect(unwrapVaultKey(otherId, 'pw')).rejects.toBeInstanceOf(WrongPasswordError);
  });

  it('refuses a vault from a newer Latchkey', async () => {
    const { header } = await createVault('pw', FAST_KDF);
    await expect(unwrapVaultKey({ ...header, version: VAULT_FORMAT_VERSION + 1 }, 'pw')).rejects.toBeInstanceOf(NewerVaultVersionError);
  });
});

describe('encrypted records', () => {
  async function setup() {
    const { header, vaultKey } = await createVault('pw', FAST_KDF);
    const data = sampleData();
    const record = await encryptVaultData(header, vaultKey, data, 5);
    return { header, vaultKey, data, record };
  }

  it('detects tampering with the ciphertext', async () => {
    const { header, vaultKey, record } = await setup();
    const bytes = fromBase64(record.ciphertext);
    bytes[10]! ^= 1;
    await expect(decryptVaultData(header, vaultKey, { ...record, ciphertext: toBase64(bytes) })).rejects.toBeInstanceOf(
      VaultIntegrityError,
    );
  });

  it('binds the generation: a record cannot be relabelled', async () => {
    const { header, vaultKey, record } = await setup();
    await expect(decryptVaultData(header, vaultKey, { ...record, generation: 6 })).rejects.toBeInstanceOf(VaultIntegrityError);
  });

  it('binds the vault: a record cannot move to another vault', async () => {
    const { header: otherHeader } = await createVault('pw', FAST_KDF);
    const { vaultKey, record } = await setup();
    // Even with the right key and vaultId relabelled, the AAD no longer matches.
    await expect(decryptVaultData(otherHeader, vaultKey, record)).rejects.toThrow(/belongs to a different vault/);
    await expect(decryptVaultData(otherHeader, vaultKey, { ...record, vaultId: otherHeader.vaultId })).rejects.toBeInstanceOf(
      VaultIntegrityError,
    );
  });

  it('binds the header KDF and salt', async () => {
    const { header, vaultKey, record } = await setup();
    const raised: VaultHeader = { ...header, kdf: STRONGER_KDF };
    await expect(decryptVaultData(raised, vaultKey, record)).rejects.toBeInstanceOf(VaultIntegrityError);
  });

  it('fails with the wrong vault key', async () => {
    const { header, record } = await setup();
    await expect(decryptVaultData(header, new Uint8Array(32), record)).rejects.toBeInstanceOf(VaultIntegrityError);
  });

  it('reports malformed records as integrity failures', async () => {
    const { header, vaultKey, record } = await setup();
    await expect(decryptVaultData(header, vaultKey, { ...record, nonce: 'AAAA' })).rejects.toThrow(
      /integrity check.*record\.nonce: expected 12 bytes, got 3/,
    );
    await expect(decryptVaultData(header, vaultKey, { ...record, extra: 1 } as EncryptedRecord)).rejects.toBeInstanceOf(
      VaultIntegrityError,
    );
  });

  it('never writes invalid data', async () => {
    const { header, vaultKey } = await setup();
    const bad = sampleData();
    (bad.items[0] as { password: unknown }).password = 7;
    await expect(encryptVaultData(header, vaultKey, bad, 1)).rejects.toThrow(/vault\.items\[0\]\.password: expected a string/);
    await expect(encryptVaultData(header, vaultKey, sampleData(), -1)).rejects.toThrow(/generation must be a non-negative integer/);
  });

  it('validates decrypted contents even when authentic (defence against buggy writers)', async () => {
    const { header, vaultKey } = await setup();
    const key = await importAesKey(vaultKey);
    const sealed = await aesGcmEncrypt(key, utf8Encode('{"items":[],"folders":[]}'), recordAad(header, 1));
    const record: EncryptedRecord = { vaultId: header.vaultId, generation: 1, nonce: toBase64(sealed.nonce), ciphertext: toBase64(sealed.ciphertext) };
    await expect(decryptVaultData(header, vaultKey, record)).rejects.toThrow('vault: missing field "generatorHistory"');
    const notJson = await aesGcmEncrypt(key, utf8Encode('{oops'), recordAad(header, 2));
    const notJsonRecord: EncryptedRecord = { vaultId: header.vaultId, generation: 2, nonce: toBase64(notJson.nonce), ciphertext: toBase64(notJson.ciphertext) };
    await expect(decryptVaultData(header, vaultKey, notJsonRecord)).rejects.toThrow('vault: decrypted contents are not valid UTF-8 JSON');
  });

  it('migrates data stored under a version-0 header, and requires an upgrade before saving', async () => {
    const { header, vaultKey } = await setup();
    // Build a genuine version-0 file: header v0 (authenticated as such) and v0-shaped data.
    const v0Header: VaultHeader = { ...header, version: 0 };
    const v0Data = { items: [{ type: 'login', id: crypto.randomUUID(), folderId: null, favorite: false, created: NOW, updated: NOW, revision: 1, name: 'Old', notes: '', username: 'u', password: 'p', url: 'https://old.example', totp: '', customFields: [], passwordHistory: [] }], folders: [] };
    const key = await importAesKey(vaultKey);
    const sealed = await aesGcmEncrypt(key, utf8Encode(JSON.stringify(v0Data)), recordAad(v0Header, 3));
    const record: EncryptedRecord = { vaultId: header.vaultId, generation: 3, nonce: toBase64(sealed.nonce), ciphertext: toBase64(sealed.ciphertext) };

    const data = await decryptVaultData(v0Header, vaultKey, record);
    expect(data.items[0]).toMatchObject({ name: 'Old', websites: [{ url: 'https://old.example', match: 'domain' }] });
    expect(data.generatorHistory).toEqual([]);

    await expect(encryptVaultData(v0Header, vaultKey, data, 4)).rejects.toThrow(/format version 0; rewrap the vault key/);
    const upgraded = await rewrapVaultWithData(v0Header, vaultKey, data, 4, 'pw');
    expect(upgraded.header.version).toBe(VAULT_FORMAT_VERSION);
    expect(await decryptVaultData(upgraded.header, await unwrapVaultKey(upgraded.header, 'pw'), upgraded.record)).toEqual(data);
  });
});

describe('rewrapping (change password, raise KDF)', () => {
  it('changes the master password without changing the vault key', async () => {
    const { header, vaultKey } = await createVault('old password', FAST_KDF);
    const newHeader = await rewrapVaultKey(header, vaultKey, 'new password');
    expect(newHeader.vaultId).toBe(header.vaultId);
    expect(newHeader.salt).not.toBe(header.salt);
    expect(newHeader.kdf).toEqual(FAST_KDF);
    expect(await unwrapVaultKey(newHeader, 'new password')).toEqual(vaultKey);
    await expect(unwrapVaultKey(newHeader, 'old password')).rejects.toBeInstanceOf(WrongPasswordError);
  });

  it('raises KDF strength and refuses to lower it below the floor', async () => {
    const { header, vaultKey } = await createVault('pw', FAST_KDF);
    const stronger = await rewrapVaultKey(header, vaultKey, 'pw', STRONGER_KDF);
    expect(stronger.kdf).toEqual(STRONGER_KDF);
    expect(await unwrapVaultKey(stronger, 'pw')).toEqual(vaultKey);
    await expect(rewrapVaultKey(header, vaultKey, 'pw', { ...FAST_KDF, iterations: 1 })).rejects.toThrow(/below the safe floor/);
    await expect(rewrapVaultKey(header, vaultKey, '')).rejects.toThrow(/must not be empty/);
  });

  it('old records do not open under a rewrapped header; rewrapVaultWithData re-encrypts them', async () => {
    const { header, vaultKey } = await createVault('pw', FAST_KDF);
    const data = sampleData();
    const record = await encryptVaultData(header, vaultKey, data, 1);
    const result = await rewrapVaultWithData(header, vaultKey, data, 2, 'new pw', STRONGER_KDF);
    await expect(decryptVaultData(result.header, vaultKey, record)).rejects.toBeInstanceOf(VaultIntegrityError);
    expect(result.record.generation).toBe(2);
    const key = await unwrapVaultKey(result.header, 'new pw');
    expect(await decryptVaultData(result.header, key, result.record)).toEqual(data);
  });
});

describe('validateHeader', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each case corrupts the raw header in a way no type allows
  type RawHeader = Record<string, any>;
  async function goodHeader(): Promise<RawHeader> {
    return clone((await createVault('pw', FAST_KDF)).header);
  }
  const cases: [string, (h: RawHeader) => void, RegExp][] = [
    ['wrong format', (h) => (h.format = 'keepass'), /^header\.format: expected "latchkey-vault", got "keepass"$/],
    ['missing salt', (h) => delete h.salt, /^header: missing field "salt"$/],
    ['extra field', (h) => (h.note = 'x'), /^header: unexpected field "note"$/],
    ['short salt', (h) => (h.salt = toBase64(new Uint8Array(8))), /^header\.salt: expected 16\.\.64 bytes, got 8$/],
    ['bad salt encoding', (h) => (h.salt = 'not base64!'), /^header\.salt: Invalid base64/],
    ['bad vault id', (h) => (h.vaultId = 'vault-1'), /^header\.vaultId: expected a lowercase UUID/],
    ['bad version', (h) => (h.version = '1'), /^header\.version: expected an integer, got string/],
    ['newer version', (h) => (h.version = 7), /made by a newer Latchkey \(vault format version 7\)/],
    ['weak kdf', (h) => (h.kdf.memoryKiB = 1024), /^header\.kdf: KDF parameters below the safe floor: memoryKiB 1024 < 16384$/],
    ['huge kdf', (h) => (h.kdf.iterations = 1000), /^header\.kdf: KDF parameters above the supported ceiling: iterations 1000 > 20$/],
    ['short wrapped key', (h) => (h.wrappedKey.ciphertext = toBase64(new Uint8Array(32))), /^header\.wrappedKey\.ciphertext: expected 48 bytes, got 32$/],
    ['bad nonce', (h) => (h.wrappedKey.nonce = toBase64(new Uint8Array(16))), /^header\.wrappedKey\.nonce: expected 12 bytes, got 16$/],
    ['wrappedKey extra', (h) => (h.wrappedKey.tag = ''), /^header\.wrappedKey: unexpected field "tag"$/],
  ];
  it.each(cases)('rejects %s', async (_label, corrupt, message) => {
    const header = await goodHeader();
    corrupt(header);
    expect(() => validateHeader(header)).toThrow(message);
  });
  it('rejects non-objects', () => {
    expect(() => validateHeader('{}')).toThrow(/^header: expected an object, got string$/);
    expect(() => validateHeader(null)).toThrow(/^header: expected an object, got null$/);
  });
});
