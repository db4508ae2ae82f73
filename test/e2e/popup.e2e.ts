// The popup, as a person uses it: every item type added, viewed, edited and
// deleted; passwords hidden until revealed; copying; live one-time codes;
// search; keyboard use; the generator. Screenshots of the main views, light and
// dark, go to docs/screenshots/ (linked from the README).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTotp, totpCode } from '../../src/vault/totp';
import { BROWSERS, launch, type ExtensionSession, type TestPage } from './harness';
import { ROOT } from './harness/paths';
import { addLogin, createVault, MASTER_PASSWORD } from './flows';

const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
const TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DP';

async function clipboardText(popup: TestPage): Promise<string> {
  return popup.evaluate(() => navigator.clipboard.readText(), undefined);
}

describe.each(BROWSERS)('popup in %s', (browserName) => {
  let session: ExtensionSession;
  let popup: TestPage;

  beforeAll(async () => {
    session = await launch(browserName);
    popup = await session.openPopup();
    await createVault(popup);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('adds, views, edits and deletes a login, with the password hidden until revealed', async () => {
    await addLogin(popup, { name: 'Fabrikam HR', username: 'lee@fabrikam.example', password: 'Hr-Portal-55!', website: 'https://hr.fabrikam.example' });
    await popup.byRole('listitem', /Fabrikam HR/).click();
    await popup.byRole('button', 'Edit').waitFor();
    expect(await popup.text()).not.toContain('Hr-Portal-55!');
    await popup.byRole('button', 'Show password').click();
    await popup.waitForText('Hr-Portal-55!');
    await popup.byRole('button', 'Hide password').click();
    expect(await popup.text()).not.toContain('Hr-Portal-55!');

    await popup.byRole('button', 'Edit').click();
    await popup.byRole('textbox', 'Password').fill('Hr-Portal-66!');
    await popup.byRole('button', 'Save').click();
    await popup.byRole('listitem', /Fabrikam HR/).click();
    await popup.byRole('button', 'Show password').click();
    await popup.waitForText('Hr-Portal-66!');
    await popup.waitForText('Password history (1)');

    await popup.byRole('button', 'Edit').click();
    await popup.byRole('button', 'Delete').click();
    await popup.byRole('dialog').waitFor();
    await popup.byRole('button', 'Cancel').click();
    await popup.byRole('button', 'Delete').click();
    await popup.evaluate(() => {
      const dialog = document.querySelector('[role=dialog]')!;
      (Array.from(dialog.querySelectorAll('button')).find((b) => b.textContent === 'Delete') as HTMLButtonElement).focus();
    }, undefined);
    await popup.press('Enter');
    await popup.byRole('searchbox', 'Search vault').waitFor();
    await expect.poll(() => popup.text()).not.toContain('Fabrikam HR');
  });

  it('adds a secure note, a card and an identity', async () => {
    for (const [type, fields] of [
      ['Secure note', { Name: 'Door codes', Notes: 'Side entrance 4471' }],
      ['Card', { Name: 'Travel card', 'Cardholder name': 'Lee Gu', 'Card number': '4111 1111 1111 1111', Expiry: '09/2031', 'Security code': '737' }],
      ['Identity', { Name: 'Me', 'Full name': 'Lee Gu', Email: 'lee@example.test', Phone: '+1 555 0100', Address: '1 Main St' }],
    ] as const) {
      await popup.byRole('button', 'Add item').click();
      await popup.byRole('combobox', 'Type').waitFor();
      await popup.evaluate((label) => {
        const select = document.getElementById('type') as HTMLSelectElement;
        select.value = Array.from(select.options).find((option) => option.text === label)!.value;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      }, type);
      for (const [label, value] of Object.entries(fields)) await popup.byRole('textbox', label).fill(value);
      await popup.byRole('button', 'Save').click();
      await popup.byRole('listitem', new RegExp(fields.Name)).waitFor();
    }
    expect(await popup.byRole('listitem', /Travel card/).text()).toContain('•••• 1111');
  });

  it('takes a card expiry as printed on the card, and says in plain words how to write one it cannot read', async () => {
    await popup.byRole('button', 'Add item').click();
    await popup.byRole('combobox', 'Type').waitFor();
    await popup.evaluate(() => {
      const select = document.getElementById('type') as HTMLSelectElement;
      select.value = Array.from(select.options).find((option) => option.text === 'Card')!.value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    }, undefined);
    await popup.byRole('textbox', 'Name').fill('Printed expiry card');
    await popup.byRole('textbox', 'Expiry').fill('13/31');
    await popup.byRole('button', 'Save').click();
    await popup.waitForText(/like 12\/31 or 12\/2031/);
    expect(await popup.text()).not.toMatch(/expiryYear|expected/);
    await popup.byRole('textbox', 'Expiry').fill('12/31');
    await popup.byRole('button', 'Save').click();
    await popup.byRole('listitem', /Printed expiry card/).click();
    await popup.byRole('button', 'Edit').click();
    expect(await popup.byRole('textbox', 'Expiry').value()).toBe('12/31');
    await popup.byRole('button', 'Save').click();
    await popup.byRole('searchbox', 'Search vault').waitFor();
  });

  it('copies username and password, and shows a live one-time code', async () => {
    await addLogin(popup, { name: 'Northwind', username: 'ops@northwind.example', password: 'Nw-Secret-77!', website: 'https://northwind.example' });
    await popup.byRole('listitem', /Northwind/).click();
    await popup.byRole('button', 'Edit').click();
    await popup.byRole('textbox', 'TOTP secret').fill(TOTP);
    await popup.byRole('button', 'Save').click();
    await popup.byRole('listitem', /Northwind/).click();
    await popup.byRole('button', 'Copy username').click();
    await expect.poll(() => clipboardText(popup)).toBe('ops@northwind.example');
    await popup.byRole('button', 'Copy password').click();
    await expect.poll(() => clipboardText(popup)).toBe('Nw-Secret-77!');
    const shown = (await popup.evaluate(() => document.querySelector('.totp-code')?.textContent ?? '', undefined)).replace(/\s/g, '');
    const params = parseTotp(TOTP);
    // A background tab's timers may run late: allow the code of a neighbouring period.
    const now = Date.now();
    const window = await Promise.all([-60_000, -30_000, 0, 30_000].map((offset) => totpCode(params, now + offset)));
    expect(window).toContain(shown);
    await popup.byRole('button', 'Back').click();
  });

  it('clears a copied password from the clipboard after the delay, once the popup has closed', async () => {
    await popup.byRole('listitem', /Northwind/).click();
    await popup.byRole('button', 'Copy password').click();
    await expect.poll(() => clipboardText(popup)).toBe('Nw-Secret-77!');
    await popup.close();
    await new Promise((resolve) => setTimeout(resolve, 34_000));
    popup = await session.openPopup();
    await popup.byRole('searchbox', 'Search vault').waitFor(30_000);
    expect(await clipboardText(popup)).toBe('');
  }, 120_000);

  it('searches as you type over name, username, website and notes, and opens with the keyboard', async () => {
    const search = popup.byRole('searchbox', 'Search vault');
    await search.fill('northwind.example');
    await expect.poll(() => popup.text()).toContain('Northwind');
    expect(await popup.text()).not.toContain('Travel card');
    await search.fill('side entrance');
    await popup.byRole('listitem', /Door codes/).waitFor();
    await search.fill('');
    await search.fill('ops@');
    await search.press('Enter');
    await popup.byRole('button', 'Copy password').waitFor();
    await popup.byRole('button', 'Back').click();
    await popup.byRole('searchbox', 'Search vault').fill('');
  });

  it('generates passwords by the contract’s controls', async () => {
    await popup.byRole('button', 'Generator').click();
    const generated = popup.byRole('textbox', 'Generated password');
    await expect.poll(() => generated.value()).toMatch(/^.{20}$/);
    const first = await generated.value();
    await popup.byRole('button', 'Regenerate').click();
    await expect.poll(() => generated.value()).not.toBe(first);
    await popup.evaluate(() => {
      const slider = document.getElementById('length') as HTMLInputElement;
      slider.value = '32';
      slider.dispatchEvent(new Event('input', { bubbles: true }));
    }, undefined);
    await expect.poll(async () => (await generated.value()).length).toBe(32);
    expect(await popup.byRole('slider', 'Length').isVisible()).toBe(true);
    await popup.byRole('button', 'Copy').click();
    await expect.poll(() => clipboardText(popup)).toBe(await generated.value());
    await popup.byRole('button', 'Back').click();
  });

  it('files items in folders, marks favorites, and filters by them', async () => {
    await popup.byRole('listitem', /Door codes/).click();
    await popup.byRole('button', 'Edit').click();
    await popup.byRole('textbox', 'New folder').fill('Home');
    await popup.byRole('button', 'Save').click();
    await popup.byRole('listitem', /Northwind/).click();
    await popup.byRole('button', '☆ Favorite').click();
    await popup.byRole('button', '★ Favorite').waitFor();
    await popup.byRole('button', 'Back').click();
    const pick = (label: string) =>
      popup.evaluate((wanted) => {
        const select = document.querySelector('select[aria-label=Folder]') as HTMLSelectElement;
        select.value = Array.from(select.options).find((option) => option.text === wanted)!.value;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      }, label);
    await pick('Home');
    await expect.poll(() => popup.text()).toContain('Door codes');
    expect(await popup.text()).not.toContain('Northwind');
    await pick('Favorites');
    await expect.poll(() => popup.text()).toContain('Northwind');
    expect(await popup.text()).not.toContain('Door codes');
    await pick('All items');
  });

  it('lists weak and reused passwords in vault health', async () => {
    await addLogin(popup, { name: 'Old forum', username: 'lee', password: 'password1', website: 'https://forum.example' });
    await addLogin(popup, { name: 'Second shop', username: 'lee', password: 'Nw-Secret-77!', website: 'https://shop.example' });
    await popup.byRole('button', 'Health').click();
    await popup.waitForText(/Weak passwords \(\d+\)/);
    await expect.poll(() => popup.text(), { timeout: 20_000 }).toMatch(/Weak passwords \(1\)/);
    const text = await popup.text();
    expect(text).toMatch(/Reused passwords \(2\)/);
    expect(text).toContain('Old forum');
    expect(text).toContain('Second shop');
    expect(text).not.toContain('password1'); // the view names logins, never shows their passwords
    await popup.byRole('button', 'Back').click();
  });

  it('unlocks with Enter and never shows item data while locked', async () => {
    await popup.byRole('button', 'Lock').click();
    await popup.byRole('button', 'Unlock').waitFor();
    expect(await popup.text()).not.toMatch(/Northwind|Travel card|Door codes/);
    await popup.byRole('textbox', 'Master password').fill(MASTER_PASSWORD);
    await popup.byRole('textbox', 'Master password').press('Enter');
    await popup.byRole('searchbox', 'Search vault').waitFor(30_000);
  });

  it('keeps a chosen theme over the system’s, also after reopening', async () => {
    const background = () => popup.evaluate(() => getComputedStyle(document.body).backgroundColor, undefined);
    await popup.setColorScheme('light');
    const light = await background();
    const choose = (value: string) =>
      popup.evaluate((theme) => {
        const select = document.getElementById('theme') as HTMLSelectElement;
        select.value = theme;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      }, value);
    await popup.byRole('button', 'Settings').click();
    await popup.byRole('combobox', 'Theme').waitFor();
    await choose('dark');
    await expect.poll(background).not.toBe(light);
    const dark = await background();
    await popup.close();
    popup = await session.openPopup();
    await popup.setColorScheme('light');
    await popup.byRole('searchbox', 'Search vault').waitFor();
    await expect.poll(background).toBe(dark);
    await popup.byRole('button', 'Settings').click();
    await popup.byRole('combobox', 'Theme').waitFor();
    await choose('system');
    await expect.poll(background).toBe(light);
    await popup.byRole('button', 'Back').click();
  });

  it('takes screenshots of the main views, light and dark', async () => {
    if (browserName !== 'chromium') return; // one set of pictures is enough; Chromium's are the reference
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const scheme of ['light', 'dark'] as const) {
      await popup.setColorScheme(scheme);
      await popup.byRole('searchbox', 'Search vault').waitFor();
      await popup.screenshot(join(SCREENSHOTS, `list-${scheme}.png`));
      await popup.byRole('listitem', /Northwind/).click();
      await popup.byRole('button', 'Copy password').waitFor();
      await popup.screenshot(join(SCREENSHOTS, `item-${scheme}.png`));
      await popup.byRole('button', 'Back').click();
      await popup.byRole('button', 'Generator').click();
      await popup.byRole('textbox', 'Generated password').waitFor();
      await popup.screenshot(join(SCREENSHOTS, `generator-${scheme}.png`));
      await popup.byRole('button', 'Back').click();
    }
  });
});
