// What a failing storage leaves behind: a plain message for the person, and a vault
// that opens with the old or the new content, never neither.
import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../shared/errors';
import { newItem } from '../vault/model';
import { memoryArea } from './memory-area';
import type { StorageArea } from './storage-area';
import { corruptingWrites, crashOnWrite, failingWrites, killedDuringWrite } from './test-areas';
import { recordKey, STATE_KEY, type StoredState } from './vault-store';
import { VaultService } from './vault-service';

const CHEAP_KDF = { algorithm: 'argon2id', memoryKiB: 16384, iterations: 2, parallelism: 1 } as const;
const MASTER = 'correct horse battery staple';
type Memory = ReturnType<typeof memoryArea>;

async function vaultWith(local: Memory) {
  const vault = new VaultService({ local, session: memoryArea(), kdf: CHEAP_KDF });
  await vault.create(MASTER);
  await vault.update((data) => data.items.push(newItem('login', { name: 'Contoso', username: 'adele@contoso.com', password: 'S3cret!pass' })));
  await vault.update((data) => data.items.push(newItem('note', { name: 'Second' })));
}

/** Unlocks what is stored now, as after a browser restart. */
async function reopen(local: Memory) {
  const vault = new VaultService({ local, session: memoryArea(), kdf: CHEAP_KDF });
  const status = await vault.unlock(MASTER);
  return { status, names: (await vault.read()).items.map((item) => item.name) };
}

async function failedSave(area: StorageArea) {
  const vault = new VaultService({ local: area, session: memoryArea(), kdf: CHEAP_KDF });
  await vault.unlock(MASTER);
  return vault.update((data) => data.items.push(newItem('note', { name: 'Lost' }))).catch((error: unknown) => error);
}

describe('storage faults during a save', () => {
  it('quota exceeded at the pointer switch (the record was written): "storage is full", the old content opens', async () => {
    const local = memoryArea();
    await vaultWith(local);
    const error = await failedSave(failingWrites(local, new RegExp(`^${STATE_KEY}$`), 'QUOTA_BYTES quota exceeded'));
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as UserFacingError).message).toBe(
      'Latchkey could not save: the browser’s storage for Latchkey is full. Free some disk space, then try again. Your vault is unchanged.',
    );
    expect((await reopen(local)).names).toEqual(['Contoso', 'Second']);
    expect(local.data.has(recordKey(4))).toBe(false); // no orphan left
  });

  it('IndexedDB quota (QuotaExceededError) on the record write: the same plain message', async () => {
    const local = memoryArea();
    await vaultWith(local);
    const quota = Object.assign(new Error('The current transaction exceeded its quota limitations.'), { name: 'QuotaExceededError' });
    const area = { ...local, set: async (items: Record<string, unknown>) => (Object.keys(items).some((k) => k.startsWith('vault.record.')) ? Promise.reject(quota) : local.set(items)) };
    expect(await failedSave(area)).toMatchObject({ code: 'storage', message: expect.stringMatching(/storage for Latchkey is full/) });
    expect((await reopen(local)).names).toEqual(['Contoso', 'Second']);
  });

  it('a write that throws for another reason: "the browser refused to write", the old content opens', async () => {
    const local = memoryArea();
    await vaultWith(local);
    const error = await failedSave(failingWrites(local, /^vault\./, 'IO error: disk I/O error'));
    expect(error).toMatchObject({ code: 'storage', message: 'Latchkey could not save: the browser refused to write to its storage. Your vault is unchanged.' });
    expect((await reopen(local)).names).toEqual(['Contoso', 'Second']);
  });

  it('a write that reports success but stores damage is caught by the read-back, before the switch', async () => {
    const local = memoryArea();
    await vaultWith(local);
    const error = await failedSave(corruptingWrites(local, /^vault\.record\./));
    expect(error).toMatchObject({ code: 'storage', message: expect.stringMatching(/did not read back intact.*unchanged/) });
    expect((await reopen(local)).names).toEqual(['Contoso', 'Second']);
  });

  it('a crash between the record write and the pointer write: the old content opens; the next save succeeds', async () => {
    const local = memoryArea();
    await vaultWith(local);
    const dying = new VaultService({ local: killedDuringWrite(local, new RegExp(`^${STATE_KEY}$`)), session: memoryArea(), kdf: CHEAP_KDF });
    await dying.unlock(MASTER);
    void dying.update((data) => data.items.push(newItem('note', { name: 'Never committed' })));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { names } = await reopen(local);
    expect(names).toEqual(['Contoso', 'Second']);
    const next = new VaultService({ local, session: memoryArea(), kdf: CHEAP_KDF });
    await next.unlock(MASTER);
    await next.update((data) => data.items.push(newItem('note', { name: 'Third' })));
    expect((await reopen(local)).names).toEqual(['Contoso', 'Second', 'Third']);
  });

  for (const n of [1, 2, 3]) {
    it(`a crash at write ${n} of a save opens the old or the new content, never neither`, async () => {
      const local = memoryArea();
      await vaultWith(local);
      const crashing = crashOnWrite(local);
      const vault = new VaultService({ local: crashing, session: memoryArea(), kdf: CHEAP_KDF });
      await vault.unlock(MASTER);
      crashing.arm(n);
      await vault.update((data) => data.items.push(newItem('note', { name: 'Third' }))).catch(() => undefined);
      expect([['Contoso', 'Second'], ['Contoso', 'Second', 'Third']]).toContainEqual((await reopen(local)).names);
    });
  }
});

describe('a record tampered with on disk', () => {
  it('the current record altered: the previous version opens, with a notice saying so in plain words', async () => {
    const local = memoryArea();
    await vaultWith(local);
    const state = local.data.get(STATE_KEY) as StoredState;
    const record = local.data.get(recordKey(state.current.generation)) as { ciphertext: string };
    const bytes = Buffer.from(record.ciphertext, 'base64');
    bytes[5]! ^= 0xff;
    record.ciphertext = bytes.toString('base64');
    const { status, names } = await reopen(local);
    expect(names).toEqual(['Contoso']);
    expect(status.notice).toMatch(/failed its integrity check \(damaged or tampered with\).*opened the previous version/);
  });

  it('both records altered: a plain integrity error, and nothing is overwritten', async () => {
    const local = memoryArea();
    await vaultWith(local);
    for (const [key, value] of local.data) if (key.startsWith('vault.record.')) (value as { ciphertext: string }).ciphertext = Buffer.alloc(64, 1).toString('base64');
    const before = JSON.stringify([...local.data]);
    await expect(reopen(local)).rejects.toMatchObject({ code: 'integrity', message: expect.stringMatching(/damaged or tampered with. Nothing was changed/) });
    expect(JSON.stringify([...local.data].filter(([key]) => key.startsWith('vault.')))).toBe(
      JSON.stringify(JSON.parse(before).filter(([key]: [string]) => key.startsWith('vault.'))),
    );
  });
});
