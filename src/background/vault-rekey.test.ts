// Changing the master password or the KDF: a fresh vault key, the old password and
// the old key open nothing afterwards, and a crash at any write leaves exactly one
// of the two passwords working, with the data intact.
import { describe, expect, it } from 'vitest';
import { fromBase64 } from '../vault/bytes';
import { newItem } from '../vault/model';
import { decryptVaultData, unwrapVaultKey, type EncryptedRecord, type VaultHeader } from '../vault/vault-file';
import { memoryArea } from './memory-area';
import { crashOnWrite } from './test-areas';
import { STATE_KEY, type StoredState } from './vault-store';
import { VaultService } from './vault-service';

const CHEAP_KDF = { algorithm: 'argon2id', memoryKiB: 16384, iterations: 2, parallelism: 1 } as const;
const STRONGER_KDF = { algorithm: 'argon2id', memoryKiB: 32768, iterations: 2, parallelism: 1 } as const;
const OLD = 'correct horse battery staple';
const NEW = 'a new master password, longer';

type Memory = ReturnType<typeof memoryArea>;

async function vaultWithHistory(local: Memory, wrapped = crashOnWrite(local)) {
  const session = memoryArea();
  const vault = new VaultService({ local: wrapped, session, kdf: CHEAP_KDF });
  await vault.create(OLD);
  await vault.update((data) => data.items.push(newItem('login', { name: 'Contoso', username: 'adele@contoso.com', password: 'S3cret!pass' })));
  await vault.update((data) => data.items.push(newItem('note', { name: 'Recovery codes', notes: '1234-5678' })));
  const oldKey = fromBase64(session.data.get('session.vaultKey') as string);
  const oldState = local.data.get(STATE_KEY) as StoredState;
  return { vault, session, wrapped, oldKey, oldHeaders: [oldState.current.header, oldState.previous!.header] };
}

const records = (local: Memory) =>
  [...local.data].filter(([key]) => key.startsWith('vault.record.')).map(([, value]) => value as EncryptedRecord);

/** Which of the two passwords opens what is stored now, with the items it shows. */
async function whoOpens(local: Memory): Promise<Array<{ password: string; items: string[] }>> {
  const opened: Array<{ password: string; items: string[] }> = [];
  for (const password of [OLD, NEW]) {
    const fresh = new VaultService({ local, session: memoryArea(), kdf: CHEAP_KDF });
    try {
      await fresh.unlock(password);
      opened.push({ password, items: (await fresh.read()).items.map((item) => item.name) });
    } catch (error) {
      expect(error).toMatchObject({ code: 'wrong-password' });
    }
  }
  return opened;
}

async function expectOldKeyOpensNothing(local: Memory, oldKey: Uint8Array, oldHeaders: VaultHeader[]) {
  const state = local.data.get(STATE_KEY) as StoredState;
  const headers = [...oldHeaders, state.current.header];
  for (const record of records(local)) {
    for (const header of headers) await expect(decryptVaultData(header, oldKey, record)).rejects.toThrow(/integrity/);
  }
  await expect(unwrapVaultKey(state.current.header, OLD)).rejects.toThrow(/incorrect/);
}

describe('rekey (master password / KDF change)', () => {
  it('after a password change the old password opens nothing and only the new one opens the vault', async () => {
    const local = memoryArea();
    const { vault } = await vaultWithHistory(local);
    await vault.rekey(OLD, { password: NEW });
    expect(await whoOpens(local)).toEqual([{ password: NEW, items: ['Contoso', 'Recovery codes'] }]);
    const state = local.data.get(STATE_KEY) as StoredState;
    expect(state.previous).toBeNull(); // no header of the old password is kept
    expect(records(local)).toHaveLength(1); // the previous version and older records are gone
  });

  it('rotates the vault key: the old key decrypts no record left in storage, under any header', async () => {
    const local = memoryArea();
    const { vault, session, oldKey, oldHeaders } = await vaultWithHistory(local);
    await vault.rekey(OLD, { password: NEW });
    const newKey = fromBase64(session.data.get('session.vaultKey') as string);
    expect(Buffer.from(newKey).equals(Buffer.from(oldKey))).toBe(false);
    await expectOldKeyOpensNothing(local, oldKey, oldHeaders);
    // The running service keeps working with the new key.
    await vault.update((data) => data.items.push(newItem('note', { name: 'After' })));
    expect((await vault.read()).items.map((item) => item.name)).toEqual(['Contoso', 'Recovery codes', 'After']);
  });

  it('a KDF change also rotates the key: the weaker header opens nothing', async () => {
    const local = memoryArea();
    const { vault, oldKey, oldHeaders } = await vaultWithHistory(local);
    await vault.rekey(OLD, { kdf: STRONGER_KDF });
    const state = local.data.get(STATE_KEY) as StoredState;
    expect(state.current.header.kdf).toEqual(STRONGER_KDF);
    expect(state.previous).toBeNull();
    for (const record of records(local)) {
      for (const header of oldHeaders) await expect(decryptVaultData(header, oldKey, record)).rejects.toThrow(/integrity/);
    }
  });

  // A rekey writes: the unlock-throttle reset, the new record, the pointer switch, the removal of the
  // old records (after the switch a failed removal is not a failed change: it is redone at the next
  // open). A crash at each of them, and none (n = 5).
  const seen: string[] = [];
  for (const n of [1, 2, 3, 4, 5]) {
    it(`a crash at write ${n} of a password change leaves a vault that exactly one password opens, with all items`, async () => {
      const local = memoryArea();
      const { vault, session, wrapped, oldKey, oldHeaders } = await vaultWithHistory(local);
      wrapped.arm(n);
      const outcome = await vault.rekey(OLD, { password: NEW }).then(
        () => 'done',
        () => 'crashed',
      );
      // A worker restarted with whatever key the session held answers (unlocked or locked), never an error.
      const restarted = new VaultService({ local, session, kdf: CHEAP_KDF });
      const status = await restarted.status();
      expect(['locked', 'unlocked']).toContain(status.state);
      if (status.state === 'unlocked') expect((await restarted.read()).items.map((i) => i.name)).toEqual(['Contoso', 'Recovery codes']);

      const opened = await whoOpens(local);
      expect(opened).toHaveLength(1);
      expect(opened[0]!.items).toEqual(['Contoso', 'Recovery codes']);
      const switched = opened[0]!.password === NEW;
      seen.push(`${n}:${switched ? 'new' : 'old'}:${outcome}`);
      // Once switched, the old key opens no record left (opening removed what a crash left behind).
      if (switched) await expectOldKeyOpensNothing(local, oldKey, oldHeaders);
      if (n === 5) expect(outcome).toBe('done');
    });
  }

  it('the crashes above covered both sides of the switch', () => {
    expect(seen).toEqual(['1:old:crashed', '2:old:crashed', '3:old:crashed', '4:new:done', '5:new:done']);
  });
});
