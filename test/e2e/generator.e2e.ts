// Where strong passwords are born: change and reset pages. The menu generates a
// password that meets the site's rules, fills the new and confirmation fields so
// the page's model sees it, the page accepts it, and the vault is updated with
// the old password kept in the history. Pages are our fixtures at the real hosts.
import { afterEach, describe, expect, it } from 'vitest';
import { satisfiesRules } from '../../src/generator/site-rules';
import { builtinRulesForHost } from '../../src/generator/site-rules-data';
import { BROWSERS, launch, type ExtensionSession, type TestPage } from './harness';
import { openMenuOn, seedVault, type SeedLogin, listItems } from './flows';

const PERSONAL: SeedLogin = { name: 'Personal Microsoft', username: 'megan@outlook.example', password: 'Old-Personal-1!', websites: ['https://login.live.com/'] };
const WORK: SeedLogin = { name: 'Contoso work', username: 'adele@contoso.onmicrosoft.com', password: 'Old-Work-Pass-2!', websites: ['https://login.microsoftonline.com/'] };
const ADMIN: SeedLogin = { name: 'Contoso admin', username: 'admin@contoso.onmicrosoft.com', password: 'Admin-Own-Pass-3!', websites: ['https://admin.microsoft.com/'] };

interface FullLogin {
  id: string;
  name: string;
  username: string;
  password: string;
  passwordHistory: { password: string; changed: number }[];
}

async function state(page: TestPage): Promise<string> {
  return page.evaluate(() => (document.body.dataset.busy === 'true' ? 'busy' : (document.body.dataset.state ?? '')), undefined);
}
async function untilState(page: TestPage, wanted: string): Promise<void> {
  await expect.poll(() => state(page), { timeout: 10_000 }).toBe(wanted);
}
async function received(page: TestPage): Promise<Record<string, unknown>> {
  return page.evaluate(() => JSON.parse(document.getElementById('received')?.textContent || '{}'), undefined);
}

async function logins(session: ExtensionSession): Promise<FullLogin[]> {
  const items: FullLogin[] = [];
  for (const { id } of await listItems(session)) {
    const answer = (await session.sendFromExtensionPage({ type: 'items.get', payload: { id } })) as { value: { item: FullLogin } };
    items.push(answer.value.item);
  }
  return items;
}

async function generatorHistory(session: ExtensionSession): Promise<{ password: string; site: string }[]> {
  const answer = (await session.sendFromExtensionPage({ type: 'generator.history', payload: {} })) as { value: { entries: { password: string; site: string }[] } };
  return answer.value.entries;
}

async function generateInto(session: ExtensionSession, page: TestPage, css: string): Promise<string> {
  const menu = await openMenuOn(session, page, css);
  await menu.byRole('button', 'Generate strong password').click();
  await expect.poll(() => page.valueOf(css)).not.toBe('');
  return page.valueOf(css);
}

async function answerPrompt(session: ExtensionSession, page: TestPage, choice: 'Update' | 'Save'): Promise<void> {
  const prompt = await page.frame(session.extensionUrl('ui/prompt.html'), 15_000);
  await prompt.byRole('button', choice).click();
}

