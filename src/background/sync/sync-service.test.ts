// The sync service against an in-memory WebDAV server (the browser tests use a real one):
// first sync creates the file, a concurrent writer makes it merge again, failures leave
// both sides as they were, transient failures are retried.
import { describe, expect, it } from 'vitest';
import { newItem } from '../../vault/model';
import { memoryArea } from '../memory-area';
import { VaultService } from '../vault-service';
import { SyncService } from './sync-service';

const CHEAP_KDF = { algorithm: 'argon2id', memoryKiB: 16384, iterations: 2, parallelism: 1 } as const;
const MASTER = 'correct horse battery staple';
const URL_BASE = 'https://dav.example/files/';

interface FakeDav {
  files: Map<string, { bytes: Uint8Array; etag: string }>;
  fetch: typeof fetch;
  requests: string[];
  /** Runs before each request; may throw or answer instead. */
  hook: ((method: string, path: string) => Response | undefined | Promise<Response | undefined>) | null;
}

function fakeDav(password = 'dav-pass'): FakeDav {
  const dav: FakeDav = { files: new Map(), requests: [], hook: null, fetch: null as never };
  let version = 0;
  dav.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    const headers = new Headers(init?.headers);
    dav.requests.push(`${method} ${url.pathname}`);
    const hooked = await dav.hook?.(method, url.pathname);
    if (hooked) return hooked;
    if (headers.get('Authorization') !== `Basic ${btoa(`me:${password}`)}`) return new Response('', { status: 401 });
    const file = dav.files.get(url.pathname);
    switch (method) {
      case 'GET':
        return file ? new Response(file.bytes as Uint8Array<ArrayBuffer>, { status: 200, headers: { ETag: file.etag } }) : new Response('', { status: 404 });
      case 'PROPFIND':
        return file ? new Response(`<d:multistatus xmlns:d="DAV:"><d:getetag>${file.etag}</d:getetag></d:multistatus>`, { status: 207 }) : new Response('', { status: 404 });
      case 'PUT':
        dav.files.set(url.pathname, { bytes: new Uint8Array(init!.body as ArrayBuffer), etag: `"v${++version}"` });
        return new Response('', { status: 201 });
      case 'DELETE':
        dav.files.delete(url.pathname);
        return new Response('', { status: 204 });
      case 'MOVE': {
        const target = new URL(headers.get('Destination')!).pathname;
        const existing = dav.files.get(target);
        if (headers.get('Overwrite') === 'F' && existing) return new Response('', { status: 412 });
        const condition = /\(\[(.*)\]\)/.exec(headers.get('If') ?? '')?.[1];
        if (condition !== undefined && existing?.etag !== condition) return new Response('', { status: 412 });
        dav.files.set(target, { ...file!, etag: `"v${++version}"` });
        dav.files.delete(url.pathname);
        return new Response('', { status: 201 });
      }
    }
    return new Response('', { status: 405 });
  }) as typeof fetch;
  return dav;
}

async function deviceWith(dav: FakeDav, names: string[]) {
  const vault = new VaultService({ local: memoryArea(), session: memoryArea(), kdf: CHEAP_KDF });
  await vault.create(MASTER);
  for (const name of names) await vault.update((d) => d.items.push(newItem('login', { name, password: `${name}-pw` })));
  const sync = new SyncService({ vault, local: memoryArea(), fetch: dav.fetch, sleep: async () => undefined, backoffMs: [1, 1] });
  await sync.save({ method: 'webdav', webdavUrl: URL_BASE, webdavUsername: 'me', webdavPassword: 'dav-pass', intervalMinutes: 15 });
  return { vault, sync };
}

const itemNames = async (vault: VaultService) => (await vault.read()).items.map((i) => i.name).sort();

