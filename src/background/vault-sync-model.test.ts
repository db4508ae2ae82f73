// The vault model sync needs: tombstones left by deletions, the v1 → v2 migration on a vault
// written by the previous release, and the KeePass key kept only while unlocked.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compositeKey } from '../vault/formats/kdbx/crypto';
import { newItem } from '../vault/model';
import { memoryArea } from './memory-area';
import { VaultService } from './vault-service';

const CHEAP_KDF = { algorithm: 'argon2id', memoryKiB: 16384, iterations: 2, parallelism: 1 } as const;
const MASTER = 'correct horse battery staple';

describe('vault model for sync', () => {
  it('a deletion leaves a tombstone; bringing the id back removes it', async () => {
    let now = 1_760_000_000_000;
    const vault = new VaultService({ local: memoryArea(), session: memoryArea(), kdf: CHEAP_KDF, now: () => now });
    await vault.create(MASTER);
    const item = newItem('note', { name: 'n' }, now);
    await vault.update((d) => d.items.push(item));
    now += 5000;
    await vault.update((d) => (d.items = []));
    expect((await vault.read()).tombstones).toEqual([{ id: item.id, deleted: now }]);
    await vault.update((d) => d.items.push(item));
    expect((await vault.read()).tombstones).toEqual([]);
  });

  it('opens a vault written by the previous release (format 1) and loses nothing', async () => {
    const fixture = JSON.parse(readFileSync('test/fixtures/vault/v1-release.json', 'utf8')) as { local: Record<string, unknown>; data: Record<string, unknown> };
    const local = memoryArea(fixture.local);
    const vault = new VaultService({ local, session: memoryArea() });
    expect(await vault.unlock(MASTER)).toMatchObject({ state: 'unlocked' });
    const data = await vault.read();
    expect(data).toEqual({ ...fixture.data, tombstones: [], sync: null });
    expect(data.items).toHaveLength(3);
    // Upgraded once at unlock: the header is now at format 2 and opens again.
    const state = local.data.get('vault.state') as { current: { header: { version: number } } };
    expect(state.current.header.version).toBe(2);
    const again = new VaultService({ local, session: memoryArea() });
    await again.unlock(MASTER);
    expect(await again.read()).toEqual(data);
  });

  it('keeps the KeePass key of the master password in the session only while unlocked', async () => {
    const session = memoryArea();
    const local = memoryArea();
    const vault = new VaultService({ local, session, kdf: CHEAP_KDF });
    await vault.create(MASTER);
    expect(await vault.kdbxKey()).toEqual(compositeKey(MASTER));
    expect(JSON.stringify([...session.data.values()])).not.toContain(MASTER);
    expect(JSON.stringify([...local.data.values()])).not.toContain(MASTER);
    await vault.rekey(MASTER, { password: 'another long password' });
    expect(await vault.kdbxKey()).toEqual(compositeKey('another long password'));
    await vault.lock();
    expect(await vault.kdbxKey()).toBeNull();
    expect(session.data.size).toBe(0);
  });
});