describe.each(BROWSERS)('generator on change and reset pages in %s', (browserName) => {
  let session: ExtensionSession;
  afterEach(async () => {
    await session?.close();
  });

  it('account.live.com password change: current filled from the vault, new generated, vault updated with history', async () => {
    session = await launch(browserName);
    await seedVault(session, [PERSONAL, WORK]);
    const page = await session.newPage();
    await page.goto(`https://account.live.com/password/Change?account=${PERSONAL.username}`);
    await untilState(page, 'change');
    const menu = await openMenuOn(session, page, '#iCurPassword');
    await menu.byRole('button', /Personal Microsoft/).click();
    await expect.poll(() => page.valueOf('#iCurPassword')).toBe(PERSONAL.password);

    const generated = await generateInto(session, page, '#iPassword');
    expect(await page.valueOf('#iRetypePassword')).toBe(generated);
    expect(satisfiesRules(generated, builtinRulesForHost('account.live.com')!).ok).toBe(true);
    expect(generated.length).toBeGreaterThanOrEqual(16);

    await page.bySelector('#iSubmit').click();
    await untilState(page, 'done');
    expect(await received(page)).toMatchObject({ current: PERSONAL.password, new: generated });
    await answerPrompt(session, page, 'Update');
    await expect.poll(async () => (await logins(session)).find((item) => item.name === PERSONAL.name)?.password).toBe(generated);
    const updated = (await logins(session)).find((item) => item.name === PERSONAL.name)!;
    expect(updated.passwordHistory[0]).toMatchObject({ password: PERSONAL.password });
    // The work login with the same-looking account was not touched.
    expect((await logins(session)).find((item) => item.name === WORK.name)?.password).toBe(WORK.password);
  });

  it('account.live.com reset: the email step’s login gets the new password after the code step', async () => {
    session = await launch(browserName);
    await seedVault(session, [PERSONAL]);
    const page = await session.newPage();
    await page.goto('https://account.live.com/password/reset');
    await untilState(page, 'email');
    const menu = await openMenuOn(session, page, '#iSigninName');
    await menu.byRole('button', /Personal Microsoft/).click();
    await expect.poll(() => page.valueOf('#iSigninName')).toBe(PERSONAL.username);
    await page.bySelector('#iNext').click();
    await untilState(page, 'code');
    // The code field never receives the email or a password.
    expect(await page.valueOf('#iOttText')).toBe('');
    await page.bySelector('#iOttText').fill('482913');
    await page.press('Escape');
    await page.bySelector('#iNext').click();
    await untilState(page, 'newpassword');
    const generated = await generateInto(session, page, '#iPassword');
    expect(await page.valueOf('#iRetypePassword')).toBe(generated);
    await page.bySelector('#iNext').click();
    await untilState(page, 'done');
    expect(await received(page)).toMatchObject({ email: PERSONAL.username, new: generated });
    await answerPrompt(session, page, 'Update');
    await expect.poll(async () => (await logins(session))[0]?.password).toBe(generated);
    expect((await logins(session))[0]?.passwordHistory[0]?.password).toBe(PERSONAL.password);
  });

  it('Entra self-service reset: a password within Entra’s rules, accepted, and the work login updated', async () => {
    session = await launch(browserName);
    await seedVault(session, [WORK]);
    const page = await session.newPage();
    await page.goto('https://passwordreset.microsoftonline.com/?ru=https%3a%2f%2flogin.microsoftonline.com');
    await untilState(page, 'userid');
    const menu = await openMenuOn(session, page, '#ResetPassword_UserId');
    await menu.byRole('button', /Contoso work/).click();
    await expect.poll(() => page.valueOf('#ResetPassword_UserId')).toBe(WORK.username);
    await page.press('Escape');
    await page.bySelector('#CaptchaInput').fill('W7KP9');
    await page.bySelector('#next-button').click();
    await untilState(page, 'verify');
    await page.bySelector('#SendEmailButton').click();
    await page.bySelector('#VerificationCode').fill('551234');
    await page.bySelector('#next-button').click();
    await untilState(page, 'newpassword');
    const generated = await generateInto(session, page, '#NewPassword');
    expect(await page.valueOf('#ConfirmPassword')).toBe(generated);
    expect(satisfiesRules(generated, builtinRulesForHost('passwordreset.microsoftonline.com')!).ok).toBe(true);
    await page.bySelector('#finish-button').click();
    await untilState(page, 'done');
    expect(await received(page)).toMatchObject({ userId: WORK.username, newPassword: generated });
    await answerPrompt(session, page, 'Update');
    await expect.poll(async () => (await logins(session))[0]?.password).toBe(generated);
    expect((await logins(session))[0]?.passwordHistory[0]?.password).toBe(WORK.password);
  });

  it('forced change at sign-in: current password from the same login, a new one generated and saved', async () => {
    session = await launch(browserName);
    await seedVault(session, [WORK]);
    const page = await session.newPage();
    await page.goto('https://login.microsoftonline.com/common/oauth2/v2.0/authorize?forcechange=1');
    await untilState(page, 'email');
    const menu = await openMenuOn(session, page, '#i0116');
    await menu.byRole('button', /Contoso work/).click();
    await page.bySelector('#idSIButton9').click();
    await untilState(page, 'password');
    await expect.poll(() => page.valueOf('#i0118')).toBe(WORK.password);
    await page.bySelector('#idSIButton9').click();
    await untilState(page, 'forcechange');
    await expect.poll(() => page.valueOf('#currentPassword')).toBe(WORK.password);
    const generated = await generateInto(session, page, '#iPassword');
    expect(await page.valueOf('#iRetypePassword')).toBe(generated);
    await page.bySelector('#idSIButton9').click();
    await untilState(page, 'done');
    expect(await received(page)).toMatchObject({ currentPassword: WORK.password, newPassword: generated });
    await answerPrompt(session, page, 'Update');
    await expect.poll(async () => (await logins(session))[0]?.password).toBe(generated);
    expect((await logins(session))[0]?.passwordHistory[0]?.password).toBe(WORK.password);
  });

  it('admin center reset: saved as a new login for the user being reset, never over the admin’s own', async () => {
    session = await launch(browserName);
    await seedVault(session, [ADMIN]);
    const page = await session.newPage();
    await page.goto('https://admin.microsoft.com/Adminportal/Home#/users');
    await untilState(page, 'list');
    await page.byRole('button', 'Reset password for Adele Vance').click();
    await untilState(page, 'panel');
    await page.bySelector('#autoGeneratePassword').click();
    const generated = await generateInto(session, page, '#resetPasswordInput');
    await page.bySelector('#resetPasswordSubmit').click();
    await untilState(page, 'done');
    expect(await received(page)).toMatchObject({ user: 'adele@contoso.onmicrosoft.com', password: generated, autoGenerated: false });
    const prompt = await page.frame(session.extensionUrl('ui/prompt.html'), 15_000);
    await prompt.waitForText('adele@contoso.onmicrosoft.com');
    expect(await prompt.byRole('button', 'Update').isVisible()).toBe(false);
    await prompt.byRole('button', 'Save').click();
    await expect.poll(async () => (await logins(session)).length).toBe(2);
    const all = await logins(session);
    expect(all.find((item) => item.username === 'adele@contoso.onmicrosoft.com')).toMatchObject({ name: 'adele@contoso.onmicrosoft.com', password: generated });
    expect(all.find((item) => item.username === ADMIN.username)).toMatchObject({ password: ADMIN.password, passwordHistory: [] });
  });

  it('keeps a generated password in the generator history even when the person leaves without saving', async () => {
    session = await launch(browserName);
    await seedVault(session, [PERSONAL]);
    const page = await session.newPage();
    await page.goto('https://account.live.com/password/Change');
    await untilState(page, 'change');
    const generated = await generateInto(session, page, '#iPassword');
    await page.close();
    const history = await generatorHistory(session);
    expect(history[0]).toMatchObject({ password: generated, site: 'account.live.com' });
  });
});
