// Clears a copied secret from the clipboard after the chosen delay, but only if
// the clipboard still holds it. The popup closes as soon as the person clicks
// into a page to paste, so the clearing lives here, on an alarm. The background
// has no clipboard of its own in Chrome (a service worker): an offscreen
// document reads and writes it; Firefox's event page has a document to do it.
//
// What waits for the alarm is an HMAC of the secret under a random key of this
// browser session (both in storage.session, memory only): enough to recognise
// the secret, useless for guessing it. A browser restart loses both, so a flag
// in storage.local (no secret in it) says a clear was pending, and the clipboard
// is emptied at the next start.
import browser from 'webextension-polyfill';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { fromBase64, randomBytes, toBase64, utf8Encode } from '../vault/bytes';
import type { Clipboard } from '../shared/document-clipboard';
import type { StorageArea } from './storage-area';

export const CLIPBOARD_ALARM = 'latchkey.clipboard-clear';
const FINGERPRINT_KEY = 'clipboard.fingerprint';
const HMAC_KEY = 'clipboard.key';
/** In storage.local: a clear is pending (survives a browser restart; holds only a time). */
const PENDING_KEY = 'clipboard.pendingSince';
/** Browsers do not fire alarms sooner than 30 s; the setting offers no shorter delay. */
export const MIN_CLEAR_SECONDS = 30;

async function sessionKey(session: StorageArea): Promise<Uint8Array> {
  const stored = (await session.get(HMAC_KEY))[HMAC_KEY];
  if (typeof stored === 'string') return fromBase64(stored);
  const key = randomBytes(32);
  await session.set({ [HMAC_KEY]: toBase64(key) });
  return key;
}

const fingerprint = (key: Uint8Array, text: string) => toBase64(hmac(sha256, key, utf8Encode(text)));

export async function scheduleClipboardClear(session: StorageArea, local: StorageArea, copied: string, seconds: number): Promise<void> {
  if (seconds <= 0) return;
  await session.set({ [FINGERPRINT_KEY]: fingerprint(await sessionKey(session), copied) });
  await local.set({ [PENDING_KEY]: Date.now() });
  await browser.alarms.create(CLIPBOARD_ALARM, { delayInMinutes: Math.max(MIN_CLEAR_SECONDS, seconds) / 60 });
}

/** Empties the clipboard if it still holds what Latchkey put there; returns whether it did. */
export async function clearIfStillOurs(session: StorageArea, local: StorageArea, clipboard: Clipboard): Promise<boolean> {
  const expected = (await session.get(FINGERPRINT_KEY))[FINGERPRINT_KEY];
  await session.remove(FINGERPRINT_KEY);
  await local.remove(PENDING_KEY);
  if (typeof expected !== 'string') return false;
  const current = await clipboard.read();
  if (fingerprint(await sessionKey(session), current) !== expected) return false;
  await clipboard.write('');
  return true;
}

/**
 * At browser start: a clear that was pending when the browser closed can no longer
 * recognise the secret (the session's key is gone), so the clipboard is emptied.
 */
export async function clearAfterRestart(local: StorageArea, clipboard: Clipboard): Promise<boolean> {
  const pending = (await local.get(PENDING_KEY))[PENDING_KEY];
  if (pending === undefined) return false;
  await local.remove(PENDING_KEY);
  await clipboard.write('');
  return true;
}
