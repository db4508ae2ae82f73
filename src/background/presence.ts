// When the person last proved they are here by typing the master password (to
// create, unlock, or confirm in Latchkey's own window). A passkey asserts user
// verification only within a short window after that: long enough to go back to
// the page and choose, short enough that "verified" still means this person, now.
import type { StorageArea } from './storage-area';

const KEY = 'session.presenceAt';
export const PRESENCE_WINDOW_MS = 60_000;

export async function notePresence(session: StorageArea, now = Date.now()): Promise<void> {
  await session.set({ [KEY]: now });
}

/** Whether the master password was typed within the last PRESENCE_WINDOW_MS. */
export async function presentLately(session: StorageArea, now = Date.now()): Promise<boolean> {
  const at = (await session.get(KEY))[KEY];
  return typeof at === 'number' && now - at >= 0 && now - at <= PRESENCE_WINDOW_MS;
}
