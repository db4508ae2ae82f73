// Microsoft sign-in, first class: identifier-first flows in work and personal
// accounts, kept apart even with the same email; Knockout- and React-style
// pages; verification codes; pick-an-account and stay-signed-in views; and no
// Microsoft login on a look-alike host. Pages are our fixtures at the real hostnames.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTotp, totpCode } from '../../src/vault/totp';
import { BROWSERS, launch, type ExtensionSession, type TestPage } from './harness';
import { menuShown, openMenuOn, seedVault, listItems } from './flows';

const SAME_EMAIL = 'adele@contoso.onmicrosoft.com';
const WORK = { name: 'Contoso work', username: SAME_EMAIL, password: 'Work-Pa55word!', websites: ['https://login.microsoftonline.com/'] };
const WORK_ALEX = { name: 'Alex at Contoso', username: 'alexw@contoso.onmicrosoft.com', password: 'Alex-Work-77!', websites: ['https://login.microsoftonline.com/'] };
const PERSONAL = { name: 'Personal Microsoft', username: SAME_EMAIL, password: 'Personal-Pa55!', websites: ['https://login.live.com/'] };
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DP';
const WORK_MFA = { name: 'Fabrikam work', username: 'megan@fabrikam.example', password: 'Fabrikam-Pass-3!', websites: ['https://login.microsoftonline.com/'], totp: TOTP_SECRET };
const USGOV = { name: 'Agency (US Gov)', username: 'pat@agency.example', password: 'Gov-Cloud-Pass-4!', websites: ['https://login.microsoftonline.us/'] };

const WORK_SIGN_IN = 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=test';

async function state(page: TestPage): Promise<string> {
  return page.evaluate(() => (document.body.dataset.busy === 'true' ? 'busy' : (document.body.dataset.state ?? '')), undefined);
}
async function received(page: TestPage): Promise<Record<string, unknown>> {
  return page.evaluate(() => JSON.parse(document.getElementById('received')?.textContent || '{}'), undefined);
}
async function untilState(page: TestPage, wanted: string): Promise<void> {
  await expect.poll(() => state(page), { timeout: 10_000 }).toBe(wanted);
}

