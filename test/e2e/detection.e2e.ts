// Detection on pages built like real ones: a sign-in inside a closed shadow root,
// an open modal under aria-hidden, a sign-up that says so only in its words, a
// card code typed as a password, and a bank's readonly password field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, launch, startFixtureServer, type ExtensionSession, type FixtureServer, type TestPage } from './harness';
import { listItems, menuShown, openMenuOn, seedVault } from './flows';

describe.each(BROWSERS)('detection on real-world page patterns in %s', (browserName) => {
  let session: ExtensionSession;
  let server: FixtureServer;
  let page: TestPage;

  beforeAll(async () => {
    server = await startFixtureServer();
    session = await launch(browserName);
    const port = new URL(server.origin).port;
    await seedVault(session, [{ name: 'Example', username: 'alice@example.test', password: 'Alice-pass-1!', websites: [`http://127.0.0.1:${port}/`] }]);
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

  /** The value of a field inside the fixture's closed shadow root (kept on window for the test only). */
  const closedValue = (id: string) => page.evaluate((field) => ((window as unknown as { testRoot: ShadowRoot }).testRoot.getElementById(field) as HTMLInputElement).value, id);

  async function noMenuAfterClickOn(css: string): Promise<void> {
    await page.bySelector(css).click();
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await menuShown(page), css).toBe(false);
  }

  it('offers and fills a sign-in inside a closed shadow root', async () => {
    await open('/detection/closed-shadow.html');
    const box = await page.evaluate(() => {
      const rect = (window as unknown as { testRoot: ShadowRoot }).testRoot.getElementById('email')!.getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }, undefined);
    await page.clickAt(box.x, box.y);
    const menu = await page.frame(session.extensionUrl('ui/menu.html'));
    await menu.byRole('button', /Example/).click();
    await expect.poll(() => closedValue('email')).toBe('alice@example.test');
    expect(await closedValue('password')).toBe('Alice-pass-1!');
    await page.close();
  });

  it('fills the sign-in of an open modal although the body and the modal carry aria-hidden="true"', async () => {
    await open('/detection/aria-hidden-modal.html');
    const menu = await openMenuOn(session, page, '#email');
    await menu.byRole('button', /Example/).click();
    await expect.poll(() => page.valueOf('#email')).toBe('alice@example.test');
    expect(await page.valueOf('#password')).toBe('Alice-pass-1!');
    await page.close();
  });

  it('offers the generator on a sign-up that says so only in words, and no login on its email', async () => {
    await open('/detection/sign-up.html');
    const menu = await openMenuOn(session, page, '#password');
    await menu.byRole('button', 'Generate strong password').waitFor();
    await page.press('Escape');
    await noMenuAfterClickOn('#email');
    await page.close();
  });

  it('multi-step sign-up: the generator on the password that says nothing, filling its confirmation too', async () => {
    await open('/detection/multi-step-sign-up.html');
    const menu = await openMenuOn(session, page, '#password');
    await menu.byRole('button', 'Generate strong password').click();
    await expect.poll(() => page.valueOf('#password')).not.toBe('');
    expect(await page.valueOf('#confirm')).toBe(await page.valueOf('#password'));
    await page.close();
  });

  it('update-email form: a pick on the password fills the password only, never the "New email" box', async () => {
    await open('/detection/update-email.html');
    const menu = await openMenuOn(session, page, '#password');
    await menu.byRole('button', /Example/).click();
    await expect.poll(() => page.valueOf('#password')).toBe('Alice-pass-1!');
    expect(await page.valueOf('#new-email')).toBe('');
    await page.close();
  });

  it('after a sign-up with a generated password, offers Save and saves that password as a login', async () => {
    await open('/detection/sign-up.html');
    await page.bySelector('#email').fill('bob@example.test');
    const menu = await openMenuOn(session, page, '#password');
    await menu.byRole('button', 'Generate strong password').click();
    await expect.poll(() => page.valueOf('#password')).not.toBe('');
    const generated = await page.valueOf('#password');
    await page.byRole('button', 'Jetzt registrieren').click();
    const prompt = await page.frame(session.extensionUrl('ui/prompt.html'), 15_000);
    await prompt.byRole('button', 'Save').click();
    await expect.poll(async () => (await listItems(session)).some((item) => item.subtitle === 'bob@example.test')).toBe(true);
    const saved = await Promise.all(
      (await listItems(session)).map(async ({ id }) => ((await session.sendFromExtensionPage({ type: 'items.get', payload: { id } })) as { value: { item: { username: string; password: string } } }).value.item),
    );
    expect(saved.find((item) => item.username === 'bob@example.test')?.password).toBe(generated);
    await page.close();
  });

  it('never offers a login on a card security code typed as a password', async () => {
    await open('/detection/card-code.html');
    await noMenuAfterClickOn('#csc');
    await noMenuAfterClickOn('#email');
    await page.close();
  });

  it('keeps the username of a form whose password is readonly (on-screen keypad) a sign-in field', async () => {
    await open('/detection/readonly-password.html');
    const menu = await openMenuOn(session, page, '#user');
    await menu.byRole('button', /Example/).click();
    await expect.poll(() => page.valueOf('#user')).toBe('alice@example.test');
    expect(await page.valueOf('#password')).toBe('');
    await page.close();
  });
});
