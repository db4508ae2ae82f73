// An independent KDBX implementation (kdbxweb, a dev dependency used only here)
// reads what we write, and writes files we must read: Argon2d and Argon2id.
import { argon2d, argon2id } from 'hash-wasm';
import * as kdbxweb from 'kdbxweb';
import { describe, expect, it } from 'vitest';
import type { LoginItem } from '../../model';
import { CHEAP_KDF, sampleVault } from '../test-helpers';
import { exportKdbx, importKdbx } from './index';

kdbxweb.CryptoEngine.setArgon2Impl(async (password, salt, memory, iterations, length, parallelism, type) => {
  const options = {
    password: new Uint8Array(password),
    salt: new Uint8Array(salt),
    memorySize: memory,
    iterations,
    hashLength: length,
    parallelism,
    outputType: 'binary' as const,
  };
  const hash = type === kdbxweb.CryptoEngine.Argon2TypeArgon2id ? await argon2id(options) : await argon2d(options);
  return hash.buffer.slice(hash.byteOffset, hash.byteOffset + hash.byteLength) as ArrayBuffer;
});

const credentials = (password: string) => new kdbxweb.Credentials(kdbxweb.ProtectedValue.fromString(password));
const text = (value: kdbxweb.KdbxEntryField | undefined) => (value instanceof kdbxweb.ProtectedValue ? value.getText() : value);

describe('KDBX interoperability with kdbxweb', () => {
  for (const cipher of ['aes256', 'chacha20'] as const) {
    it(`kdbxweb opens our ${cipher} export and sees the same logins`, async () => {
      const file = await exportKdbx(sampleVault(), { password: 'oracle password', kdf: CHEAP_KDF, cipher });
      const db = await kdbxweb.Kdbx.load(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer, credentials('oracle password'));
      expect(db.versionMajor).toBe(4);
      const root = db.getDefaultGroup();
      const work = root.groups.find((g) => g.name === 'Work')!;
      const contoso = work.entries[0]!;
      expect(text(contoso.fields.get('Title'))).toBe('Contoso');
      expect(text(contoso.fields.get('UserName'))).toBe('adele@contoso.com');
      expect(text(contoso.fields.get('Password'))).toBe('S3cret "quoted", <tag> & more');
      expect(contoso.fields.get('Password')).toBeInstanceOf(kdbxweb.ProtectedValue);
      expect(text(contoso.fields.get('PIN'))).toBe('1234');
      expect(text(contoso.fields.get('otp'))).toMatch(/^otpauth:\/\/totp\//);
      expect(contoso.history.map((h) => text(h.fields.get('Password')))).toEqual(['oldest', 'older']);
      expect(root.entries.map((e) => text(e.fields.get('Title')))).toEqual(['Wi-Fi', 'Visa', 'Me', 'Fabrikam']);
    });
  }

  for (const kdf of [kdbxweb.Consts.KdfId.Argon2d, kdbxweb.Consts.KdfId.Argon2id]) {
    it(`we read a kdbxweb file using ${kdf === kdbxweb.Consts.KdfId.Argon2d ? 'Argon2d' : 'Argon2id'}`, async () => {
      const db = kdbxweb.Kdbx.create(credentials('their password'), 'Theirs');
      db.setKdf(kdf);
      const group = db.createGroup(db.getDefaultGroup(), 'Email');
      const entry = db.createEntry(group);
      entry.fields.set('Title', 'Mail');
      entry.fields.set('UserName', 'adele@example.com');
      entry.fields.set('Password', kdbxweb.ProtectedValue.fromString('m4il-pass'));
      entry.fields.set('URL', 'https://mail.example.com');
      entry.fields.set('Notes', 'Multi\nline');
      entry.fields.set('Secret answer', kdbxweb.ProtectedValue.fromString('42'));
      const bytes = new Uint8Array(await db.save());
      const { folders, items } = await importKdbx(bytes, 'their password');
      expect(folders.map((f) => f.name)).toEqual(['Email']);
      expect(items).toHaveLength(1);
      expect(items[0] as LoginItem).toMatchObject({
        name: 'Mail',
        username: 'adele@example.com',
        password: 'm4il-pass',
        notes: 'Multi\nline',
        websites: [{ url: 'https://mail.example.com', match: 'domain' }],
        customFields: [{ name: 'Secret answer', value: '42', hidden: true }],
        folderId: folders[0]!.id,
      });
      await expect(importKdbx(bytes, 'not theirs')).rejects.toMatchObject({ kind: 'wrong-password' });
    });
  }
});
