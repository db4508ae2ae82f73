import { describe, expect, it } from 'vitest';
import type { LoginItem, PasskeyItem } from '../../model';
import { comparable, CHEAP_KDF, fixture, sampleVault } from '../test-helpers';
import { readKdbx } from './container';
import { exportKdbx, importKdbx } from './index';

const PASSWORD = 'kdbx export password';

function flip(file: Uint8Array, at: number, bits: number): void {
  file[at] = file[at]! ^ bits;
}

/** Offset of the first data block: header, then its SHA-256 and HMAC. */
function firstBlockOffset(file: Uint8Array): number {
  let offset = 12;
  for (;;) {
    const id = file[offset]!;
    const size = new DataView(file.buffer, file.byteOffset + offset + 1, 4).getUint32(0, true);
    offset += 5 + size;
    if (id === 0) return offset + 64;
  }
}

describe('KDBX 4 export and import', () => {
  for (const cipher of ['aes256', 'chacha20'] as const) {
    for (const compress of [true, false]) {
      it(`round-trips every item type (${cipher}, ${compress ? 'gzip' : 'no compression'})`, async () => {
        const vault = sampleVault();
        const file = await exportKdbx(vault, { password: PASSWORD, kdf: CHEAP_KDF, cipher, compress });
        const back = await importKdbx(file, PASSWORD);
        expect(back.folders.map((f) => f.name)).toEqual(['Work']);
        const byName = new Map(back.items.map((item) => [item.name, item]));
        for (const original of vault.items) {
          const copy = byName.get(original.name)!;
          expect(comparable(copy)).toEqual(comparable(original));
          // KDBX keeps whole seconds.
          expect(copy.created).toBe(Math.floor(original.created / 1000) * 1000);
        }
        expect(byName.get('Contoso')!.folderId).toBe(back.folders[0]!.id);
      });
    }
  }

  it('writes a KDBX 4.0 header with Argon2id and keeps passwords out of the plain bytes', async () => {
    const file = await exportKdbx(sampleVault(), { password: PASSWORD, kdf: CHEAP_KDF, compress: false });
    const view = new DataView(file.buffer, file.byteOffset);
    expect(view.getUint32(0, true)).toBe(0x9aa2d903);
    expect(view.getUint32(4, true)).toBe(0xb54bfb67);
    expect(view.getUint32(8, true)).toBe(0x00040000);
    expect(Buffer.from(file).includes(Buffer.from('S3cret'))).toBe(false);
    const root = await readKdbx(file, PASSWORD);
    const password = JSON.stringify(root).includes('"Protected":"True"');
    expect(password).toBe(true);
  });

  it('turns a bare TOTP secret into an otpauth URI KeePassXC reads', async () => {
    const vault = sampleVault();
    (vault.items[0] as LoginItem).totp = 'JBSW Y3DP EHPK 3PXP';
    const back = await importKdbx(await exportKdbx(vault, { password: PASSWORD, kdf: CHEAP_KDF }), PASSWORD);
    expect((back.items.find((i) => i.name === 'Contoso') as LoginItem).totp).toBe('otpauth://totp/Contoso%3Aadele%40contoso.com?secret=JBSWY3DPEHPK3PXP&period=30&digits=6&algorithm=SHA1');
  });
});

