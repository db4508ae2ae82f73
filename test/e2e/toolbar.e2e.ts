// The toolbar button informs without being opened: the badge counts the saved
// logins for the page in the active tab, and the button says when Latchkey is locked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, launch, startFixtureServer, type ExtensionSession, type FixtureServer } from './harness';
import { seedVault, unlock } from './flows';

describe.each(BROWSERS)('toolbar button in %s', (browserName) => {
  let session: ExtensionSession;
  let server: FixtureServer;

  beforeAll(async () => {
    server = await startFixtureServer();
    session = await launch(browserName);
    const site = server.origin + '/';
    await seedVault(session, [
      { name: 'Example', username: 'alice@example.test', password: 'Alice-pass-1!', websites: [site] },
      { name: 'Example (second account)', username: 'bob@example.test', password: 'Bob-pass-2!', websites: [site] },
      { name: 'Elsewhere', username: 'mallory', password: 'Elsewhere-pass-3', websites: ['https://elsewhere.example/'] },
    ]);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('counts the logins saved for the page in the active tab, and shows nothing where there are none', async () => {
    const page = await session.newPage();
    await page.goto(server.url('/login.html'));
    await expect.poll(async () => (await session.toolbar(page.url())).badge, { timeout: 10_000 }).toBe('2');
    const other = await session.newPage();
    const port = new URL(server.origin).port;
    await other.goto(`http://localhost:${port}/login.html`);
    await expect.poll(async () => (await session.toolbar(other.url())).badge, { timeout: 10_000 }).toBe('');
    await other.close();
    await page.close();
  });

  it('says when Latchkey is locked, with no count, and counts again once unlocked', async () => {
    const page = await session.newPage();
    await page.goto(server.url('/login.html'));
    await expect.poll(async () => (await session.toolbar(page.url())).badge, { timeout: 10_000 }).toBe('2');
    await session.sendFromExtensionPage({ type: 'vault.lock', payload: {} });
    await expect.poll(async () => session.toolbar(page.url()), { timeout: 10_000 }).toEqual({ badge: '', title: 'Latchkey (locked)' });
    const popup = await session.openPopup();
    await unlock(popup);
    await popup.close();
    await page.evaluate(() => window.focus(), undefined);
    await page.goto(server.url('/login.html?again'));
    await expect.poll(async () => session.toolbar(page.url()), { timeout: 10_000 }).toEqual({ badge: '2', title: 'Latchkey' });
    await page.close();
  });
});
