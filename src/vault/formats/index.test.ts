import { describe, expect, it } from 'vitest';
import { utf8Encode } from '../bytes';
import { detectFormat, exportVault, importFile, MAX_FILE_BYTES } from './index';
import { CHEAP_KDF, fixture, sampleVault } from './test-helpers';

describe('format detection', () => {
  it('recognises every sample by its contents', async () => {
    expect(detectFormat(fixture('keepassxc.kdbx'))).toBe('kdbx');
    expect(detectFormat(fixture('bitwarden.json'))).toBe('bitwarden-json');
    expect(detectFormat(fixture('chrome.csv'))).toBe('csv');
    const backup = await exportVault(sampleVault(), 'latchkey', { password: 'pw for backup', kdf: CHEAP_KDF });
    expect(detectFormat(backup.bytes)).toBe('latchkey');
  });

  it('refuses what it cannot read with what to do instead', () => {
    expect(() => detectFormat(utf8Encode('{"hello": 1}'))).toThrow(/neither a Latchkey backup nor a Bitwarden JSON export/);
    expect(() => detectFormat(Uint8Array.of(0x50, 0x4b, 3, 4, 0))).toThrow(/ZIP archive/);
    expect(() => detectFormat(Uint8Array.of(0xff, 0xfe, 0x00))).toThrow(/not UTF-8 text/);
    expect(() => detectFormat(utf8Encode('   '))).toThrow(/The file is empty/);
  });
});

describe('exportVault and importFile', () => {
  it('names files by format and day, and round-trips each format', async () => {
    const vault = sampleVault();
    const now = Date.parse('2025-03-04T10:00:00Z');
    const expected = {
      latchkey: ['latchkey-backup-2025-03-04.json', 'application/json', 5],
      'bitwarden-json': ['latchkey-bitwarden-2025-03-04.json', 'application/json', 5],
      kdbx: ['latchkey-2025-03-04.kdbx', 'application/x-keepass2', 5],
      csv: ['latchkey-logins-2025-03-04.csv', 'text/csv', 1],
    } as const;
    for (const [format, [filename, mimeType, count]] of Object.entries(expected) as [keyof typeof expected, (typeof expected)[keyof typeof expected]][]) {
      const file = await exportVault(vault, format, { password: 'export password', kdf: CHEAP_KDF, now });
      expect([file.filename, file.mimeType]).toEqual([filename, mimeType]);
      const back = await importFile(file.bytes, { format: 'auto', password: 'export password' });
      expect(back.items).toHaveLength(count);
    }
  });

  it('requires a password for protected formats and refuses oversized files', async () => {
    await expect(exportVault(sampleVault(), 'kdbx', { kdf: CHEAP_KDF })).rejects.toMatchObject({ kind: 'password-required' });
    await expect(importFile(new Uint8Array(MAX_FILE_BYTES + 1), { format: 'csv' })).rejects.toMatchObject({ kind: 'too-large', message: /up to 32 MiB/ });
  });

  it('refuses a file that is not of the format asked for', async () => {
    await expect(importFile(fixture('chrome.csv'), { format: 'kdbx' })).rejects.toThrow(/This is not a KeePass \(KDBX\) file/);
    await expect(importFile(fixture('bitwarden.json'), { format: 'latchkey' })).rejects.toThrow(/This is not a Latchkey backup/);
  });
});

describe('format detection by content', () => {
  it('ignores the file name and names what it found', async () => {
    expect((await importFile(fixture('lastpass.csv'), { format: 'auto', filename: 'export.json' })).source).toBe('LastPass CSV');
    expect((await importFile(fixture('bitwarden.json'), { format: 'auto', filename: 'passwords.csv' })).source).toBe('Bitwarden JSON');
    expect((await importFile(fixture('keepassxc.kdbx'), { format: 'auto', filename: 'a.csv', password: 'fixture password' })).source).toBe('KeePass KDBX 4');
    for (const [name, source] of [
      ['protonpass.csv', 'Proton Pass CSV'],
      ['dashlane.csv', 'Dashlane CSV'],
      ['keeper.csv', 'Keeper CSV (no header row)'],
      ['nordpass.csv', 'NordPass CSV'],
      ['apple-passwords.csv', 'Apple Passwords CSV'],
      ['keepassxc.csv', 'KeePassXC CSV'],
      ['chrome.csv', 'Chrome or Edge CSV'],
      ['firefox.csv', 'Firefox CSV'],
      ['1password.csv', '1Password CSV'],
    ] as const) {
      expect((await importFile(fixture(name), { format: 'auto', filename: 'file' })).source).toBe(source);
    }
  });
});
