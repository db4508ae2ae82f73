// The username a person submitted on the identifier step of a sign-in, kept per
// tab for a few minutes so that a later save prompt (after a reset or a change
// on a view that shows no username) can name the account. It names; it never
// authorises a fill (that is continuations.ts).
import type { StorageArea } from '../storage-area';

const PREFIX = 'identifier.';
const LIFETIME_MS = 5 * 60_000;

interface IdentifierNote {
  username: string;
  /** The site it was submitted on (site-match.ts, siteKeyOf). */
  siteKey: string;
  at: number;
}

export async function noteIdentifier(area: StorageArea, tabId: number, username: string, siteKey: string, now = Date.now()): Promise<void> {
  await area.set({ [PREFIX + tabId]: { username, siteKey, at: now } satisfies IdentifierNote });
}

export async function recentIdentifier(area: StorageArea, tabId: number, siteKey: string, now = Date.now()): Promise<string | null> {
  const note = (await area.get(PREFIX + tabId))[PREFIX + tabId] as IdentifierNote | undefined;
  if (!note || now - note.at > LIFETIME_MS || note.siteKey !== siteKey) return null;
  return note.username;
}