describe('SyncService over WebDAV', () => {
  it('creates the file on the first sync, then merges both devices', async () => {
    const dav = fakeDav();
    const a = await deviceWith(dav, ['Alpha']);
    const b = await deviceWith(dav, ['Beta']);
    expect(await a.sync.sync()).toMatchObject({ ok: true, message: expect.stringMatching(/^Synced .*Created the sync file/) });
    expect([...dav.files.keys()]).toEqual(['/files/latchkey.kdbx']);
    expect(await b.sync.sync()).toMatchObject({ ok: true });
    expect(await a.sync.sync()).toMatchObject({ ok: true });
    expect(await itemNames(a.vault)).toEqual(['Alpha', 'Beta']);
    expect(await itemNames(b.vault)).toEqual(['Alpha', 'Beta']);
    // No temporary file is left behind.
    expect([...dav.files.keys()]).toEqual(['/files/latchkey.kdbx']);
  });

  it('merges again when another device writes between download and upload', async () => {
    const dav = fakeDav();
    const a = await deviceWith(dav, ['Alpha']);
    const b = await deviceWith(dav, ['Beta']);
    await a.sync.sync();
    let raced = false;
    dav.hook = async (method) => {
      if (method === 'PUT' && !raced) {
        raced = true;
        dav.hook = null;
        expect(await b.sync.sync()).toMatchObject({ ok: true }); // B writes first
      }
      return undefined;
    };
    await b.vault.update((d) => d.items.push(newItem('note', { name: 'From B' })));
    await a.vault.update((d) => d.items.push(newItem('note', { name: 'From A' })));
    dav.requests = [];
    expect(await a.sync.sync()).toMatchObject({ ok: true });
    expect(raced).toBe(true);
    // A's conditional MOVE was refused (412), so it downloaded and merged again.
    expect(dav.requests.filter((r) => r.startsWith('GET')).length).toBeGreaterThanOrEqual(3);
    await b.sync.sync();
    expect(await itemNames(a.vault)).toEqual(['Alpha', 'Beta', 'From A', 'From B']);
    expect(await itemNames(b.vault)).toEqual(['Alpha', 'Beta', 'From A', 'From B']);
  });

  it('reports 401, 403, 5xx (after retries), offline and timeouts, leaving the vault and the file as they were', async () => {
    const dav = fakeDav();
    const a = await deviceWith(dav, ['Alpha']);
    await a.sync.sync();
    const file = dav.files.get('/files/latchkey.kdbx');
    await a.vault.update((d) => d.items.push(newItem('note', { name: 'Local only' })));
    const cases: [Response | 'offline', RegExp][] = [
      [new Response('', { status: 401 }), /refused the username or password \(401\)/],
      [new Response('', { status: 403 }), /does not allow .* \(403\)/],
      [new Response('', { status: 503 }), /failed \(503\)/],
      ['offline', /could not be reached/],
    ];
    for (const [answer, message] of cases) {
      dav.requests = [];
      dav.hook = () => {
        if (answer === 'offline') throw new TypeError('Failed to fetch');
        return answer.clone();
      };
      const outcome = await a.sync.sync();
      expect(outcome).toMatchObject({ ok: false, message: expect.stringMatching(message) });
      expect(outcome.message).toMatch(/left as they were/);
      if (answer === 'offline' || answer.status === 503) expect(dav.requests).toHaveLength(3); // tried, then twice more
    }
    dav.hook = null;
    expect(dav.files.get('/files/latchkey.kdbx')).toBe(file);
    expect(await itemNames(a.vault)).toEqual(['Alpha', 'Local only']);
  });

  it('times out a server that does not answer', async () => {
    const dav = fakeDav();
    const vault = new VaultService({ local: memoryArea(), session: memoryArea(), kdf: CHEAP_KDF });
    await vault.create(MASTER);
    const hanging = ((_: unknown, init?: RequestInit) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))) as typeof fetch;
    const sync = new SyncService({ vault, local: memoryArea(), fetch: hanging, sleep: async () => undefined, backoffMs: [], timeoutMs: 50 });
    await sync.save({ method: 'webdav', webdavUrl: URL_BASE, webdavUsername: 'me', webdavPassword: 'x', intervalMinutes: 0 });
    expect(await sync.sync()).toMatchObject({ ok: false, message: expect.stringMatching(/did not answer within/) });
    void dav;
  });

  it('never replaces a foreign file or one under another password', async () => {
    const dav = fakeDav();
    const a = await deviceWith(dav, ['Alpha']);
    const foreign = { bytes: new TextEncoder().encode('not a vault'), etag: '"x"' };
    dav.files.set('/files/latchkey.kdbx', foreign);
    expect(await a.sync.sync()).toMatchObject({ ok: false, message: expect.stringMatching(/not a KeePass KDBX 4 database/) });
    const other = await deviceWith(fakeDav(), []);
    await other.vault.rekey(MASTER, { password: 'a different master password' });
    const otherDav = fakeDav();
    const o = new SyncService({ vault: other.vault, local: memoryArea(), fetch: otherDav.fetch });
    await o.save({ method: 'webdav', webdavUrl: URL_BASE, webdavUsername: 'me', webdavPassword: 'dav-pass', intervalMinutes: 0 });
    await o.sync();
    dav.files.set('/files/latchkey.kdbx', otherDav.files.get('/files/latchkey.kdbx')!);
    const kept = dav.files.get('/files/latchkey.kdbx');
    expect(await a.sync.sync()).toMatchObject({ ok: false, message: expect.stringMatching(/different master password/) });
    expect(dav.files.get('/files/latchkey.kdbx')).toBe(kept);
    expect(dav.requests.filter((r) => r.startsWith('PUT') || r.startsWith('MOVE'))).toEqual([]);
  });

  it('keeps the WebDAV password inside the vault and refuses plain http:// beyond this computer', async () => {
    const dav = fakeDav();
    const a = await deviceWith(dav, []);
    expect((await a.vault.read()).sync).toMatchObject({ webdavPassword: 'dav-pass' });
    expect(await a.sync.view()).not.toHaveProperty('webdavPassword');
    await a.sync.save({ method: 'webdav', webdavUrl: URL_BASE, webdavUsername: 'me', webdavPassword: '', intervalMinutes: 5 });
    expect((await a.vault.read()).sync).toMatchObject({ webdavPassword: 'dav-pass', intervalMinutes: 5 });
    await expect(a.sync.save({ method: 'webdav', webdavUrl: 'http://dav.example/', webdavUsername: 'me', intervalMinutes: 5 })).rejects.toThrow(/https/);
    await a.sync.save({ method: 'webdav', webdavUrl: 'http://127.0.0.1:8080/dav/', webdavUsername: 'me', intervalMinutes: 5 });
  });
});
