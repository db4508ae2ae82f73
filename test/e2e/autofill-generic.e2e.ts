// Filling on ordinary pages: the inline menu offers the site's logins and fills
// the form around the field, and nothing else: not a honeypot, not a newsletter
// box, not a frame of another origin without the person's say-so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, launch, startFixtureServer, type ExtensionSession, type FixtureServer, type TestPage } from './harness';
import { MASTER_PASSWORD, menuShown, openMenuOn, seedVault, listItems, unlock } from './flows';

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
    expect(await menuShown(page)).toBe(false);
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
    await expect.poll(() => menuShown(inner)).toBe(false);
    expect(await inner.valueOf('#email')).toBe('');

    menu = await openMenuOn(session, inner, '#password');
    await menu.byRole('button', /Widget/).click();
    await menu.byRole('button', 'Fill anyway').click();
    await expect.poll(() => inner.valueOf('#email')).toBe('widget-user');
    expect(await inner.valueOf('#password')).toBe('Widget-pass-2!');
    await page.close();
  });

  it('offers nothing in a sandboxed frame, even of the login’s own site', async () => {
    await open('/iframe-sandboxed.html');
    const inner = await page.frame(server.url('/login.html'));
    await inner.bySelector('#email').click();
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(await page.hasFrame(session.extensionUrl('ui/menu.html'))).toBe(false);
    expect(await inner.valueOf('#email')).toBe('');
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
    expect(await menuShown(page)).toBe(false);

    const menu = await openMenuOn(session, page, '#email');
    await menu.byRole('button', /Example/).click();
    await expect.poll(() => page.valueOf('#email')).toBe('alice@example.test');
    expect(await page.valueOf('#newsletter-email')).toBe('');
    await page.close();
  });
});

