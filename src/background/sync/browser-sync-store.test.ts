// Browser sync: the sync file in chunks in storage.sync, two browsers sharing it, partial
// arrival, and a vault that outgrows the quota refused with a pointer to WebDAV.
import { describe, expect, it } from 'vitest';
import { newItem } from '../../vault/model';
import { memoryArea } from '../memory-area';
import type { StorageArea } from '../storage-area';
import { VaultService } from '../vault-service';
import { BrowserSyncStore, HEAD_KEY, QUOTA_BYTES } from './browser-sync-store';
import { SyncService } from './sync-service';

const CHEAP_KDF = { algorithm: 'argon2id', memoryKiB: 16384, iterations: 2, parallelism: 1 } as const;
const MASTER = 'correct horse battery staple';

/** storage.sync's quotas, as Chrome enforces them. */
function quotaArea(): StorageArea & { data: Map<string, unknown> } {
  const area = memoryArea();
  const size = (key: string, value: unknown) => key.length + JSON.stringify(value).length;
  return {
    data: area.data,
    get: (keys) => area.get(keys),
    remove: (keys) => area.remove(keys),
    async set(items) {
      for (const [key, value] of Object.entries(items)) if (size(key, value) > 8192) throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
      const next = new Map(area.data);
      for (const [key, value] of Object.entries(items)) next.set(key, value);
      const total = [...next].reduce((sum, [key, value]) => sum + size(key, value), 0);
      if (total > QUOTA_BYTES) throw new Error('QUOTA_BYTES quota exceeded');
      await area.set(items);
    },
  };
}

async function browserDevice(sync: StorageArea, names: string[]) {
  const vault = new VaultService({ local: memoryArea(), session: memoryArea(), kdf: CHEAP_KDF });
  await vault.create(MASTER);
  for (const name of names) await vault.update((d) => d.items.push(newItem('login', { name, password: `${name}-pw` })));
  const service = new SyncService({ vault, local: memoryArea(), browserSync: sync, sleep: async () => undefined, backoffMs: [] });
  await service.save({ method: 'browser', webdavUrl: '', webdavUsername: '', intervalMinutes: 15 });
  return { vault, service };
}

describe('browser sync', () => {
  it('two browsers sharing storage.sync merge their vaults, in chunks under the per-item quota', async () => {
    const area = quotaArea();
    const a = await browserDevice(area, ['Alpha']);
    const b = await browserDevice(area, ['Beta']);
    expect(await a.service.sync()).toMatchObject({ ok: true, message: expect.stringMatching(/^Synced .*Browser sync now holds the vault/) });
    expect(await b.service.sync()).toMatchObject({ ok: true });
    expect(await a.service.sync()).toMatchObject({ ok: true });
    for (const d of [a, b]) expect((await d.vault.read()).items.map((i) => i.name).sort()).toEqual(['Alpha', 'Beta']);
    // One generation of chunks plus the head: the old one is removed after the switch.
    const chunkKeys = [...area.data.keys()].filter((k) => k.startsWith('sync.file.') && k !== HEAD_KEY);
    const generations = new Set(chunkKeys.map((k) => k.split('.')[2]));
    expect(generations.size).toBe(1);
  });

  it('waits for chunks that have not arrived yet, changing nothing', async () => {
    const area = memoryArea();
    const a = await browserDevice(area, ['Alpha']);
    await a.service.sync();
    const chunk = [...area.data.keys()].find((k) => k.startsWith('sync.file.') && k !== HEAD_KEY)!;
    area.data.delete(chunk);
    const b = await browserDevice(area, ['Beta']);
    expect(await b.service.sync()).toMatchObject({ ok: false, message: expect.stringMatching(/not brought the whole vault/) });
    expect((await b.vault.read()).items.map((i) => i.name)).toEqual(['Beta']);
  });

  it('says when the vault outgrows browser sync and points to WebDAV, leaving what is there', async () => {
    const area = quotaArea();
    const names = Array.from({ length: 400 }, (_, i) => `Account ${i} ${crypto.randomUUID()}`);
    const a = await browserDevice(area, names);
    const outcome = await a.service.sync();
    expect(outcome).toMatchObject({ ok: false, message: expect.stringMatching(/outgrown browser sync.*Choose WebDAV/) });
    expect([...area.data.keys()].filter((k) => k.startsWith('sync.file.'))).toEqual([]);
    expect(await new BrowserSyncStore(area).get()).toBeNull();
  });
});
