// Rollback: storage that holds an older but valid copy of the vault opens, and says so.
import { describe, expect, it } from 'vitest';
import { newItem } from '../vault/model';
import { memoryArea } from './memory-area';
import { witnessKey } from './rollback-witness';
import { STATE_KEY, type StoredState } from './vault-store';
import { VaultService } from './vault-service';

const CHEAP_KDF = { algorithm: 'argon2id', memoryKiB: 16384, iterations: 2, parallelism: 1 } as const;
const MASTER = 'correct horse battery staple';
type Memory = ReturnType<typeof memoryArea>;

const snapshot = (area: Memory) => memoryArea(Object.fromEntries(area.data));
const open = (local: Memory, witness: Memory | null) => new VaultService({ local, session: memoryArea(), witness, kdf: CHEAP_KDF });
const names = async (vault: VaultService) => (await vault.read()).items.map((item) => item.name);

async function vaultSavedThreeTimes() {
  const local = memoryArea();
  const witness = memoryArea();
  const vault = new VaultService({ local, session: memoryArea(), witness, kdf: CHEAP_KDF });
  await vault.create(MASTER);
  await vault.update((data) => data.items.push(newItem('note', { name: 'Old note' })));
  const backup = snapshot(local);
  await vault.update((data) => data.items.push(newItem('note', { name: 'Newer note' })));
  await vault.update((data) => data.items.push(newItem('note', { name: 'Newest note' })));
  return { local, witness, backup };
}

describe('rollback of the stored vault', () => {
  it('an older copy of storage opens, with a notice in plain words that it is older', async () => {
    const { witness, backup } = await vaultSavedThreeTimes();
    const restored = open(backup, witness);
    const status = await restored.unlock(MASTER);
    expect(status.state).toBe('unlocked');
    expect(status.notice).toMatch(/older copy of your vault.*saved it 2 more times.*not here/);
    expect(await names(restored)).toEqual(['Old note']);
  });

  it('the latest copy opens with no notice', async () => {
    const { local, witness } = await vaultSavedThreeTimes();
    const status = await open(local, witness).unlock(MASTER);
    expect(status.notice).toBeNull();
  });

  it('after the older copy is saved again, generations continue above the highest ever seen, and the notice goes', async () => {
    const { witness, backup } = await vaultSavedThreeTimes();
    const restored = open(backup, witness);
    await restored.unlock(MASTER);
    await restored.update((data) => data.items.push(newItem('note', { name: 'Written after the restore' })));
    expect((backup.data.get(STATE_KEY) as StoredState).current.generation).toBe(5);
    expect((await open(backup, witness).unlock(MASTER)).notice).toBeNull();
  });

  it('a witness written without the vault key (forged or from another vault) is ignored', async () => {
    const { local, witness } = await vaultSavedThreeTimes();
    const vaultId = (local.data.get(STATE_KEY) as StoredState).current.header.vaultId;
    await witness.set({ [witnessKey(vaultId)]: { generation: 999, mac: 'AAAA' } });
    expect((await open(local, witness).unlock(MASTER)).notice).toBeNull();
  });

  it('without a second storage area nothing is detected and nothing breaks', async () => {
    const { backup } = await vaultSavedThreeTimes();
    const status = await open(backup, null).unlock(MASTER);
    expect(status).toMatchObject({ state: 'unlocked', notice: null });
  });

  it('a witness that cannot be written never stops a save', async () => {
    const local = memoryArea();
    const broken = { ...memoryArea(), set: async () => Promise.reject(new Error('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded')) };
    const vault = new VaultService({ local, session: memoryArea(), witness: broken, kdf: CHEAP_KDF });
    await vault.create(MASTER);
    await vault.update((data) => data.items.push(newItem('note', { name: 'Saved anyway' })));
    const reopened = open(local, null);
    await reopened.unlock(MASTER);
    expect(await names(reopened)).toEqual(['Saved anyway']);
  });
});
