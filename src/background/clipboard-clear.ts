// Clears a copied secret from the clipboard after the chosen delay, but only if
// the clipboard still holds it. The popup closes as soon as the person clicks
// into a page to paste, so the clearing lives here, on an alarm. The background
// has no clipboard of its own in Chrome (a service worker): an offscreen
// document reads and writes it; Firefox's event page has a document to do it.
import browser from 'webextension-polyfill';
import { sha256 } from '@noble/hashes/sha2.js';
import { toBase64, utf8Encode } from '../vault/bytes';
import type { Clipboard } from '../shared/document-clipboard';
import type { StorageArea } from './storage-area';

export const CLIPBOARD_ALARM = 'latchkey.clipboard-clear';
const KEY = 'clipboard.fingerprint';
/** Chrome does not fire alarms sooner than 30 s. */
const MIN_DELAY_SECONDS = 30;


const fingerprint = (text: string) => toBase64(sha256(utf8Encode(text)));

export async function scheduleClipboardClear(session: StorageArea, copied: string, seconds: number): Promise<void> {
  if (seconds <= 0) return;
  await session.set({ [KEY]: fingerprint(copied) });
  await browser.alarms.create(CLIPBOARD_ALARM, { delayInMinutes: Math.max(MIN_DELAY_SECONDS, seconds) / 60 });
}

/** Empties the clipboard if it still holds what Latchkey put there; returns whether it did. */
export async function clearIfStillOurs(session: StorageArea, clipboard: Clipboard): Promise<boolean> {
  const expected = (await session.get(KEY))[KEY];
  await session.remove(KEY);
  if (typeof expected !== 'string') return false;
  const current = await clipboard.read();
  if (fingerprint(current) !== expected) return false;
  await clipboard.write('');
  return true;
}
