import { describe, expect, it } from 'vitest';
import { aesGcmEncrypt, importAesKey } from '../aead';
import { fromBase64, randomBytes, toBase64, utf8Decode, utf8Encode } from '../bytes';
import { deriveMasterKey } from '../kdf';
import { readBackup, writeBackup } from './latchkey-backup';
import { CHEAP_KDF, sampleVault } from './test-helpers';

const PASSWORD = 'backup passphrase 1';

async function backupJson() {
  const vault = sampleVault();
  const bytes = await writeBackup(vault, PASSWORD, CHEAP_KDF, 1_700_000_000_000);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests tamper with the raw JSON in ways no type allows
  return { vault, json: JSON.parse(utf8Decode(bytes)) as Record<string, any> };
}

function flipBase64(text: string): string {
  const i = Math.floor(text.length / 2);
  return text.slice(0, i) + (text[i] === 'A' ? 'B' : 'A') + text.slice(i + 1);
}

describe('Latchkey encrypted backup', () => {
  it('round-trips the whole vault and keeps no plaintext in the file', async () => {
    const { vault, json } = await backupJson();
    expect(json).toMatchObject({ format: 'latchkey-backup', version: 1, dataVersion: 2, created: 1_700_000_000_000, kdf: CHEAP_KDF });
    expect(JSON.stringify(json)).not.toContain('Contoso');
    expect(await readBackup(json, PASSWORD)).toEqual(vault);
  });

  it('asks for the password, then refuses a wrong one', async () => {
    const { json } = await backupJson();
    await expect(readBackup(json, undefined)).rejects.toMatchObject({ kind: 'password-required' });
    await expect(readBackup(json, 'not the password')).rejects.toMatchObject({ kind: 'wrong-password', message: /backup password is wrong/ });
  });

  it('tells a tampered ciphertext apart from a wrong password', async () => {
    const { json } = await backupJson();
    json.data.ciphertext = flipBase64(json.data.ciphertext);
    await expect(readBackup(json, PASSWORD)).rejects.toMatchObject({ kind: 'tampered', message: /contents were altered or damaged/ });
  });

  it('detects an edited header (the date is authenticated)', async () => {
    const { json } = await backupJson();
    json.created += 1;
    await expect(readBackup(json, PASSWORD)).rejects.toMatchObject({ kind: 'wrong-password' });
  });

  it('refuses a KDF below the floor before deriving anything', async () => {
    const { json } = await backupJson();
    json.kdf.memoryKiB = 8;
    await expect(readBackup(json, PASSWORD)).rejects.toThrow(/key-derivation settings are refused: KDF parameters below the safe floor/);
  });

  it('refuses damaged fields and newer versions precisely', async () => {
    const { json } = await backupJson();
    await expect(readBackup({ ...json, salt: '###' }, PASSWORD)).rejects.toThrow(/salt is not valid/);
    const { data: _data, ...withoutData } = json;
    void _data;
    await expect(readBackup(withoutData, PASSWORD)).rejects.toThrow(/the field "data" is missing/);
    await expect(readBackup({ ...json, version: 2 }, PASSWORD)).rejects.toMatchObject({ kind: 'unsupported', message: /newer Latchkey/ });
    await expect(readBackup({ ...json, dataVersion: 99 }, PASSWORD)).rejects.toMatchObject({ kind: 'unsupported' });
  });

  // Found by import.fuzz.test.ts.
  it('refuses contents nested far too deep with a FormatError, not a stack overflow', async () => {
    const { json } = await backupJson();
    // Seal other contents under the same header, as writeBackup does (its associated data, by hand).
    const aad = (purpose: string) =>
      utf8Encode(JSON.stringify([purpose, json.format, json.version, json.dataVersion, json.created, json.kdf.algorithm, json.kdf.memoryKiB, json.kdf.iterations, json.kdf.parallelism, json.salt]));
    const dataKey = randomBytes(32);
    const passwordKey = await deriveMasterKey(PASSWORD, fromBase64(json.salt), CHEAP_KDF);
    const wrapped = await aesGcmEncrypt(await importAesKey(passwordKey), dataKey, aad('latchkey/backup-key'));
    const contents = `{"items":${'['.repeat(200_000)}${']'.repeat(200_000)},"folders":[],"generatorHistory":[]}`;
    const sealed = await aesGcmEncrypt(await importAesKey(dataKey), utf8Encode(contents), aad('latchkey/backup-data'));
    json.wrappedKey = { nonce: toBase64(wrapped.nonce), ciphertext: toBase64(wrapped.ciphertext) };
    json.data = { nonce: toBase64(sealed.nonce), ciphertext: toBase64(sealed.ciphertext) };
    await expect(readBackup(json, PASSWORD)).rejects.toMatchObject({ name: 'FormatError', kind: 'corrupt', message: /nest more than 64 levels deep/ });
  });

  it('keeps a refusal of the KDF settings short when the file holds a huge value there', async () => {
    const { json } = await backupJson();
    json.kdf.algorithm = 'x'.repeat(100_000);
    const refusal = readBackup(json, PASSWORD);
    await expect(refusal).rejects.toMatchObject({ kind: 'corrupt', message: /^The backup's key-derivation settings are refused: KDF parameters: unsupported algorithm "x+\.\.\.\.$/ });
    expect((await refusal.then(() => '', (error: Error) => error.message)).length).toBeLessThan(300);
  });
});
