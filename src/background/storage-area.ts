// The slice of storage.local / storage.session the background needs, so the
// vault store can be exercised against a failing or in-memory area in tests.
//
// Where "local" data (the encrypted vault, settings, counters) lives, so that no
// content script can read or write it:
// - Chrome: storage.local, restricted to trusted contexts (setAccessLevel) before
//   anything is read or written.
// - Firefox (no access levels for storage.local; content scripts can use it): an
//   IndexedDB store of the extension's origin, filled once from storage.local.
// storage.session is trusted-only by default in both browsers.
import browser from 'webextension-polyfill';
import { idbArea } from './idb-area';
import { migrateArea, whenReady } from './storage-migration';

export interface StorageArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

interface AccessLevelArea {
  setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' | 'TRUSTED_AND_UNTRUSTED_CONTEXTS' }) => Promise<void>;
}

/** Firefox alone has runtime.getBrowserInfo; the choice of store must not depend on anything that can change. */
const isFirefox = typeof (browser.runtime as { getBrowserInfo?: unknown }).getBrowserInfo === 'function';
const chromeStorage = (globalThis as { chrome?: { storage?: Record<string, AccessLevelArea | undefined> } }).chrome?.storage;

/**
 * Chrome 140+ restricts any storage area to trusted contexts; older Chrome only
 * storage.session (and refuses for the others). The level lasts while the extension
 * runs, so it is set again at every start of the background.
 */
async function trustedOnly(name: 'local' | 'sync'): Promise<void> {
  const area = chromeStorage?.[name];
  if (typeof area?.setAccessLevel !== 'function') return;
  try {
    await area.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
  } catch (error) {
    console.warn(`Latchkey: storage.${name} stays readable by content scripts in this browser`, error instanceof Error ? error.message : '');
  }
}

const firefoxLocal = isFirefox ? idbArea() : null;

export const localArea: StorageArea = firefoxLocal
  ? whenReady(firefoxLocal, () => migrateArea(browser.storage.local, firefoxLocal))
  : whenReady(browser.storage.local, () => trustedOnly('local'));

export const sessionArea: StorageArea = browser.storage.session;

/** Where the rollback witness lives: storage.sync (trusted contexts only in Chrome where it can be), or nothing. */
export const witnessArea: StorageArea | null = browser.storage.sync
  ? whenReady(browser.storage.sync, () => trustedOnly('sync'))
  : null;

/** Settles once the local area is ready (access level set, or data moved); the background awaits it at start. */
export const localAreaReady = (): Promise<void> => (localArea as ReturnType<typeof whenReady>).ready();
