// Steps that many browser tests share, written as a person would do them in the
// popup, by the names in ../shared/ui-contract.md.
import type { ItemSummary } from '../../src/shared/protocol';
import { unpackSummaries, type PackedSummaries } from '../../src/shared/summary-pack';
import type { ExtensionSession, TestPage } from './harness';

export const MASTER_PASSWORD = 'Tangerine-Orbit-Cactus-71!';

export async function createVault(popup: TestPage, password = MASTER_PASSWORD, session?: ExtensionSession): Promise<void> {
  session?.console.noteSecret(password);
  await popup.byRole('textbox', 'Master password').fill(password);
  await popup.byRole('textbox', 'Confirm master password').fill(password);
  await popup.byRole('button', 'Create vault').click();
  await popup.byRole('searchbox', 'Search vault').waitFor(30_000);
}

export async function unlock(popup: TestPage, password = MASTER_PASSWORD): Promise<void> {
  await popup.byRole('textbox', 'Master password').fill(password);
  await popup.byRole('button', 'Unlock').click();
  await popup.byRole('searchbox', 'Search vault').waitFor(30_000);
}

export interface LoginFields {
  name: string;
  username: string;
  password: string;
  website?: string;
  notes?: string;
}

export async function addLogin(popup: TestPage, login: LoginFields): Promise<void> {
  await popup.byRole('button', 'Add item').click();
  await popup.byRole('textbox', 'Name').fill(login.name);
  await popup.byRole('textbox', 'Username').fill(login.username);
  await popup.byRole('textbox', 'Password').fill(login.password);
  if (login.website) await popup.byRole('textbox', 'Website').fill(login.website);
  if (login.notes) await popup.byRole('textbox', 'Notes').fill(login.notes);
  await popup.byRole('button', 'Save').click();
  await popup.byRole('listitem', new RegExp(login.name)).waitFor();
}

export interface SeedLogin {
  name: string;
  username: string;
  password: string;
  websites: string[];
  totp?: string;
}

/** A new vault holding these logins: created in the popup, items added through the popup's messages. */
export async function seedVault(session: ExtensionSession, logins: SeedLogin[]): Promise<void> {
  const popup = await session.openPopup();
  await createVault(popup, MASTER_PASSWORD, session);
  for (const login of logins) {
    session.console.noteSecret(login.password);
    if (login.totp) session.console.noteSecret(login.totp);
    const answer = (await session.sendFromExtensionPage({
      type: 'items.save',
      payload: {
        item: {
          type: 'login',
          name: login.name,
          username: login.username,
          password: login.password,
          totp: login.totp ?? '',
          websites: login.websites.map((url) => ({ url, match: 'domain' })),
        },
      },
    })) as { ok: boolean; error?: { message: string } };
    if (!answer.ok) throw new Error(`Could not seed ${login.name}: ${answer.error?.message}`);
  }
  await popup.close();
}

/** Focuses a field like a person (a click), waits for the inline menu, and returns it. */
export async function openMenuOn(session: ExtensionSession, page: TestPage, css: string): Promise<TestPage> {
  await page.byDeepSelector(css).click();
  return page.frame(session.extensionUrl('ui/menu.html'));
}

/**
 * Whether Latchkey's in-page UI (menu, prompt) is showing in this document: a host
 * with a random tag name in the top layer. The menu frame may be loaded ahead and
 * kept parked, so its presence alone says nothing.
 */
export async function menuShown(frame: TestPage): Promise<boolean> {
  return frame.evaluate(() => {
    return Array.from(document.querySelectorAll(':popover-open')).some((host) => {
      const rect = host.getBoundingClientRect();
      return /^x-[a-z]{12}$/i.test(host.tagName) && getComputedStyle(host).visibility !== 'hidden' && rect.width > 1 && rect.right > 0;
    });
  }, undefined);
}

/** The vault's item summaries, as the popup gets them (unpacked from their columns). */
export async function listItems(session: ExtensionSession): Promise<ItemSummary[]> {
  const answer = (await session.sendFromExtensionPage({ type: 'items.list', payload: {} })) as {
    ok: boolean;
    value: { items: PackedSummaries };
    error?: { message: string };
  };
  if (!answer.ok) throw new Error(`items.list failed: ${answer.error?.message}`);
  return unpackSummaries(answer.value.items);
}
