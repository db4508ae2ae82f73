import { describe, expect, it } from 'vitest';
import { utf8Decode } from '../bytes';
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
    expect(json).toMatchObject({ format: 'latchkey-backup', version: 1, dataVersion: 1, created: 1_700_000_000_000, kdf: CHEAP_KDF });
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
});
