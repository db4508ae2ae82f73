// Sync figures: a full sync of 10,000 items against a local WebDAV server (rclone serve
// webdav, private, on 127.0.0.1), as the background runs it: KDBX 4 at the default Argon2id
// strength, merge, upload under a temporary name and MOVE. Then a sync with nothing to do,
// and one bringing 100 edits made on another device.
import { memoryArea } from '../../src/background/memory-area';
import { SyncService } from '../../src/background/sync/sync-service';
import { VaultService } from '../../src/background/vault-service';
import { DEFAULT_KDF } from '../../src/vault/kdf';
import { newItem, updateItem, type LoginItem } from '../../src/vault/model';
import { startWebDav } from '../e2e/webdav-server';
import type { Benchmark, Figure } from './figures';

const MASTER = 'correct horse battery staple';
const COUNT = 10_000;

async function device(url: string, username: string, password: string) {
  const vault = new VaultService({ local: memoryArea(), session: memoryArea(), kdf: DEFAULT_KDF });
  await vault.create(MASTER);
  const sync = new SyncService({ vault, local: memoryArea() });
  await sync.save({ method: 'webdav', webdavUrl: url, webdavUsername: username, webdavPassword: password, intervalMinutes: 0 });
  return { vault, sync };
}

async function timed(work: () => Promise<{ ok: boolean; message: string }>): Promise<number> {
  const started = performance.now();
  const outcome = await work();
  if (!outcome.ok) throw new Error(outcome.message);
  return performance.now() - started;
}

export const syncBenchmark: Benchmark = {
  title: 'Sync',
  async run(): Promise<Figure[]> {
    const server = await startWebDav();
    try {
      const a = await device(server.url, server.username, server.password);
      await a.vault.update((draft) => {
        for (let i = 0; i < COUNT; i++) {
          draft.items.push(newItem('login', { name: `Account ${i}`, username: `user${i}@example.com`, password: `pw-${i}-${'x'.repeat(16)}`, websites: [{ url: `https://service${i % 97}.example.com/` }] }));
        }
      });
      const first = await timed(() => a.sync.sync());
      const b = await device(server.url, server.username, server.password);
      const pull = await timed(() => b.sync.sync());
      const idle = await timed(() => a.sync.sync());
      await b.vault.update((draft) => {
        for (let i = 0; i < 100; i++) draft.items[i] = updateItem(draft.items[i] as LoginItem, { password: `changed-${i}` });
      });
      await b.sync.sync();
      const hundred = await timed(() => a.sync.sync());
      const { statSync } = await import('node:fs');
      const size = statSync(`${server.dataDir}/latchkey.kdbx`).size / 1024;
      return [
        { name: `first sync of ${COUNT.toLocaleString('en')} items (creates the file)`, value: first, unit: 'ms' },
        { name: `second device's first sync (${COUNT.toLocaleString('en')} items in)`, value: pull, unit: 'ms' },
        { name: 'sync with nothing new', value: idle, unit: 'ms' },
        { name: 'sync bringing 100 edits from another device', value: hundred, unit: 'ms' },
        { name: `sync file size at ${COUNT.toLocaleString('en')} items`, value: size, unit: 'KiB' },
      ];
    } finally {
      await server.dispose();
    }
  },
};
