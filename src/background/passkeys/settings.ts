// Whether Latchkey answers WebAuthn requests. Its own key in storage.local, so
// turning passkeys off never touches the other settings.
import type { PasskeySettings } from '../../shared/protocol-passkeys';
import type { StorageArea } from '../storage-area';

const KEY = 'passkeys.settings';
const DEFAULTS: PasskeySettings = { enabled: true };

export async function readPasskeySettings(area: StorageArea): Promise<PasskeySettings> {
  const stored = (await area.get(KEY))[KEY] as Partial<PasskeySettings> | undefined;
  return { enabled: typeof stored?.enabled === 'boolean' ? stored.enabled : DEFAULTS.enabled };
}

export async function writePasskeySettings(area: StorageArea, next: PasskeySettings): Promise<PasskeySettings> {
  await area.set({ [KEY]: { enabled: next.enabled } });
  return readPasskeySettings(area);
}
