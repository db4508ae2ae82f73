// Sync through a real WebDAV server (rclone serve webdav, private, on 127.0.0.1) as a KeePass
// KDBX 4 file: two browser profiles merge their edits, a conflict goes to the newer edit with
// the other password in the history, a deletion travels, a server stopped during a sync and
// wrong credentials and foreign files leave both sides untouched, and an edit made with
// keepassxc-cli on the server file arrives in the extension.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exportKdbx } from '../../src/vault/formats/kdbx/index';
import { emptyVaultData } from '../../src/vault/model';
import { BROWSERS, launch, type ExtensionSession, type TestPage } from './harness';
import { createVault, listItems, MASTER_PASSWORD } from './flows';
import { startWebDav, type WebDavServer } from './webdav-server';

const KEEPASSXC_CLI = process.env.LATCHKEY_KEEPASSXC_CLI ?? '/usr/bin/keepassxc-cli';
const SYNC_TIMEOUT = 60_000;

async function send<T>(session: ExtensionSession, type: string, payload: unknown): Promise<T> {
  const answer = (await session.sendFromExtensionPage({ type, payload })) as { ok: boolean; value: T; error?: { message: string } };
  if (!answer.ok) throw new Error(`${type} failed: ${answer.error?.message}`);
  return answer.value;
}

async function addLogin(session: ExtensionSession, name: string, password: string): Promise<void> {
  session.console.noteSecret(password);
  await send(session, 'items.save', { item: { type: 'login', name, username: `${name.toLowerCase()}@example.com`, password, websites: [] } });
}

async function loginByName(session: ExtensionSession, name: string): Promise<{ id: string; password: string; passwordHistory: { password: string }[] }> {
  const summary = (await listItems(session)).find((item) => item.name === name);
  if (!summary) throw new Error(`no item named ${name}`);
  return (await send<{ item: { id: string; password: string; passwordHistory: { password: string }[] } }>(session, 'items.get', { id: summary.id })).item;
}

async function names(session: ExtensionSession): Promise<string[]> {
  return (await listItems(session)).map((item) => item.name).sort();
}

interface Device {
  session: ExtensionSession;
  popup: TestPage;
}

async function device(browserName: (typeof BROWSERS)[number]): Promise<Device> {
  const session = await launch(browserName);
  const popup = await session.openPopup();
  await createVault(popup, MASTER_PASSWORD, session);
  return { session, popup };
}

/** Fills the sync settings by their contract names and presses "Sync now"; answers the outcome's role and text. */
async function syncNow(d: Device, server: WebDavServer, overrides: { url?: string; password?: string } = {}): Promise<{ role: 'status' | 'alert'; text: string }> {
  const { popup } = d;
  if (!(await popup.byRole('combobox', 'Sync method').isVisible())) {
    await popup.byRole('button', 'Settings').click();
    await popup.byRole('combobox', 'Sync method').waitFor();
  }
  await popup.bySelector('#sync-method').waitFor();
  await popup.evaluate(() => {
    const select = document.querySelector<HTMLSelectElement>('#sync-method')!;
    select.value = 'webdav';
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }, undefined);
  await popup.byRole('textbox', 'WebDAV URL').fill(overrides.url ?? server.url);
  await popup.byRole('textbox', 'WebDAV username').fill(server.username);
  d.session.console.noteSecret(server.password);
  await popup.byRole('textbox', 'WebDAV password').fill(overrides.password ?? server.password);
  await popup.byRole('button', 'Sync now').click();
  const deadline = Date.now() + SYNC_TIMEOUT;
  // The previous outcome disappears while syncing; wait for the new one.
  await popup.waitForText('Syncing…', 5000).catch(() => undefined);
  for (;;) {
    if (!(await popup.text()).includes('Syncing…')) {
      if (await popup.byRole('alert').isVisible()) return { role: 'alert', text: await popup.byRole('alert').text() };
      if (await popup.byRole('status').isVisible()) return { role: 'status', text: await popup.byRole('status').text() };
    }
    if (Date.now() > deadline) throw new Error('no sync outcome shown');
    await new Promise((r) => setTimeout(r, 200));
  }
}

