// Identifier-first sign-in (email on one view, password on the next) needs the
// login picked on the first view to fill the second, without a second pick and
// without ever mixing two logins. The pick is remembered per tab, briefly, in
// session storage so that a restarted worker still knows it.
import type { StorageArea } from '../storage-area';

const PREFIX = 'pick.';
export const PICK_LIFETIME_MS = 5 * 60_000;

export interface Pick {
  itemId: string;
  /** The username submitted on the identifier step, when the page told us. */
  submittedUsername: string | null;
  at: number;
}

export async function rememberPick(area: StorageArea, tabId: number, itemId: string, now = Date.now()): Promise<void> {
  await area.set({ [PREFIX + tabId]: { itemId, submittedUsername: null, at: now } satisfies Pick });
}

export async function currentPick(area: StorageArea, tabId: number, now = Date.now()): Promise<Pick | null> {
  const pick = (await area.get(PREFIX + tabId))[PREFIX + tabId] as Pick | undefined;
  if (!pick || now - pick.at > PICK_LIFETIME_MS) return null;
  return pick;
}

export async function noteSubmittedUsername(area: StorageArea, tabId: number, username: string, now = Date.now()): Promise<void> {
  const pick = await currentPick(area, tabId, now);
  const next: Pick = pick ? { ...pick, submittedUsername: username, at: now } : { itemId: '', submittedUsername: username, at: now };
  await area.set({ [PREFIX + tabId]: next });
}

export async function forgetPick(area: StorageArea, tabId: number): Promise<void> {
  await area.remove(PREFIX + tabId);
}
