// The attacker's suite: pages that try to get a saved password out of Latchkey
// without the person choosing it, each next to the normal path still working.
// Every attack is done by the page's own script (test/fixtures/pages/attacks/),
// as a hostile site would; the test only does what a person does (real clicks
// and keys) and then checks what the page could read. See SECURITY.md.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, launch, startFixtureServer, type ExtensionSession, type FixtureServer, type TestPage } from './harness';
import { menuShown, openMenuOn, seedVault } from './flows';

const ALICE = { name: 'Example', username: 'alice@example.test', password: 'Alice-pass-1!' };
const WORK = { name: 'Contoso work', username: 'adele@contoso.onmicrosoft.com', password: 'Work-Pa55word!', websites: ['https://login.microsoftonline.com/'] };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Box {
  top: number;
  left: number;
  width: number;
  height: number;
}

async function received(page: TestPage): Promise<Record<string, string>> {
  return page.evaluate(() => JSON.parse(document.getElementById('received')?.textContent || '{}') as Record<string, string>, undefined);
}

async function pageState(page: TestPage): Promise<string> {
  return page.evaluate(() => document.body.dataset.state ?? '', undefined);
}

/** Messages the page's window received (what a manager's frames posted to it). */
async function messagesSeenByPage(page: TestPage): Promise<string[]> {
  return page.evaluate(() => JSON.parse(document.body.dataset.messages ?? '[]') as string[], undefined);
}

/** Where the menu is (or was, before the page's script hid or moved it), as the page recorded it. */
async function recordedMenuBox(page: TestPage): Promise<Box> {
  await expect.poll(() => page.evaluate(() => document.body.dataset.menuRect ?? '', undefined), { timeout: 10_000 }).not.toBe('');
  return page.evaluate(() => JSON.parse(document.body.dataset.menuRect!) as Box, undefined);
}

async function shownMenuBox(page: TestPage): Promise<Box> {
  await expect.poll(() => menuShown(page), { timeout: 10_000 }).toBe(true);
  return page.evaluate(() => {
    const host = Array.from(document.querySelectorAll(':popover-open')).find((element) => /^x-[a-z]{12}$/i.test(element.tagName))!;
    const rect = host.getBoundingClientRect();
    return { top: rect.top, left: rect.left, width: rect.width, height: rect.height };
  }, undefined);
}

/** A person's click where the menu's first login button is (or was). */
async function clickFirstMenuRow(page: TestPage, box: Box): Promise<void> {
  await page.clickAt(box.left + 100, box.top + 28);
}

