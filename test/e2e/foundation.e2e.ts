// The extension loads in both browsers, its popup opens, a content script talks
// to the background, and the background's router refuses what it should.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, launch, startFixtureServer, type ExtensionSession, type FixtureServer } from './harness';

describe.each(BROWSERS)('foundation in %s', (browserName) => {
  let session: ExtensionSession;
  let server: FixtureServer;

  beforeAll(async () => {
    server = await startFixtureServer();
    session = await launch(browserName);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('opens the popup on its first-run screen', async () => {
    const popup = await session.openPopup();
    await popup.byRole('button', 'Create vault').waitFor();
    expect(await popup.byRole('textbox', 'Master password').isVisible()).toBe(true);
    expect(await popup.byRole('textbox', 'Confirm master password').isVisible()).toBe(true);
    await popup.close();
  });

  it('shows the inline menu, answered by the background, when a login field is clicked', async () => {
    const page = await session.newPage();
    await page.goto(server.url('/login.html'));
    await page.bySelector('#password').click();
    const menu = await page.frame(session.extensionUrl('ui/menu.html'));
    // The menu asked the background about this frame; with no vault it says how to start.
    await menu.waitForText('No vault yet');
    // Page scripts cannot reach into the menu: its host's shadow root is closed.
    const shadowVisibleToPage = await page.evaluate(() => {
      const host = Array.from(document.querySelectorAll(':popover-open')).find((element) => /^x-[a-z]{12}$/i.test(element.tagName));
      return { hostPresent: host !== undefined, shadowRoot: host?.shadowRoot ?? null };
    }, undefined);
    expect(shadowVisibleToPage).toEqual({ hostPresent: true, shadowRoot: null });
    await page.close();
  });

  it('does not open the menu on a page without login fields', async () => {
    const page = await session.newPage();
    await page.goto(server.url('/plain.html'));
    await page.bySelector('h1').click();
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Not even a hidden menu frame is loaded ahead on a page without sign-in fields.
    expect(await page.hasFrame(session.extensionUrl('ui/menu.html'))).toBe(false);
    await page.close();
  });

  it('refuses unknown, malformed and wrongly-sent messages with an error answer', async () => {
    const unknown = await session.sendFromExtensionPage({ type: 'vault.export-everything', payload: {} });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-type' } });

    const malformed = await session.sendFromExtensionPage({ type: 'vault.create', payload: { password: 42 } });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'bad-request' } });

    const notAnObject = await session.sendFromExtensionPage('unlock please');
    expect(notAnObject).toMatchObject({ ok: false, error: { code: 'bad-request' } });

    // autofill.openMenu is for content scripts in a web page, not for extension pages.
    const wrongSender = await session.sendFromExtensionPage({ type: 'autofill.openMenu', payload: { fieldKind: 'password' } });
    expect(wrongSender).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });

    // The background is still healthy after all that.
    const status = await session.sendFromExtensionPage({ type: 'vault.status', payload: {} });
    expect(status).toEqual({ ok: true, value: { state: 'none', retryAfter: null, notice: null } });
  });
});
