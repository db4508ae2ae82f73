import { useEffect, useState } from 'preact/hooks';
import type { DiagnosticsInfo, Settings } from '../../shared/protocol';
import { sendRequest } from '../../shared/messaging';
import { applyTheme } from '../theme';
import { ExportSettings, ImportSettings } from './data-settings';
import { SyncSettings } from './sync-settings';

const CLIPBOARD_DELAYS: [number, string][] = [
  [30, '30 seconds'],
  [60, '1 minute'],
  [120, '2 minutes'],
  [300, '5 minutes'],
  [600, '10 minutes'],
  [0, 'Never'],
];
import { ChangeMasterPassword, KdfStrength } from './security-settings';

export function SettingsView({ onBack }: { onBack: () => void }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [info, setInfo] = useState<DiagnosticsInfo | null>(null);
  const [message, setMessage] = useState<{ text: string; role: 'status' | 'alert' } | null>(null);

  const [passkeysEnabled, setPasskeysEnabled] = useState<boolean | null>(null);
  useEffect(() => {
    void sendRequest('passkeys.settings', {}).then(({ enabled }) => setPasskeysEnabled(enabled));
    void sendRequest('settings.get', {}).then(setSettings);
    void sendRequest('diagnostics.info', {}).then(setInfo);
  }, []);

  async function change(changes: Partial<Settings>) {
    try {
      setSettings(await sendRequest('settings.set', changes));
      setMessage({ text: 'Saved', role: 'status' });
    } catch (failure) {
      setMessage({ text: (failure as Error).message, role: 'alert' });
    }
  }

  if (!settings) return <p class="loading">Loading…</p>;
  return (
    <div class="screen">
      <header class="toolbar">
        <button type="button" onClick={onBack}>Back</button>
        <h1>Settings</h1>
      </header>
      <div class="field">
        <label for="auto-lock">Auto-lock</label>
        <select id="auto-lock" value={String(settings.autoLockMinutes)} onChange={(e) => change({ autoLockMinutes: Number(e.currentTarget.value) })}>
          {[1, 5, 15, 30, 60, 240, 0].map((minutes) => (
            <option value={String(minutes)}>{minutes === 0 ? 'Never (until the browser closes)' : `After ${minutes} min without use`}</option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="theme">Theme</label>
        <select
          id="theme"
          value={settings.theme}
          onChange={(e) => {
            const theme = e.currentTarget.value as Settings['theme'];
            applyTheme(theme);
            void change({ theme });
          }}
        >
          <option value="system">Follow the system</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </div>
      <label class="check">
        <input type="checkbox" checked={settings.lockOnSystemLock} onChange={(e) => change({ lockOnSystemLock: e.currentTarget.checked })} />
        Lock when the computer locks
      </label>
      <div class="field">
        {/* Only delays the browser can keep: its alarms fire no sooner than 30 s. */}
        <label for="clipboard-clear">Clear copied passwords after</label>
        <select id="clipboard-clear" value={String(settings.clipboardClearSeconds)} onChange={(e) => change({ clipboardClearSeconds: Number(e.currentTarget.value) })}>
          {CLIPBOARD_DELAYS.filter(([seconds]) => seconds !== settings.clipboardClearSeconds).length === CLIPBOARD_DELAYS.length && (
            <option value={String(settings.clipboardClearSeconds)}>{settings.clipboardClearSeconds} seconds</option>
          )}
          {CLIPBOARD_DELAYS.map(([seconds, label]) => (
            <option key={seconds} value={String(seconds)}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <label class="check">
        <input type="checkbox" checked={settings.fillOnPageLoad} onChange={(e) => change({ fillOnPageLoad: e.currentTarget.checked })} />
        Fill on page load (only a single exact match, only in the top frame)
      </label>
      {message && <p role={message.role}>{message.text}</p>}
      {passkeysEnabled !== null && (
        <label class="check">
          <input
            type="checkbox"
            checked={passkeysEnabled}
            onChange={async (e) => setPasskeysEnabled((await sendRequest('passkeys.setSettings', { enabled: e.currentTarget.checked })).enabled)}
          />
          Use Latchkey for passkeys
        </label>
      )}
      <SyncSettings />
      <ImportSettings />
      <ExportSettings />
      <ChangeMasterPassword />
      <KdfStrength />
      {info && (
        <p class="hint about">
          Latchkey {info.version} · background running since {new Date(info.backgroundStartedAt).toLocaleTimeString()}
        </p>
      )}
    </div>
  );
}
