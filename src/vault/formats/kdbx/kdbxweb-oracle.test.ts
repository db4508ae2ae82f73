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

describe('KDBX 3.1 and key files, against kdbxweb', () => {
  const passkeyEntry = (db: kdbxweb.Kdbx) => {
    const entry = db.createEntry(db.getDefaultGroup());
    const passkey = sampleVault().items.find((i) => i.type === 'passkey')!;
    if (passkey.type !== 'passkey') throw new Error('no passkey');
    entry.fields.set('Title', 'Fabrikam');
    entry.fields.set('UserName', passkey.userName);
    entry.fields.set('URL', `https://${passkey.rpId}`);
    entry.fields.set('KPEX_PASSKEY_RELYING_PARTY', passkey.rpId);
    entry.fields.set('KPEX_PASSKEY_USERNAME', passkey.userName);
    entry.fields.set('KPEX_PASSKEY_CREDENTIAL_ID', kdbxweb.ProtectedValue.fromString(passkey.credentialId));
    entry.fields.set('KPEX_PASSKEY_USER_HANDLE', kdbxweb.ProtectedValue.fromString(passkey.userHandle));
    entry.fields.set('KPEX_PASSKEY_PRIVATE_KEY_PEM', kdbxweb.ProtectedValue.fromString(`-----BEGIN PRIVATE KEY-----\n${passkey.privateKey.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----`));
    return passkey;
  };

  it('imports a KDBX 3.1 file written by kdbxweb (AES-KDF), passkey included', async () => {
    const db = kdbxweb.Kdbx.create(credentials('three password'), 'Old');
    db.setVersion(3);
    const group = db.createGroup(db.getDefaultGroup(), 'Email');
    const entry = db.createEntry(group);
    entry.fields.set('Title', 'Mail');
    entry.fields.set('UserName', 'adele@example.com');
    entry.fields.set('Password', kdbxweb.ProtectedValue.fromString('m4il-pass'));
    entry.fields.set('Secret answer', kdbxweb.ProtectedValue.fromString('42'));
    const passkey = passkeyEntry(db);
    const bytes = new Uint8Array(await db.save());
    expect([bytes[10], bytes[11]]).toEqual([3, 0]);
    const { source, folders, items } = await importKdbx(bytes, 'three password');
    expect(source).toBe('KeePass KDBX 3.1');
    expect(folders.map((f) => f.name)).toEqual(['Email']);
    expect(items.find((i) => i.name === 'Mail')).toMatchObject({ password: 'm4il-pass', customFields: [{ name: 'Secret answer', value: '42', hidden: true }], folderId: folders[0]!.id });
    expect(items.find((i) => i.type === 'passkey')).toMatchObject({ rpId: passkey.rpId, credentialId: passkey.credentialId, userHandle: passkey.userHandle, privateKey: passkey.privateKey, algorithm: -7 });
  });

  for (const version of [3, 4] as const) {
    for (const keyVersion of [1, 2] as const) {
      it(`imports a KDBX ${version} file protected by a password and an XML v${keyVersion}.0 key file, and by the key file alone`, async () => {
        const keyFile = await kdbxweb.Credentials.createRandomKeyFile(keyVersion);
        const both = new kdbxweb.Credentials(kdbxweb.ProtectedValue.fromString('pw and key'), keyFile);
        const db = kdbxweb.Kdbx.create(both, 'Keyed');
        db.setVersion(version);
        if (version === 4) db.setKdf(kdbxweb.Consts.KdfId.Argon2id);
        db.createEntry(db.getDefaultGroup()).fields.set('Title', 'Keyed entry');
        const bytes = new Uint8Array(await db.save());
        const key = new Uint8Array(keyFile);
        expect((await importKdbx(bytes, 'pw and key', key)).items.map((i) => i.name)).toEqual(['Keyed entry']);
        await expect(importKdbx(bytes, 'pw and key')).rejects.toMatchObject({ kind: 'wrong-password', message: /key file/ });
        const other = new Uint8Array(await kdbxweb.Credentials.createRandomKeyFile(keyVersion));
        await expect(importKdbx(bytes, 'pw and key', other)).rejects.toMatchObject({ kind: 'wrong-password', message: /password or the key file is wrong/ });

        const keyOnly = kdbxweb.Kdbx.create(new kdbxweb.Credentials(null, keyFile), 'Key only');
        keyOnly.setVersion(version);
        if (version === 4) keyOnly.setKdf(kdbxweb.Consts.KdfId.Argon2id);
        keyOnly.createEntry(keyOnly.getDefaultGroup()).fields.set('Title', 'Key only entry');
        const keyOnlyBytes = new Uint8Array(await keyOnly.save());
        expect((await importKdbx(keyOnlyBytes, undefined, key)).items.map((i) => i.name)).toEqual(['Key only entry']);
      });
    }
  }

  it('reads key files of raw 32 bytes, 64 hex characters and any other file (by its hash), as kdbxweb does', async () => {
    const raw = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
    const hexText = new TextEncoder().encode(Array.from(raw, (b) => b.toString(16).padStart(2, '0')).join(''));
    const other = new TextEncoder().encode('any file at all can be a key file');
    for (const keyFile of [raw, hexText, other]) {
      const db = kdbxweb.Kdbx.create(new kdbxweb.Credentials(kdbxweb.ProtectedValue.fromString('p'), keyFile.slice().buffer), 'K');
      db.setKdf(kdbxweb.Consts.KdfId.Argon2id);
      db.createEntry(db.getDefaultGroup()).fields.set('Title', 'ok');
      const bytes = new Uint8Array(await db.save());
      expect((await importKdbx(bytes, 'p', keyFile)).items.map((i) => i.name)).toEqual(['ok']);
    }
  });
});
