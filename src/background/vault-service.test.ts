import { describe, expect, it } from 'vitest';
import { newItem } from '../vault/model';
import { memoryArea } from './memory-area';
import { failingWrites } from './test-areas';
import { delayAfterFailures } from './unlock-throttle';
import { VaultService } from './vault-service';

const CHEAP_KDF = { algorithm: 'argon2id', memoryKiB: 16384, iterations: 2, parallelism: 1 } as const;
const MASTER = 'correct horse battery staple';

function service(local = memoryArea(), session = memoryArea(), now = () => Date.now()) {
  return new VaultService({ local, session, now, kdf: CHEAP_KDF });
}

async function vaultWithOneLogin() {
  const local = memoryArea();
  const session = memoryArea();
  const vault = service(local, session);
  await vault.create(MASTER);
  await vault.update((data) => data.items.push(newItem('login', { name: 'Contoso', username: 'adele@contoso.com', password: 'S3cret!pass' })));
  return { local, session, vault };
}

describe('VaultService', () => {
  it('creates a vault that is unlocked at once', async () => {
    const vault = service();
    expect(await vault.status()).toMatchObject({ state: 'none' });
    expect(await vault.create(MASTER)).toMatchObject({ state: 'unlocked' });
    expect((await vault.read()).items).toEqual([]);
  });

  it('refuses a second vault and a too-short master password', async () => {
    const { vault } = await vaultWithOneLogin();
    await expect(vault.create('another strong password')).rejects.toMatchObject({ code: 'vault-exists' });
    await expect(service().create('short')).rejects.toMatchObject({ code: 'weak-password' });
  });

  it('stays unlocked across a restarted worker (same session storage)', async () => {
    const { local, session } = await vaultWithOneLogin();
    const restarted = service(local, session);
    expect(await restarted.status()).toMatchObject({ state: 'unlocked' });
    expect((await restarted.read()).items.map((item) => item.name)).toEqual(['Contoso']);
  });

  it('starts locked after a browser restart (session storage emptied)', async () => {
    const { local } = await vaultWithOneLogin();
    const afterRestart = service(local, memoryArea());
    expect(await afterRestart.status()).toMatchObject({ state: 'locked' });
    await expect(afterRestart.read()).rejects.toMatchObject({ code: 'locked' });
    await afterRestart.unlock(MASTER);
    expect((await afterRestart.read()).items.map((item) => item.name)).toEqual(['Contoso']);
  });

  it('locks on demand and forgets the key from the session', async () => {
    const { vault, session } = await vaultWithOneLogin();
    await vault.lock();
    expect(await vault.status()).toMatchObject({ state: 'locked' });
    expect([...session.data.keys()]).not.toContain('session.vaultKey');
  });

  it('refuses a wrong password, then slows repeated tries down', async () => {
    let clock = 1_000_000;
    const { local } = await vaultWithOneLogin();
    const vault = service(local, memoryArea(), () => clock);
    for (let attempt = 1; attempt <= 3; attempt++) {
      await expect(vault.unlock('not the password')).rejects.toMatchObject({ code: 'wrong-password' });
    }
    // Three wrong tries: the fourth must wait.
    expect((await vault.status()).retryAfter).toBe(clock + delayAfterFailures(3));
    await expect(vault.unlock(MASTER)).rejects.toMatchObject({ code: 'too-many-attempts' });
    clock += delayAfterFailures(3);
    await expect(vault.unlock('still wrong')).rejects.toMatchObject({ code: 'wrong-password', message: /Wait 2 s/ });
    clock += delayAfterFailures(4);
    expect(await vault.unlock(MASTER)).toMatchObject({ state: 'unlocked' });
    expect((await vault.status()).retryAfter).toBeNull();
  });

  it('keeps the vault exactly as it was when a save fails', async () => {
    const { local, session } = await vaultWithOneLogin();
    const full = new VaultService({ local: failingWrites(local, /^vault\.record\./), session, kdf: CHEAP_KDF });
    await expect(full.update((data) => (data.items = []))).rejects.toMatchObject({ code: 'storage' });
    expect((await full.read()).items.map((item) => item.name)).toEqual(['Contoso']);
    expect((await service(local, session).read()).items.map((item) => item.name)).toEqual(['Contoso']);
  });

  it('changes the master password: the old one stops working, the items stay', async () => {
    const { vault, local } = await vaultWithOneLogin();
    await expect(vault.rekey('wrong current password', { password: 'a new master password' })).rejects.toMatchObject({
      code: 'wrong-password',
    });
    await vault.rekey(MASTER, { password: 'a new master password' });
    const fresh = service(local, memoryArea());
    await expect(fresh.unlock(MASTER)).rejects.toMatchObject({ code: 'wrong-password' });
    await fresh.unlock('a new master password');
    expect((await fresh.read()).items.map((item) => item.name)).toEqual(['Contoso']);
  });

  it('raises the KDF strength, kept in the header for the next unlock', async () => {
    const { vault, local } = await vaultWithOneLogin();
    const stronger = { algorithm: 'argon2id', memoryKiB: 32768, iterations: 3, parallelism: 2 } as const;
    await vault.rekey(MASTER, { kdf: stronger });
    expect(await vault.kdf()).toEqual(stronger);
    const fresh = service(local, memoryArea());
    await fresh.unlock(MASTER);
    expect(await fresh.kdf()).toEqual(stronger);
  });

  it('serialises concurrent edits so none is lost', async () => {
    const { vault } = await vaultWithOneLogin();
    await Promise.all(
      ['A', 'B', 'C', 'D'].map((name) => vault.update((data) => data.items.push(newItem('note', { name })))),
    );
    expect((await vault.read()).items.map((item) => item.name).sort()).toEqual(['A', 'B', 'C', 'Contoso', 'D']);
  });
});