describe.each(BROWSERS)('Microsoft sign-in in %s', (browserName) => {
  let session: ExtensionSession;
  let page: TestPage;

  beforeAll(async () => {
    session = await launch(browserName);
    await seedVault(session, [WORK, WORK_ALEX, PERSONAL, WORK_MFA, USGOV]);
  });
  afterAll(async () => {
    await session?.close();
  });

  async function open(url: string, initialState: string): Promise<TestPage> {
    page = await session.newPage();
    await page.goto(url);
    await untilState(page, initialState);
    return page;
  }

  it('work account: the login picked on the email view fills the password view, and the site receives both', async () => {
    await open(WORK_SIGN_IN, 'email');
    const menu = await openMenuOn(session, page, '#i0116');
    await menu.byRole('button', /Contoso work/).waitFor();
    expect(await menu.text()).not.toContain('Personal Microsoft');
    await menu.byRole('button', /Contoso work/).click();
    await expect.poll(() => page.valueOf('#i0116')).toBe(SAME_EMAIL);

    await page.bySelector('#idSIButton9').click();
    await untilState(page, 'password');
    // No second pick: the same login's password arrives on its own.
    await expect.poll(() => page.valueOf('#i0118')).toBe(WORK.password);
    await page.bySelector('#idSIButton9').click();
    await untilState(page, 'kmsi');
    const sent = await received(page);
    expect(sent).toMatchObject({ loginfmt: SAME_EMAIL, passwd: WORK.password, offscreenPasswordFilled: false });
    // "Stay signed in?" has nothing to fill and nothing breaks.
    await page.bySelector('#idBackButton').click();
    await untilState(page, 'done');
    await page.close();
  });

  it('never mixes two logins: an email changed after the pick gets its own password, not the picked one', async () => {
    await open(WORK_SIGN_IN, 'email');
    const menu = await openMenuOn(session, page, '#i0116');
    await menu.byRole('button', /Contoso work/).click();
    await expect.poll(() => page.valueOf('#i0116')).toBe(SAME_EMAIL);
    await page.bySelector('#i0116').fill(WORK_ALEX.username);
    await page.press('Escape');
    await page.bySelector('#idSIButton9').click();
    await untilState(page, 'password');
    await expect.poll(() => page.valueOf('#i0118')).toBe(WORK_ALEX.password);
    await page.bySelector('#idSIButton9').click();
    await untilState(page, 'kmsi');
    expect(await received(page)).toMatchObject({ loginfmt: WORK_ALEX.username, passwd: WORK_ALEX.password });
    await page.close();
  });

  it('personal account on the React-style login.live.com page: only the personal login, filled so React sees it', async () => {
    await open('https://login.live.com/oauth20_authorize.srf?client_id=test', 'email');
    const menu = await openMenuOn(session, page, '#usernameEntry');
    await menu.byRole('button', /Personal Microsoft/).waitFor();
    const offered = await menu.text();
    expect(offered).not.toContain('Contoso work');
    expect(offered).not.toContain('Alex at Contoso');
    await menu.byRole('button', /Personal Microsoft/).click();
    await expect.poll(() => page.valueOf('#usernameEntry')).toBe(SAME_EMAIL);
    await page.bySelector('[data-testid=primaryButton]').click();
    await untilState(page, 'password');
    await expect.poll(() => page.valueOf('#passwordEntry')).toBe(PERSONAL.password);
    await page.bySelector('[data-testid=primaryButton]').click();
    await untilState(page, 'kmsi');
    expect(await received(page)).toMatchObject({ loginfmt: SAME_EMAIL, passwd: PERSONAL.password });
    await page.close();
  });

  it('personal account on the older login.live.com markup', async () => {
    await open('https://login.live.com/login.srf?wa=wsignin1.0', 'email');
    const menu = await openMenuOn(session, page, '#i0116');
    await menu.byRole('button', /Personal Microsoft/).click();
    await page.bySelector('#idSIButton9').click();
    await untilState(page, 'password');
    await expect.poll(() => page.valueOf('#i0118')).toBe(PERSONAL.password);
    await page.bySelector('#idSIButton9').click();
    await untilState(page, 'kmsi');
    expect(await received(page)).toMatchObject({ loginfmt: SAME_EMAIL, passwd: PERSONAL.password, offscreenPasswordFilled: false });
    await page.close();
  });

  it('offers the personal login on account.live.com and never on the work sign-in', async () => {
    await open('https://account.live.com/password/Change', 'change');
    const menu = await openMenuOn(session, page, '#iCurPassword');
    await menu.byRole('button', /Personal Microsoft/).waitFor();
    expect(await menu.text()).not.toContain('Contoso work');
    await page.close();
  });

  it('fills the verification code with the login’s current TOTP code, and never the email or password', async () => {
    await open(`${WORK_SIGN_IN}&mfa=1`, 'email');
    const menu = await openMenuOn(session, page, '#i0116');
    await menu.byRole('button', /Fabrikam work/).click();
    await page.bySelector('#idSIButton9').click();
    await untilState(page, 'password');
    await expect.poll(() => page.valueOf('#i0118')).toBe(WORK_MFA.password);
    await page.bySelector('#idSIButton9').click();
    await untilState(page, 'otc');
    await expect.poll(() => page.valueOf('#idTxtBx_SAOTCC_OTC')).toMatch(/^\d{6}$/);
    const code = await page.valueOf('#idTxtBx_SAOTCC_OTC');
    const params = parseTotp(TOTP_SECRET);
    const now = Date.now();
    expect([await totpCode(params, now), await totpCode(params, now - 30_000)]).toContain(code);
    await page.bySelector('#idSubmit_SAOTCC_Continue').click();
    await untilState(page, 'kmsi');
    expect(await received(page)).toMatchObject({ loginfmt: WORK_MFA.username, passwd: WORK_MFA.password, otc: code });
    await page.close();
  });

  it('does not fill anything wrong on "Pick an account", then fills the chosen account’s password from the menu', async () => {
    await open(`${WORK_SIGN_IN}&pick=1`, 'pick');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await menuShown(page)).toBe(false);
    await page.bySelector('#otherTile').click();
    await untilState(page, 'email');
    // "Use another account" leads to an empty email view: nothing is filled unasked.
    expect(await page.valueOf('#i0116')).toBe('');
    await page.press('Escape'); // the menu the empty email field offers is dismissed, as a person would
    await page.bySelector('#idBtn_Back').click();
    await untilState(page, 'pick');
    await page.bySelector('[data-test-id="alexw@contoso.onmicrosoft.com"]').click();
    await untilState(page, 'password');
    expect(await page.valueOf('#i0118')).toBe('');
    const menu = await openMenuOn(session, page, '#i0118');
    await menu.byRole('button', /Alex at Contoso/).click();
    await expect.poll(() => page.valueOf('#i0118')).toBe(WORK_ALEX.password);
    await page.bySelector('#idSIButton9').click();
    await untilState(page, 'kmsi');
    expect(await page.evaluate(() => document.body.dataset.error ?? '', undefined)).toBe('');
    await page.close();
  });

  it('works on a sovereign cloud, with that cloud’s own login only', async () => {
    await open('https://login.microsoftonline.us/common/oauth2/v2.0/authorize', 'email');
    const menu = await openMenuOn(session, page, '#i0116');
    await menu.byRole('button', /Agency/).waitFor();
    expect(await menu.text()).not.toContain('Contoso work');
    await menu.byRole('button', /Agency/).click();
    await page.bySelector('#idSIButton9').click();
    await untilState(page, 'password');
    await expect.poll(() => page.valueOf('#i0118')).toBe(USGOV.password);
    await page.close();
  });

  it('offers no Microsoft login on a look-alike host', async () => {
    await open('https://login-microsoftonline.com.example/common/oauth2/v2.0/authorize', 'email');
    const menu = await openMenuOn(session, page, '#i0116');
    await menu.waitForText('No logins saved');
    const text = await menu.text();
    for (const login of [WORK, WORK_ALEX, PERSONAL, WORK_MFA]) expect(text).not.toContain(login.name);
    await page.close();
  });
});

describe.each(BROWSERS)('saving a Microsoft sign-in in %s', (browserName) => {
  let session: ExtensionSession;
  beforeAll(async () => {
    session = await launch(browserName);
    await seedVault(session, []);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('combines the email from the first view with the password from the second, and saves it', async () => {
    const page = await session.newPage();
    await page.goto(WORK_SIGN_IN);
    await untilState(page, 'email');
    await page.bySelector('#i0116').fill('new.user@contoso.onmicrosoft.com');
    await page.press('Escape');
    await page.bySelector('#idSIButton9').click();
    await untilState(page, 'password');
    await page.bySelector('#i0118').fill('Typed-Work-Pass-5!');
    await page.press('Escape');
    await page.bySelector('#idSIButton9').click();
    await untilState(page, 'kmsi');
    const prompt = await page.frame(session.extensionUrl('ui/prompt.html'));
    await prompt.waitForText('new.user@contoso.onmicrosoft.com');
    await prompt.byRole('button', 'Save').click();
    await expect.poll(async () => {
      return listItems(session);
    }).toEqual([expect.objectContaining({ subtitle: 'new.user@contoso.onmicrosoft.com', hosts: ['login.microsoftonline.com'] })]);
    await page.close();
  });
});
