import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64, utf8Encode } from '../../vault/bytes';
import { importFile } from '../../vault/formats/index';
import { fixture } from '../../vault/formats/test-helpers';
import { newItem } from '../../vault/model';
import { memoryArea } from '../memory-area';
import { failingWrites } from '../test-areas';
import { VaultService } from '../vault-service';
import { createDataHandlers } from './handlers';

const CHEAP_KDF = { algorithm: 'argon2id', memoryKiB: 16384, iterations: 2, parallelism: 1 } as const;
const MASTER = 'correct horse battery staple';

async function setup() {
  const local = memoryArea();
  const session = memoryArea();
  const vault = new VaultService({ local, session, kdf: CHEAP_KDF });
  await vault.create(MASTER);
  await vault.update((data) => data.items.push(newItem('login', { name: 'Existing', username: 'me', password: 'pw' })));
  return { local, session, vault, handlers: createDataHandlers({ vault }) };
}

const file = (name: string) => toBase64(fixture(name));
const snapshot = (local: ReturnType<typeof memoryArea>) => JSON.stringify([...local.data.entries()]);

describe('data.import', () => {
  it('adds a file\'s items, then skips them all on a second import', async () => {
    const { vault, handlers } = await setup();
    const request = { format: 'auto' as const, filename: 'bitwarden.json', base64: file('bitwarden.json') };
    expect(await handlers['data.import'](request)).toEqual({ imported: 5, skipped: 0 });
    expect(await handlers['data.import'](request)).toEqual({ imported: 0, skipped: 5 });
    const data = await vault.read();
    expect(data.items.map((i) => i.name)).toContain('Contoso Microsoft 365');
    expect(data.folders.map((f) => f.name)).toEqual(['Work', 'Finance']);
  });

  it('refuses a corrupt file with a precise message and leaves the vault and its storage exactly as they were', async () => {
    const { local, vault, handlers } = await setup();
    const before = snapshot(local);
    const items = await vault.read();
    await expect(
      handlers['data.import']({ format: 'auto', filename: 'bad.csv', base64: file('unbalanced-quotes.csv') }),
    ).rejects.toMatchObject({ name: 'UserFacingError', code: 'bad-request', message: /CSV line 2: a quoted field is never closed/ });
    // One bad item among good ones refuses the whole file.
    const mixed = 'name,url,username,password,totp,notes\nGood,https://a.example,u,p,,\n' + `Bad,https://b.example,u,p,,"${'x'.repeat(1_000_001)}"\n`;
    await expect(handlers['data.import']({ format: 'csv', filename: 'mixed.csv', base64: toBase64(utf8Encode(mixed)) })).rejects.toMatchObject({
      code: 'bad-request',
      message: /CSV line 3 \(item 2\): notes: string is too long/,
    });
    expect(snapshot(local)).toBe(before);
    expect(await vault.read()).toEqual(items);
  });

  it('maps a wrong file password and a tampered file to their own codes', async () => {
    const { handlers } = await setup();
    const kdbx = { format: 'kdbx' as const, filename: 'keepassxc.kdbx', base64: file('keepassxc.kdbx') };
    await expect(handlers['data.import'](kdbx)).rejects.toMatchObject({ code: 'wrong-password', message: /enter its master password/ });
    await expect(handlers['data.import']({ ...kdbx, password: 'nope' })).rejects.toMatchObject({ code: 'wrong-password' });
    const bytes = fixture('keepassxc.kdbx');
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 1;
    await expect(handlers['data.import']({ ...kdbx, base64: toBase64(bytes), password: 'fixture password' })).rejects.toMatchObject({
      code: 'integrity',
      message: /HMAC mismatch/,
    });
    expect(await handlers['data.import']({ ...kdbx, password: 'fixture password' })).toEqual({ imported: 5, skipped: 0 });
  });

  it('saves nothing when the save itself fails (all or nothing)', async () => {
    const { local, session, vault } = await setup();
    const before = await vault.read();
    const failing = new VaultService({ local: failingWrites(local, /^vault\.record\./), session, kdf: CHEAP_KDF });
    const handlers = createDataHandlers({ vault: failing });
    await expect(handlers['data.import']({ format: 'csv', filename: 'chrome.csv', base64: file('chrome.csv') })).rejects.toMatchObject({ code: 'storage' });
    expect(await failing.read()).toEqual(before);
    expect(await new VaultService({ local, session: memoryArea(), kdf: CHEAP_KDF }).unlock(MASTER)).toMatchObject({ state: 'unlocked' });
  });

  it('refuses damaged base64, oversized files and a locked vault', async () => {
    const { vault, handlers } = await setup();
    await expect(handlers['data.import']({ format: 'csv', filename: 'x.csv', base64: 'abc' })).rejects.toMatchObject({ message: /base64 encoding is damaged/ });
    const huge = 'A'.repeat(Math.ceil((32 * 1024 * 1024) / 3) * 4 + 4);
    await expect(handlers['data.import']({ format: 'csv', filename: 'x.csv', base64: huge })).rejects.toMatchObject({ message: /larger than 32 MiB/ });
    await vault.lock();
    await expect(handlers['data.import']({ format: 'csv', filename: 'chrome.csv', base64: file('chrome.csv') })).rejects.toMatchObject({ code: 'locked' });
  });
});

