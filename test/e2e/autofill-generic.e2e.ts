// Filling on ordinary pages: the inline menu offers the site's logins and fills
// the form around the field, and nothing else: not a honeypot, not a newsletter
// box, not a frame of another origin without the person's say-so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, launch, startFixtureServer, type ExtensionSession, type FixtureServer, type TestPage } from './harness';
import { openMenuOn, seedVault } from './flows';

describe.each(BROWSERS)('autofill on generic pages in %s', (browserName) => {
  let session: ExtensionSession;
  let server: FixtureServer;
  let page: TestPage;

  beforeAll(async () => {
    server = await startFixtureServer();
    session = await launch(browserName);
    const port = new URL(server.origin).port;
    await seedVault(session, [
      { name: 'Example', username: 'alice@example.test', password: 'Alice-pass-1!', websites: [`http://127.0.0.1:${port}/`] },
      { name: 'Widget', username: 'widget-user', password: 'Widget-pass-2!', websites: [`http://localhost:${port}/`] },
      { name: 'Elsewhere', username: 'mallory', password: 'not-for-this-site', websites: ['https://elsewhere.example/'] },
    ]);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  async function open(path: string): Promise<TestPage> {
    page = await session.newPage();
    await page.goto(server.url(path));
    return page;
  }

  it('fills a plain login form from the menu, offering only this site’s logins', async () => {
    await open('/login.html');
    const menu = await openMenuOn(session, page, '#email');
    const choice = menu.byRole('button', /Example.*alice@example\.test/);
    await choice.waitFor();
    expect(await menu.text()).not.toContain('mallory');
    expect(await menu.text()).not.toContain('widget-user');
    await choice.click();
    await expect.poll(() => page.valueOf('#email')).toBe('alice@example.test');
    expect(await page.valueOf('#password')).toBe('Alice-pass-1!');
    expect(await page.hasFrame(session.extensionUrl('ui/menu.html'))).toBe(false);
    await page.close();
  });

  it('fills a sign-in made of divs, without a form element', async () => {
    await open('/formless.html');
    const menu = await openMenuOn(session, page, '#pass');
    await menu.byRole('button', /Example/).click();
    await expect.poll(() => page.valueOf('#user')).toBe('alice@example.test');
    expect(await page.valueOf('#pass')).toBe('Alice-pass-1!');
    await page.close();
  });

  it('fills fields inside an open shadow root', async () => {
    await open('/shadow.html');
    const menu = await openMenuOn(session, page, 'login-widget >>> #email');
    await menu.byRole('button', /Example/).click();
    await expect.poll(() => page.valueOf('login-widget >>> #email')).toBe('alice@example.test');
    expect(await page.valueOf('login-widget >>> #password')).toBe('Alice-pass-1!');
    await page.close();
  });

  it('fills a login form in a same-origin frame', async () => {
    await open('/iframe-same.html');
    const inner = await page.frame(server.url('/login.html'));
    const menu = await openMenuOn(session, inner, '#email');
    await menu.byRole('button', /Example/).click();
    await expect.poll(() => inner.valueOf('#email')).toBe('alice@example.test');
    expect(await inner.valueOf('#password')).toBe('Alice-pass-1!');
    await page.close();
  });

  it('asks before filling a frame of another origin, and fills only after “Fill anyway”', async () => {
    await open('/iframe-cross.html');
    const inner = await page.frame(`http://localhost:${new URL(server.origin).port}/login.html`);
    let menu = await openMenuOn(session, inner, '#email');
    await menu.byRole('button', /Widget/).click();
    await menu.byRole('button', 'Cancel').waitFor();
    expect(await menu.text()).toContain(`http://localhost:${new URL(server.origin).port}`);
    await menu.byRole('button', 'Cancel').click();
    await expect.poll(() => page.hasFrame(session.extensionUrl('ui/menu.html'))).toBe(false);
    expect(await inner.valueOf('#email')).toBe('');

    menu = await openMenuOn(session, inner, '#password');
    await menu.byRole('button', /Widget/).click();
    await menu.byRole('button', 'Fill anyway').click();
    await expect.poll(() => inner.valueOf('#email')).toBe('widget-user');
    expect(await inner.valueOf('#password')).toBe('Widget-pass-2!');
    await page.close();
  });

  it('never fills honeypot, hidden or aria-hidden fields', async () => {
    await open('/honeypot.html');
    const menu = await openMenuOn(session, page, '#email');
    await menu.byRole('button', /Example/).click();
    await expect.poll(() => page.valueOf('#email')).toBe('alice@example.test');
    expect(await page.valueOf('#password')).toBe('Alice-pass-1!');
    for (const trap of ['#trap-offscreen', '#trap-hidden', '#trap-transparent', '#trap-aria']) {
      expect(await page.valueOf(trap), trap).toBe('');
    }
    await page.close();
  });

  it('leaves a newsletter box alone: no menu there, and no value from a login fill', async () => {
    await open('/newsletter.html');
    await page.bySelector('#newsletter-email').click();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await page.hasFrame(session.extensionUrl('ui/menu.html'))).toBe(false);

    const menu = await openMenuOn(session, page, '#email');
    await menu.byRole('button', /Example/).click();
    await expect.poll(() => page.valueOf('#email')).toBe('alice@example.test');
    expect(await page.valueOf('#newsletter-email')).toBe('');
    await page.close();
  });
});