describe('KDBX import of files made by KeePassXC', () => {
  it('reads a KeePassXC KDBX 4 file (AES-KDF, gzip): groups, history, otp, custom fields, passkey; skips the recycle bin', async () => {
    const { folders, items } = await importKdbx(fixture('keepassxc.kdbx'), 'fixture password');
    expect(folders.map((f) => f.name)).toEqual(['Banking', 'Banking / Cards']);
    expect(items.map((i) => [i.type, i.name])).toEqual([
      ['login', 'Example Account'],
      ['note', 'Door code'],
      ['passkey', 'webauthn.io'],
      ['login', 'Example Bank'],
      ['login', 'Bank PIN'],
    ]);
    const account = items[0] as LoginItem;
    expect(account).toMatchObject({
      favorite: true,
      username: 'alex@example.org',
      password: 'Hunter2 & <friends>',
      notes: 'Recovery codes in the safe',
      websites: [{ url: 'https://accounts.example.org' }, { url: 'https://example.org/signin' }],
      customFields: [
        { name: 'Account number', value: 'A-1009', hidden: false },
        { name: 'Security question', value: 'Blue', hidden: true },
      ],
      passwordHistory: [{ password: 'first-password', changed: Date.parse('2023-04-01T09:00:00Z') }],
      created: Date.parse('2023-04-01T09:00:00Z'),
    });
    expect(account.totp).toMatch(/^otpauth:\/\/totp\/Example:alex@example\.org\?secret=JBSWY3DPEHPK3PXPJBSWY3DP/);
    expect(items[2] as PasskeyItem).toMatchObject({ rpId: 'webauthn.io', userName: 'alex', credentialId: 'bn3E1xIfqn2DGrOFTLjTOg', userHandle: 'gWI6-kZJ6nh87rpnBFvqGg', algorithm: -7 });
    expect(items[3]!.folderId).toBe(folders[0]!.id);
  });

  it('reads a KeePassXC KDBX 3.1 file (read by kdbxweb): groups, protected values, history', async () => {
    const three = await importKdbx(fixture('keepassxc-kdbx3.kdbx'), 'fixture password');
    expect(three.source).toBe('KeePass KDBX 3.1');
    // A different, smaller database than keepassxc.kdbx: three entries, one group.
    expect(three.folders.map((f) => f.name)).toEqual(['Banking']);
    expect(three.items.map((i) => [i.type, i.name])).toEqual([['login', 'Example Bank'], ['login', 'Example Account'], ['note', 'Door code']]);
    expect(three.items[0]!.folderId).toBe(three.folders[0]!.id);
    expect(three.items[1]).toMatchObject({
      username: 'alex@example.org',
      password: 'new-pass-2',
      notes: 'Recovery codes in the safe',
      websites: [{ url: 'https://accounts.example.org', match: 'domain' }],
      passwordHistory: [{ password: 'Hunter2 & <friends>' }],
    });
    await expect(importKdbx(fixture('keepassxc-kdbx3.kdbx'), 'wrong')).rejects.toMatchObject({ kind: 'wrong-password' });
    await expect(importKdbx(fixture('keepassxc-kdbx3.kdbx'), undefined)).rejects.toMatchObject({ kind: 'password-required' });
  });
});

describe('KDBX refusals', () => {
  async function exported() {
    return exportKdbx(sampleVault(), { password: PASSWORD, kdf: CHEAP_KDF, compress: false });
  }

  it('asks for a password, then refuses a wrong one (header HMAC)', async () => {
    const file = await exported();
    await expect(importKdbx(file, undefined)).rejects.toMatchObject({ kind: 'password-required' });
    await expect(importKdbx(file, 'wrong password')).rejects.toMatchObject({ kind: 'wrong-password', message: /The password is wrong for this KeePass file/ });
  });

  it('detects a damaged header through its SHA-256', async () => {
    const file = await exported();
    flip(file, 20, 1); // inside the cipher id
    await expect(importKdbx(file, PASSWORD)).rejects.toThrow(/header is damaged \(its checksum does not match\)/);
  });

  it('detects a changed header whose checksum was recomputed, through the header HMAC', async () => {
    const file = await exported();
    const { sha256 } = await import('./crypto');
    const headerEnd = firstBlockOffset(file) - 64;
    flip(file, headerEnd - 1, 1); // inside the end-of-header marker (\r\n\r\n)
    file.set(sha256(file.subarray(0, headerEnd)), headerEnd);
    await expect(importKdbx(file, PASSWORD)).rejects.toMatchObject({ kind: 'wrong-password' });
  });

  it('detects a tampered data block through its HMAC', async () => {
    const file = await exported();
    flip(file, firstBlockOffset(file) + 36 + 10, 0x80);
    await expect(importKdbx(file, PASSWORD)).rejects.toMatchObject({
      kind: 'tampered',
      message: /data block 1 failed its integrity check \(HMAC mismatch\)/,
    });
  });

  it('refuses a truncated file and something that is not KeePass at all', async () => {
    const file = await exported();
    await expect(importKdbx(file.subarray(0, file.length - 40), PASSWORD)).rejects.toThrow(/The KeePass file is truncated or damaged/);
    await expect(importKdbx(file.subarray(0, 30), PASSWORD)).rejects.toThrow(/truncated or damaged/);
    await expect(importKdbx(new Uint8Array(64), PASSWORD)).rejects.toThrow(/This is not a KeePass file/);
  });
});