describe.each(BROWSERS)('saving and updating logins in %s', (browserName) => {
  let session: ExtensionSession;
  let server: FixtureServer;

  beforeAll(async () => {
    server = await startFixtureServer();
    session = await launch(browserName);
    await seedVault(session, [
      { name: 'Example', username: 'alice@example.test', password: 'Alice-pass-1!', websites: [`${server.origin}/`] },
    ]);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  async function signIn(username: string, password: string): Promise<TestPage> {
    const page = await session.newPage();
    await page.goto(server.url('/login.html'));
    await page.bySelector('#email').fill(username);
    await page.press('Escape');
    await page.bySelector('#password').fill(password);
    await page.press('Escape');
    await page.byRole('button', 'Sign in').click();
    await page.waitForText('Signed in');
    return page;
  }

  async function logins(): Promise<{ name: string; subtitle: string; id: string }[]> {
    return listItems(session);
  }

  it('offers to save a new login after a sign-in, and saves it', async () => {
    const page = await signIn('bob@example.test', 'Bob-typed-pass-9');
    const prompt = await page.frame(session.extensionUrl('ui/prompt.html'));
    await prompt.waitForText('bob@example.test');
    await prompt.byRole('button', 'Save').click();
    await expect.poll(async () => (await logins()).map((item) => item.subtitle)).toContain('bob@example.test');
    await expect.poll(() => page.hasFrame(session.extensionUrl('ui/prompt.html'))).toBe(false);
    await page.close();
  });

  it('offers to update a changed password, keeping the old one in the history', async () => {
    const page = await signIn('alice@example.test', 'Alice-new-pass-2!');
    const prompt = await page.frame(session.extensionUrl('ui/prompt.html'));
    await prompt.byRole('button', 'Update').click();
    await expect.poll(() => page.hasFrame(session.extensionUrl('ui/prompt.html'))).toBe(false);
    const alice = (await logins()).find((item) => item.subtitle === 'alice@example.test')!;
    const full = (await session.sendFromExtensionPage({ type: 'items.get', payload: { id: alice.id } })) as {
      value: { item: { password: string; passwordHistory: { password: string; changed: number }[] } };
    };
    expect(full.value.item.password).toBe('Alice-new-pass-2!');
    expect(full.value.item.passwordHistory[0]?.password).toBe('Alice-pass-1!');
    expect(full.value.item.passwordHistory[0]?.changed).toBeGreaterThan(Date.now() - 60_000);
    await page.close();
  });

  it('locking forgets a captured password waiting for “Save”, and every pending state of the session', async () => {
    const page = await signIn('carol@example.test', 'Carol-typed-pass-7');
    await page.frame(session.extensionUrl('ui/prompt.html'));
    expect(JSON.stringify(await session.readStorage('session'))).toContain('Carol-typed-pass-7');
    await session.sendFromExtensionPage({ type: 'vault.lock', payload: {} });
    const left = await session.readStorage('session');
    expect(JSON.stringify(left)).not.toContain('Carol-typed-pass-7');
    // Only the clipboard's pending clear may outlive a lock.
    expect(Object.keys(left).filter((key) => !key.startsWith('clipboard.'))).toEqual([]);
    await page.close();
    const popup = await session.openPopup();
    await unlock(popup);
    await popup.close();
  });

  it('does not offer to save what it filled unchanged', async () => {
    const page = await session.newPage();
    await page.goto(server.url('/login.html'));
    const menu = await openMenuOn(session, page, '#email');
    await menu.byRole('button', /alice@example\.test/).click();
    await expect.poll(() => page.valueOf('#password')).not.toBe('');
    await page.byRole('button', 'Sign in').click();
    await page.waitForText('Signed in');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await page.hasFrame(session.extensionUrl('ui/prompt.html'))).toBe(false);
    await page.close();
  });
});

describe.each(BROWSERS)('other ways to fill in %s', (browserName) => {
  let session: ExtensionSession;
  let server: FixtureServer;

  beforeAll(async () => {
    server = await startFixtureServer();
    session = await launch(browserName);
    await seedVault(session, [
      { name: 'Example', username: 'alice@example.test', password: 'Alice-pass-1!', websites: [`${server.origin}/`] },
    ]);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('ignores a click in the menu that a script made rather than a person', async () => {
    const page = await session.newPage();
    await page.goto(server.url('/login.html'));
    const menu = await openMenuOn(session, page, '#email');
    await menu.byRole('button', /Example/).waitFor();
    await menu.evaluate(() => (document.querySelector('button.login') as HTMLButtonElement).click(), undefined);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await page.valueOf('#email')).toBe('');
    expect(await page.valueOf('#password')).toBe('');
    await page.close();
  });

  it('fills from the popup’s “Fill” into the page the person was on', async () => {
    const page = await session.newPage();
    await page.goto(server.url('/login.html'));
    const popup = await session.openPopup();
    await popup.byRole('listitem', /Example/).click();
    await popup.byRole('button', 'Fill').click();
    await popup.waitForText('Filled');
    await expect.poll(() => page.valueOf('#email')).toBe('alice@example.test');
    expect(await page.valueOf('#password')).toBe('Alice-pass-1!');
    await popup.close();
    await page.close();
  });

  it('fills on page load only when the person turned that on', async () => {
    let page = await session.newPage();
    await page.goto(server.url('/login.html'));
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(await page.valueOf('#password')).toBe('');
    await page.close();

    await session.sendFromExtensionPage({ type: 'settings.set', payload: { fillOnPageLoad: true } });
    page = await session.newPage();
    await page.goto(server.url('/login.html'));
    await expect.poll(() => page.valueOf('#password')).toBe('Alice-pass-1!');
    expect(await page.valueOf('#email')).toBe('alice@example.test');
    await session.sendFromExtensionPage({ type: 'settings.set', payload: { fillOnPageLoad: false } });
    await page.close();
  });

  it('offers “Unlock” while locked, unlocks in Latchkey’s own window, and fills once unlocked', async () => {
    await session.sendFromExtensionPage({ type: 'vault.lock', payload: {} });
    const page = await session.newPage();
    await page.goto(server.url('/login.html'));
    const menu = await openMenuOn(session, page, '#email');
    await menu.byRole('button', 'Unlock').click();
    // The master password is never typed inside the page: not even in our own frame there.
    expect(await menu.evaluate(() => document.querySelectorAll('input').length, undefined)).toBe(0);
    const window = await session.waitForPage(session.extensionUrl('popup/popup.html?for=unlock'));
    await window.byRole('textbox', 'Master password').fill(MASTER_PASSWORD);
    await window.byRole('button', 'Unlock').click();
    await expect.poll(() => page.valueOf('#email'), { timeout: 15_000 }).toBe('alice@example.test');
    expect(await page.valueOf('#password')).toBe('Alice-pass-1!');
    await page.close();
  });
});

describe.each(BROWSERS)('a password change in two views in %s', (browserName) => {
  let session: ExtensionSession;
  let server: FixtureServer;

  beforeAll(async () => {
    server = await startFixtureServer();
    session = await launch(browserName);
    await seedVault(session, [
      { name: 'Example', username: 'alice@example.test', password: 'Alice-pass-1!', websites: [`${server.origin}/`] },
      { name: 'Example (second account)', username: 'bob@example.test', password: 'Bob-pass-2!', websites: [`${server.origin}/`] },
    ]);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('offers “Update” of the login picked for the current password, named, and keeps the old password in its history', async () => {
    const page = await session.newPage();
    await page.goto(server.url('/change-steps.html'));
    const menu = await openMenuOn(session, page, '#current');
    await menu.byRole('button', /Example \(second account\)/).click();
    await expect.poll(() => page.valueOf('#current')).toBe('Bob-pass-2!');
    await page.bySelector('#continue').click();
    const generator = await openMenuOn(session, page, '#new');
    await generator.byRole('button', 'Generate strong password').click();
    await expect.poll(() => page.valueOf('#new')).not.toBe('');
    const generated = await page.valueOf('#new');
    await page.bySelector('#change').click();
    const prompt = await page.frame(session.extensionUrl('ui/prompt.html'), 15_000);
    await prompt.waitForText('Example (second account)');
    await prompt.byRole('button', 'Update').click();
    await expect.poll(async () => (await listItems(session)).length).toBe(2);
    const bob = (await listItems(session)).find((item) => item.name === 'Example (second account)')!;
    type Full = { value: { item: { password: string; passwordHistory: { password: string }[] } } };
    const read = async () => ((await session.sendFromExtensionPage({ type: 'items.get', payload: { id: bob.id } })) as Full).value.item;
    await expect.poll(async () => (await read()).password).toBe(generated);
    const updated = await read();
    expect(updated.passwordHistory[0]?.password).toBe('Bob-pass-2!');
    await page.close();
  });
});
