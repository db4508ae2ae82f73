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

export async function readSettings(area: StorageArea): Promise<Settings> {
  const stored = (await area.get(KEY))[KEY];
  return { ...DEFAULT_SETTINGS, ...(typeof stored === 'object' && stored !== null ? stored : {}) };
}

export async function writeSettings(area: StorageArea, changes: Partial<Settings>): Promise<Settings> {
  const next = { ...(await readSettings(area)), ...changes };
  await area.set({ [KEY]: next });
  return next;
}
