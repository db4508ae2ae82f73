// User preferences. Not secret, so kept in storage.local in the clear.
import type { Settings } from '../shared/protocol';
import type { StorageArea } from './storage-area';

const KEY = 'settings';

export const DEFAULT_SETTINGS: Settings = {
  autoLockMinutes: 15,
  lockOnSystemLock: true,
  clipboardClearSeconds: 30,
  fillOnPageLoad: false,
  theme: 'system',
};

/** Browsers fire no alarm sooner than 30 s, so a shorter clipboard delay (from an older version) reads as what happens. */
const MIN_CLIPBOARD_SECONDS = 30;

export async function readSettings(area: StorageArea): Promise<Settings> {
  const stored = (await area.get(KEY))[KEY];
  const settings: Settings = { ...DEFAULT_SETTINGS, ...(typeof stored === 'object' && stored !== null ? stored : {}) };
  if (settings.clipboardClearSeconds > 0 && settings.clipboardClearSeconds < MIN_CLIPBOARD_SECONDS) settings.clipboardClearSeconds = MIN_CLIPBOARD_SECONDS;
  return settings;
}

export async function writeSettings(area: StorageArea, changes: Partial<Settings>): Promise<Settings> {
  const next = { ...(await readSettings(area)), ...changes };
  await area.set({ [KEY]: next });
  return next;
}
