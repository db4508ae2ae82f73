// Where the vault is kept and what storage faults leave behind, in real browsers:
// content scripts cannot reach the vault or the settings; a record tampered with at
// rest opens the previous version with a notice; a background killed in the middle of
// a save opens the old or the new content.
import { afterEach, describe, expect, it } from 'vitest';
import { BROWSERS, launch, startFixtureServer, type ExtensionSession, type FixtureServer, type TestPage } from './harness';
import { addLogin, createVault, listItems, unlock } from './flows';

type Answer<T> = { ok: boolean; value: T; error?: { message: string } };

async function send<T>(session: ExtensionSession, type: string, payload: unknown = {}): Promise<T> {
  const answer = (await session.sendFromExtensionPage({ type, payload })) as Answer<T>;
  if (!answer.ok) throw new Error(`${type} failed: ${answer.error?.message}`);
  return answer.value;
}

/** Flips one byte of the current vault record where the extension keeps it (storage.local, or Firefox's IndexedDB). */
function tamperWithCurrentRecord(page: TestPage): Promise<string> {
  return page.evaluate(async () => {
    const flip = (text: string) => {
      const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
      bytes[4]! ^= 0xff;
      return btoa(String.fromCharCode(...bytes));
    };
    type Stored = { ciphertext: string };
    type State = { current: { generation: number } };
    const api = (globalThis as unknown as { browser?: { runtime: { getBrowserInfo?: unknown } } }).browser;
    if (api && typeof api.runtime.getBrowserInfo === 'function') {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('latchkey');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const read = <T,>(req: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((req.onsuccess = () => resolve(req.result)), (req.onerror = () => reject(req.error))));
      const state = (await read(db.transaction('local').objectStore('local').get('vault.state'))) as State;
      const key = `vault.record.${state.current.generation}`;
      const record = (await read(db.transaction('local').objectStore('local').get(key))) as Stored;
      const tx = db.transaction('local', 'readwrite');
      tx.objectStore('local').put({ ...record, ciphertext: flip(record.ciphertext) }, key);
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
      return key;
    }
    const local = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void> } } } }).chrome.storage.local;
    const state = (await local.get('vault.state'))['vault.state'] as State;
    const key = `vault.record.${state.current.generation}`;
    const record = (await local.get(key))[key] as Stored;
    await local.set({ [key]: { ...record, ciphertext: flip(record.ciphertext) } });
    return key;
  }, undefined);
}

describe.each(BROWSERS)('vault storage and faults in %s', (browserName) => {
  let session: ExtensionSession;
  let server: FixtureServer | undefined;
  afterEach(async () => {
    await session?.close();
    await server?.close();
    server = undefined;
  });

  it('content scripts cannot read the vault or the settings, nor write the settings', async () => {
    session = await launch(browserName);
    const popup = await session.openPopup();
    await createVault(popup);
    await addLogin(popup, { name: 'Contoso Mail', username: 'adele@contoso.example', password: 'Wq7!zLr#4vPq-Jm2' });
    await send(session, 'settings.set', { autoLockMinutes: 30 });

    if (browserName === 'chromium') {
      // Run code in Latchkey's own content script world on a web page (through DevTools), as a compromised content script would.
      server = await startFixtureServer();
      const page = await session.newPage();
      await page.goto(server.url('/login.html'));
      const probe = (expression: string) => session.evaluateInContentScript!(page, expression);
      expect(await probe('chrome.runtime.id')).toEqual({ value: expect.any(String) }); // it is our content script's world
      expect((await probe('chrome.storage.local.get(null)')).error).toMatch(/access to storage is not allowed from this context/i);
      expect((await probe("chrome.storage.local.get('vault.state')")).error).toMatch(/not allowed/i);
      expect((await probe("chrome.storage.local.set({ settings: { autoLockMinutes: 0 } })")).error).toMatch(/not allowed/i);
      expect((await probe('chrome.storage.session.get(null)')).error).toMatch(/not allowed/i);
      expect((await probe('chrome.storage.sync.get(null)')).error).toMatch(/not allowed/i);
    } else {
      // Firefox lets content scripts use storage.local (and sync); our extension page can do everything they can there.
      const local = await popup.evaluate(() => browser.storage.local!.get(null), undefined);
      expect(Object.keys(local).filter((key) => key.startsWith('vault.') || key === 'settings' || key.startsWith('unlock'))).toEqual([]);
      // The vault and settings are in the extension origin's IndexedDB, which a content script (page origin) cannot open.
      const everything = await session.readStorage('local');
      expect(Object.keys(everything)).toEqual(expect.arrayContaining(['vault.state', 'settings']));
      await popup.evaluate(
        () => (browser.storage.local as unknown as { set(v: object): Promise<void> }).set({ settings: { autoLockMinutes: 0, fillOnPageLoad: true } }),
        undefined,
      );
    }
    // Whatever was tried, the background's settings are still the person's.
    expect(await send<{ autoLockMinutes: number; fillOnPageLoad: boolean }>(session, 'settings.get')).toMatchObject({ autoLockMinutes: 30, fillOnPageLoad: false });
  });

  it('a record tampered with at rest: the vault opens its previous version and tells the person', async () => {
    session = await launch(browserName);
    let popup = await session.openPopup();
    await createVault(popup);
    await addLogin(popup, { name: 'Contoso Mail', username: 'adele@contoso.example', password: 'Wq7!zLr#4vPq-Jm2' });
    await addLogin(popup, { name: 'Fabrikam Payroll', username: 'payroll-admin', password: 'Zx9$Kp2@Lm4%Qr8' });
    await popup.byRole('button', 'Lock').click();
    await popup.byRole('button', 'Unlock').waitFor();
    await popup.close();

    await tamperWithCurrentRecord(await session.openPopup());
    popup = await session.openPopup();
    await unlock(popup);
    const notice = popup.byRole('alert');
    await notice.waitFor();
    expect(await notice.text()).toMatch(/failed its integrity check \(damaged or tampered with\).*previous version/);
    expect((await listItems(session)).map((item) => item.name)).toEqual(['Contoso Mail']);
  });

  it('the background killed in the middle of a save: the vault opens with the old or the new content', async () => {
    session = await launch(browserName, { backgroundIdleMs: 2000 });
    const popup = await session.openPopup();
    await createVault(popup);
    await addLogin(popup, { name: 'Contoso Mail', username: 'adele@contoso.example', password: 'Wq7!zLr#4vPq-Jm2' });
    await popup.close();

    const bigNote = 'lorem ipsum '.repeat(80_000);
    void session
      .sendFromExtensionPage({ type: 'items.save', payload: { item: { type: 'note', name: 'Interrupted note', notes: bigNote } } })
      .catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 30));
    await session.killBackground();

    const after = await session.openPopup();
    const state = await Promise.race([
      after.byRole('searchbox', 'Search vault').waitFor(30_000).then(() => 'unlocked'),
      after.byRole('button', 'Unlock').waitFor(30_000).then(() => 'locked'),
    ]);
    if (state === 'locked') await unlock(after);
    const names = (await listItems(session)).map((item) => item.name);
    expect([['Contoso Mail'], ['Contoso Mail', 'Interrupted note']]).toContainEqual(names.sort());
  });
});