describe('data.export', () => {
  it('asks for the master password again before anything is exported', async () => {
    const { handlers } = await setup();
    await expect(handlers['data.export']({ format: 'csv', currentMasterPassword: 'wrong password' })).rejects.toMatchObject({ code: 'wrong-password' });
  });

  it('refuses a missing or short export password for protected formats', async () => {
    const { handlers } = await setup();
    await expect(handlers['data.export']({ format: 'kdbx', currentMasterPassword: MASTER })).rejects.toMatchObject({ code: 'bad-request' });
    await expect(handlers['data.export']({ format: 'latchkey', password: 'short', currentMasterPassword: MASTER })).rejects.toMatchObject({
      code: 'weak-password',
    });
  });

  it('returns a binary-safe file that imports back, for every format', async () => {
    const { handlers } = await setup();
    for (const format of ['latchkey', 'bitwarden-json', 'kdbx', 'csv'] as const) {
      const answer = await handlers['data.export']({ format, password: 'export password', currentMasterPassword: MASTER });
      expect(answer.filename).toMatch(/^latchkey-/);
      const back = await importFile(fromBase64(answer.base64), { format: 'auto', password: 'export password' });
      expect(back.items.map((i) => i.name)).toEqual(['Existing']);
    }
  });
});

describe('data.preview', () => {
  it('names the format, counts per type and duplicates, lists what is left out, changes nothing; the import then uses the file read', async () => {
    const { local, vault, handlers } = await setup();
    const before = snapshot(local);
    const preview = await handlers['data.preview']({ format: 'auto', filename: 'x', base64: file('protonpass.csv') });
    expect(preview).toMatchObject({
      source: 'Proton Pass CSV',
      counts: { login: 2, note: 1, card: 0, identity: 0, passkey: 0 },
      toImport: 3,
      duplicates: 0,
      newFolders: ['Personal', 'Work'],
      notImportedCount: 1,
      notImported: [{ what: expect.stringContaining('Shopping alias'), reason: expect.stringMatching(/alias/) }],
    });
    expect(snapshot(local)).toBe(before);
    expect(await handlers['data.import']({ format: 'auto', filename: 'x', base64: '', previewId: preview.previewId })).toEqual({ imported: 3, skipped: 0 });
    expect(await handlers['data.importProgress']()).toEqual({ phase: 'done', done: 3, total: 3 });
    // A preview is used once.
    await expect(handlers['data.import']({ format: 'auto', filename: 'x', base64: '', previewId: preview.previewId })).rejects.toMatchObject({ code: 'bad-request', message: /no longer available/ });
    const again = await handlers['data.preview']({ format: 'auto', filename: 'x', base64: file('protonpass.csv') });
    expect(again).toMatchObject({ toImport: 0, duplicates: 3, newFolders: [] });
    expect((await vault.read()).items).toHaveLength(4);
  });

  it('refuses while locked and forgets a preview when the vault locks', async () => {
    const { vault, handlers } = await setup();
    const preview = await handlers['data.preview']({ format: 'auto', filename: 'x', base64: file('lastpass.csv') });
    await vault.lock();
    await expect(handlers['data.preview']({ format: 'auto', filename: 'x', base64: file('lastpass.csv') })).rejects.toMatchObject({ code: 'locked' });
    await expect(handlers['data.import']({ format: 'auto', filename: 'x', base64: '', previewId: preview.previewId })).rejects.toMatchObject({ code: 'locked' });
    await vault.unlock(MASTER);
    await expect(handlers['data.import']({ format: 'auto', filename: 'x', base64: '', previewId: preview.previewId })).rejects.toMatchObject({ message: /no longer available/ });
  });
});