const serverFile = (server: WebDavServer) => join(server.dataDir, 'latchkey.kdbx');

describe.each(BROWSERS)('WebDAV sync in %s', (browserName) => {
  let server: WebDavServer;
  const devices: Device[] = [];
  beforeAll(async () => {
    server = await startWebDav();
  });
  afterAll(async () => {
    await server?.dispose();
  });
  afterEach(async () => {
    for (const d of devices.splice(0)) await d.session.close();
    await server.start().catch(() => undefined);
    server.clear();
  });

  it('two profiles merge their edits; the newer edit wins a conflict, the other password goes to the history; a deletion travels', async () => {
    const a = await device(browserName);
    devices.push(a);
    const b = await device(browserName);
    devices.push(b);
    await addLogin(a.session, 'Alpha', 'alpha-1');
    await addLogin(b.session, 'Beta', 'beta-1');

    expect(await syncNow(a, server)).toMatchObject({ role: 'status', text: expect.stringMatching(/^Synced .*Created the sync file/) });
    expect(existsSync(serverFile(server))).toBe(true);
    expect(await syncNow(b, server)).toMatchObject({ role: 'status', text: expect.stringMatching(/^Synced .*1 added/) });
    expect(await names(b.session)).toEqual(['Alpha', 'Beta']);
    expect(await syncNow(a, server)).toMatchObject({ role: 'status', text: expect.stringMatching(/^Synced .*1 added/) });
    expect(await names(a.session)).toEqual(['Alpha', 'Beta']);

    // Both change Alpha's password offline; B's change is the newer one.
    const alpha = await loginByName(a.session, 'Alpha');
    a.session.console.noteSecret('alpha-from-a');
    await send(a.session, 'items.save', { item: { id: alpha.id, password: 'alpha-from-a' } });
    await new Promise((r) => setTimeout(r, 50));
    b.session.console.noteSecret('alpha-from-b');
    await send(b.session, 'items.save', { item: { id: alpha.id, password: 'alpha-from-b' } });
    // And B deletes Beta.
    const beta = await loginByName(b.session, 'Beta');
    await send(b.session, 'items.delete', { ids: [beta.id] });

    expect((await syncNow(a, server)).role).toBe('status');
    expect((await syncNow(b, server)).role).toBe('status');
    expect((await syncNow(a, server)).role).toBe('status');
    for (const d of [a, b]) {
      expect(await names(d.session)).toEqual(['Alpha']);
      const merged = await loginByName(d.session, 'Alpha');
      expect(merged.password).toBe('alpha-from-b');
      expect(merged.passwordHistory.map((h) => h.password)).toEqual(expect.arrayContaining(['alpha-from-a', 'alpha-1']));
    }
  });

  it('wrong credentials, a foreign file and a file under another password: an alert, both sides untouched', async () => {
    const a = await device(browserName);
    devices.push(a);
    await addLogin(a.session, 'Gamma', 'gamma-1');

    const refused = await syncNow(a, server, { password: 'not-the-password' });
    expect(refused.role).toBe('alert');
    expect(refused.text).toMatch(/refused the username or password \(401\)/);

    await server.put('latchkey.kdbx', 'hello, this is not a vault');
    const foreign = await syncNow(a, server);
    expect(foreign.role).toBe('alert');
    expect(foreign.text).toMatch(/not a KeePass KDBX 4 database/);
    expect(readFileSync(serverFile(server), 'utf8')).toBe('hello, this is not a vault');

    const other = await exportKdbx(emptyVaultData(), { password: 'someone else entirely', kdf: { algorithm: 'argon2id', memoryKiB: 16384, iterations: 2, parallelism: 1 } });
    await server.put('latchkey.kdbx', other);
    const wrongPassword = await syncNow(a, server);
    expect(wrongPassword.role).toBe('alert');
    expect(wrongPassword.text).toMatch(/different master password/);
    expect(new Uint8Array(readFileSync(serverFile(server)))).toEqual(other);
    expect(await names(a.session)).toEqual(['Gamma']);
  });

  it('survives the server stopping during a sync, then syncs once it is back', async () => {
    const a = await device(browserName);
    devices.push(a);
    await addLogin(a.session, 'Delta', 'delta-1');
    expect((await syncNow(a, server)).role).toBe('status');
    const before = readFileSync(serverFile(server));
    await addLogin(a.session, 'Epsilon', 'epsilon-1');

    // Stop the server as soon as the sync has started (it is deriving the file key or talking to it).
    const outcome = syncNow(a, server);
    await a.popup.waitForText('Syncing…', 10_000);
    await server.stop();
    const failed = await outcome;
    expect(failed.role).toBe('alert');
    expect(failed.text).toMatch(/could not be reached|did not answer|broke/);
    expect(await names(a.session)).toEqual(['Delta', 'Epsilon']);
    // The server file is the last good one, whole.
    expect(readFileSync(serverFile(server))).toEqual(before);

    await server.start();
    expect((await syncNow(a, server)).role).toBe('status');
  });

  it.skipIf(!existsSync(KEEPASSXC_CLI))('an edit made with keepassxc-cli on the server file arrives in the extension', async () => {
    const a = await device(browserName);
    devices.push(a);
    await addLogin(a.session, 'Zeta', 'zeta-1');
    await addLogin(a.session, 'Eta', 'eta-1');
    expect((await syncNow(a, server)).role).toBe('status');
    const file = serverFile(server);
    // KeePassXC opens the file with the master password and lists Latchkey's entries.
    const listed = execFileSync(KEEPASSXC_CLI, ['ls', '-q', file], { input: `${MASTER_PASSWORD}\n` }).toString();
    expect(listed).toMatch(/Zeta/);
    // A new password for Zeta (keepassxc-cli reads the master password, then the entry's new one), and Eta deleted.
    execFileSync(KEEPASSXC_CLI, ['edit', '-q', '-p', file, '/Zeta'], { input: `${MASTER_PASSWORD}\nzeta-from-keepassxc\nzeta-from-keepassxc\n` });
    execFileSync(KEEPASSXC_CLI, ['rm', '-q', file, '/Eta'], { input: `${MASTER_PASSWORD}\n` });
    a.session.console.noteSecret('zeta-from-keepassxc');

    expect((await syncNow(a, server)).role).toBe('status');
    const zeta = await loginByName(a.session, 'Zeta');
    expect(zeta.password).toBe('zeta-from-keepassxc');
    expect(zeta.passwordHistory.map((h) => h.password)).toContain('zeta-1');
    expect(await names(a.session)).toEqual(['Zeta']);
    // And Latchkey's own fields survived KeePassXC's save: the next sync changes nothing here.
    expect((await syncNow(a, server)).text).toMatch(/nothing new here/);
  });
});

