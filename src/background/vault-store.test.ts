import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../shared/errors';
import { emptyVaultData, newItem, type VaultData } from '../vault/model';
import { createVault } from '../vault/vault-file';
import { memoryArea } from './memory-area';
import { failingWrites, killedDuringWrite } from './test-areas';
import { recordKey, STATE_KEY, VaultStore, type StoredState } from './vault-store';

const CHEAP_KDF = { algorithm: 'argon2id', memoryKiB: 16384, iterations: 2, parallelism: 1 } as const;

function vaultWith(...names: string[]): VaultData {
  const data = emptyVaultData();
  for (const name of names) data.items.push(newItem('login', { name, username: `${name}@example.com`, password: `pw-${name}` }));
  return data;
}
const names = (data: VaultData) => data.items.map((item) => item.name);

async function setup() {
  const { header, vaultKey } = await createVault('correct horse battery staple', CHEAP_KDF);
  const area = memoryArea();
  const store = new VaultStore(area);
  await store.save(header, vaultKey, vaultWith('first'));
  await store.save(header, vaultKey, vaultWith('first', 'second'));
  return { header, vaultKey, area, store };
}

describe('VaultStore', () => {
  it('keeps the current and the previous generation, and removes older ones', async () => {
    const { header, vaultKey, area, store } = await setup();
    await store.save(header, vaultKey, vaultWith('first', 'second', 'third'));
    const state = (await area.get(STATE_KEY))[STATE_KEY] as StoredState;
    expect(state.current.generation).toBe(3);
    expect(state.previous?.generation).toBe(2);
    expect([...area.data.keys()].filter((key) => key.startsWith('vault.record.')).sort()).toEqual([recordKey(2), recordKey(3)]);
    expect(names((await store.open(vaultKey)).data)).toEqual(['first', 'second', 'third']);
  });

  it('refuses a save when storage is full, with a clear message, and changes nothing', async () => {
    const { header, vaultKey, area } = await setup();
    const before = structuredClone([...area.data]);
    const full = new VaultStore(failingWrites(area, /^vault\.record\./));
    const failure = await full.save(header, vaultKey, vaultWith('lost')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UserFacingError);
    expect((failure as UserFacingError).message).toMatch(/storage for Latchkey is full.*unchanged/);
    expect([...area.data]).toEqual(before);
  });

  it('leaves no orphan record when the pointer switch fails', async () => {
    const { header, vaultKey, area, store } = await setup();
    const broken = new VaultStore(failingWrites(area, new RegExp(`^${STATE_KEY}$`), 'IO error'));
    await expect(broken.save(header, vaultKey, vaultWith('lost'))).rejects.toThrow(/could not save/);
    expect(area.data.has(recordKey(3))).toBe(false);
    expect(names((await store.open(vaultKey)).data)).toEqual(['first', 'second']);
  });

  it('opens the old content after the worker died between writing a record and switching to it', async () => {
    const { header, vaultKey, area } = await setup();
    const dying = new VaultStore(killedDuringWrite(area, new RegExp(`^${STATE_KEY}$`)));
    void dying.save(header, vaultKey, vaultWith('first', 'second', 'never-committed'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(area.data.has(recordKey(3))).toBe(true); // written, but never made current

    const restarted = new VaultStore(area);
    expect(names((await restarted.open(vaultKey)).data)).toEqual(['first', 'second']);
    // The next save reuses the abandoned generation number and succeeds.
    await restarted.save(header, vaultKey, vaultWith('first', 'second', 'third'));
    expect(names((await restarted.open(vaultKey)).data)).toEqual(['first', 'second', 'third']);
  });

  it('opens the previous version when the current record was tampered with, and says so', async () => {
    const { vaultKey, area, store } = await setup();
    const record = area.data.get(recordKey(2)) as { ciphertext: string };
    const bytes = Buffer.from(record.ciphertext, 'base64');
    bytes[bytes.length - 1]! ^= 0x01;
    record.ciphertext = bytes.toString('base64');
    const opened = await store.open(vaultKey);
    expect(names(opened.data)).toEqual(['first']);
    expect(opened.recoveredFrom?.generation).toBe(2);
  });

  it('reports a damaged vault with no good version left as an integrity error', async () => {
    const { header, vaultKey } = await setup();
    const area = memoryArea();
    const store = new VaultStore(area);
    await store.save(header, vaultKey, vaultWith('only'));
    (area.data.get(recordKey(1)) as { ciphertext: string }).ciphertext = Buffer.alloc(64, 1).toString('base64');
    await expect(store.open(vaultKey)).rejects.toMatchObject({ code: 'integrity', message: expect.stringMatching(/integrity check/) });
  });

  it('refuses to open with the wrong vault key', async () => {
    const { store } = await setup();
    const other = await createVault('another password entirely', CHEAP_KDF);
    await expect(store.open(other.vaultKey)).rejects.toMatchObject({ code: 'integrity' });
  });
});