describe.each(BROWSERS)('attacks on autofill in %s', (browserName) => {
  let session: ExtensionSession;
  let server: FixtureServer;
  let page: TestPage;

  beforeAll(async () => {
    server = await startFixtureServer();
    session = await launch(browserName);
    const port = new URL(server.origin).port;
    await seedVault(session, [{ ...ALICE, websites: [`http://127.0.0.1:${port}/`] }, WORK]);
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

  describe('identifier-first continuity', () => {
    it('a script that fills the email and calls requestSubmit() gets no password on the next view', async () => {
      await open('/attacks/continuity.html?attack=script-submit');
      await expect.poll(() => pageState(page)).toBe('password');
      await sleep(1500);
      expect(await page.valueOf('#password')).toBe('');
      expect((await received(page)).password).toBe('');
      await page.close();
    });

    it('after a real pick, the page submitting by itself (requestSubmit) gets no password', async () => {
      await open('/attacks/continuity.html?attack=submit-after-pick');
      const menu = await openMenuOn(session, page, '#email');
      await menu.byRole('button', /Example/).click();
      await expect.poll(() => pageState(page)).toBe('password');
      await sleep(1500);
      expect(await page.valueOf('#password')).toBe('');
      expect((await received(page)).password).toBe('');
      await page.close();
    });

    it('after a real pick, the page clicking its own Next button (a trusted click in Chromium) gets no password', async () => {
      await open('/attacks/continuity.html?attack=click-after-pick');
      const menu = await openMenuOn(session, page, '#email');
      await menu.byRole('button', /Example/).click();
      await expect.poll(() => pageState(page)).toBe('password');
      await sleep(1500);
      expect(await page.valueOf('#password')).toBe('');
      await page.close();
    });

    it('normal path: a real pick and the person’s own click on Next fill the password view', async () => {
      await open('/attacks/continuity.html');
      const menu = await openMenuOn(session, page, '#email');
      await menu.byRole('button', /Example/).click();
      await expect.poll(() => page.valueOf('#email')).toBe(ALICE.username);
      await page.bySelector('#next').click();
      await expect.poll(() => pageState(page)).toBe('password');
      await expect.poll(() => page.valueOf('#password')).toBe(ALICE.password);
      await page.close();
    });

    it('a continuation is used once: a second password form the page adds afterwards stays empty', async () => {
      await open('/attacks/second-view.html');
      const menu = await openMenuOn(session, page, '#email');
      await menu.byRole('button', /Example/).click();
      await page.bySelector('#next').click();
      await expect.poll(() => page.valueOf('#password')).toBe(ALICE.password);
      await expect.poll(() => pageState(page)).toBe('second');
      await sleep(1500);
      expect(await page.valueOf('#password2')).toBe('');
      expect((await received(page)).second).toBe('');
      await page.close();
    });
  });

  describe('clickjacking the inline menu', () => {
    it('focus() by the page opens no menu, and a click on the decoy fills nothing', async () => {
      await open('/attacks/clickjack.html?attack=focus');
      await sleep(1200);
      expect(await menuShown(page)).toBe(false);
      await page.bySelector('#decoy').click();
      await sleep(800);
      expect(await received(page)).toEqual({ email: '', password: '' });
      // Nothing the page can observe told it Latchkey is there, locked or not, or how many logins it has.
      expect(await messagesSeenByPage(page)).toEqual([]);
      await page.close();
    });

    it('a menu the page turns transparent closes: the click meant for the decoy fills nothing', async () => {
      await open('/attacks/clickjack.html?attack=host-opacity');
      await page.bySelector('#email').click();
      const box = await recordedMenuBox(page);
      await expect.poll(() => menuShown(page)).toBe(false);
      await sleep(700);
      await clickFirstMenuRow(page, box);
      await sleep(800);
      expect(await received(page)).toEqual({ email: '', password: '' });
      await page.close();
    });

    it('a page that fades its body once the menu shows gets nothing from the click', async () => {
      await open('/attacks/clickjack.html?attack=body-opacity-later');
      await page.bySelector('#email').click();
      const box = await recordedMenuBox(page);
      await sleep(700);
      await clickFirstMenuRow(page, box);
      await sleep(800);
      expect(await received(page)).toEqual({ email: '', password: '' });
      await page.close();
    });

    for (const attack of ['body-opacity', 'html-filter']) {
      it(`a page hidden from the start (${attack}) gets nothing from a click where the menu would be`, async () => {
        await open(`/attacks/clickjack.html?attack=${attack}`);
        await page.bySelector('#email').click();
        await sleep(800);
        // Fields a person cannot see get no menu at all; were one shown, it is where the page recorded it.
        const box = await page.evaluate(() => {
          if (document.body.dataset.menuRect) return JSON.parse(document.body.dataset.menuRect) as Box;
          const field = document.getElementById('email')!.getBoundingClientRect();
          return { top: field.bottom + 4, left: field.left, width: 320, height: 64 };
        }, undefined);
        await clickFirstMenuRow(page, box);
        await sleep(800);
        expect(await received(page)).toEqual({ email: '', password: '' });
        await page.close();
      });
    }

    it('a page that keeps opening its own popover over the menu gets nothing from a click', async () => {
      await open('/attacks/clickjack.html?attack=overlay');
      await page.bySelector('#email').click();
      const box = await recordedMenuBox(page);
      await sleep(900);
      await clickFirstMenuRow(page, box);
      await sleep(800);
      expect(await received(page)).toEqual({ email: '', password: '' });
      await page.close();
    });

    it('a field the page moves after the menu opened closes the menu, and the click lands on nothing of ours', async () => {
      await open('/attacks/clickjack.html?attack=move');
      await page.bySelector('#email').click();
      const box = await recordedMenuBox(page);
      await expect.poll(() => menuShown(page)).toBe(false);
      await clickFirstMenuRow(page, box);
      await sleep(800);
      expect(await received(page)).toEqual({ email: '', password: '' });
      await page.close();
    });

    it('a click in the menu right after it appeared does not count; one after a moment fills (normal path)', async () => {
      await open('/attacks/clickjack.html');
      await page.bySelector('#email').click();
      const box = await shownMenuBox(page);
      await clickFirstMenuRow(page, box);
      await sleep(300);
      expect(await received(page)).toEqual({ email: '', password: '' });
      await sleep(600);
      await clickFirstMenuRow(page, box);
      await expect.poll(async () => (await received(page)).password).toBe(ALICE.password);
      expect((await received(page)).email).toBe(ALICE.username);
      // The menu told the page nothing on the way, not even its size.
      expect(await messagesSeenByPage(page)).toEqual([]);
      await page.close();
    });

    it('never fills a password field hidden with clip-path, though the username is filled', async () => {
      await open('/attacks/clickjack.html?attack=clip-path');
      const menu = await openMenuOn(session, page, '#email');
      await menu.byRole('button', /Example/).click();
      await expect.poll(() => page.valueOf('#email')).toBe(ALICE.username);
      await sleep(300);
      expect(await page.valueOf('#password')).toBe('');
      await page.close();
    });
  });

  describe('side fills', () => {
    it('“Generate strong password” fills the new-password fields only, never the saved current password', async () => {
      await open('/attacks/change-password.html');
      const menu = await openMenuOn(session, page, '#new');
      await menu.byRole('button', 'Generate strong password').click();
      await expect.poll(() => page.valueOf('#new')).not.toBe('');
      expect(await page.valueOf('#confirm')).toBe(await page.valueOf('#new'));
      await sleep(300);
      expect(await page.valueOf('#current')).toBe('');
      expect((await received(page)).current).toBe('');
      await page.close();
    });
  });

  describe('Microsoft realms', () => {
    it('a tenant’s SharePoint host, running its owner’s scripts, is offered no work login and gets nothing', async () => {
      page = await session.newPage();
      await page.goto('https://contoso.sharepoint.com/sites/intranet/SitePages/Home.aspx');
      const menu = await openMenuOn(session, page, '#i0116');
      await menu.waitForText(/No logins saved/);
      expect(await menu.text()).not.toContain(WORK.name);
      expect(await page.valueOf('#i0116')).toBe('');
      expect(await page.valueOf('#i0118')).toBe('');
      await page.close();
    });
  });
});