describe.each(BROWSERS)('browser sync in %s', (browserName) => {
  let session: ExtensionSession | null = null;
  afterEach(async () => {
    await session?.close();
    session = null;
  });

  it('keeps an encrypted copy in storage.sync, and says when the vault outgrows it, pointing to WebDAV', async () => {
    const d = await device(browserName);
    session = d.session;
    await addLogin(d.session, 'Small', 'small-1');
    const { popup } = d;
    await popup.byRole('button', 'Settings').click();
    await popup.byRole('combobox', 'Sync method').waitFor();
    const choose = () =>
      popup.evaluate(() => {
        const select = document.querySelector<HTMLSelectElement>('#sync-method')!;
        select.value = 'browser';
        select.dispatchEvent(new Event('change', { bubbles: true }));
      }, undefined);
    await choose();
    await popup.byRole('button', 'Sync now').click();
    await expect.poll(() => popup.byRole('status').text(), { timeout: SYNC_TIMEOUT }).toMatch(/^Synced .*Browser sync now holds the vault/);

    for (let i = 0; i < 260; i++) {
      await send(d.session, 'items.save', { item: { type: 'login', name: `Account ${i}`, username: `user${i}@example.com`, password: `pw-${i}-${crypto.randomUUID()}`, websites: [] } });
    }
    await popup.byRole('button', 'Sync now').click();
    await expect.poll(() => popup.byRole('alert').text(), { timeout: SYNC_TIMEOUT }).toMatch(/outgrown browser sync.*Choose WebDAV/);
    expect((await listItems(d.session)).length).toBe(261);
  });
});
