// Sync settings (ui-contract "sync settings"): the method, the WebDAV server, "Sync now",
// the interval, and the last outcome. "Sync now" keeps what is typed and syncs at once.
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { sendRequest } from '../../shared/messaging';
import type { SyncMethodName, SyncOutcome, SyncView } from '../../shared/protocol-sync';

const INTERVALS: [number, string][] = [
  [5, 'Every 5 minutes'],
  [15, 'Every 15 minutes'],
  [60, 'Every hour'],
  [0, 'Only when I choose Sync now'],
];

function isLocal(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
}

/** Asks for access to the server's origin, within the click (the browser only asks during a gesture). */
function requestHostAccess(webdavUrl: string): Promise<boolean> {
  let origin: string;
  try {
    origin = new URL(webdavUrl.trim()).origin;
  } catch {
    return Promise.resolve(true); // the background says what is wrong with the URL
  }
  return browser.permissions.request({ origins: [`${origin}/*`] }).catch(() => true);
}

export function SyncSettings() {
  const [view, setView] = useState<SyncView | null>(null);
  const [method, setMethod] = useState<SyncMethodName>('off');
  const [url, setUrl] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [interval, setInterval] = useState(15);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<SyncOutcome | null>(null);

  useEffect(() => {
    void sendRequest('sync.get', {}).then((loaded) => {
      setView(loaded);
      setMethod(loaded.method);
      setUrl(loaded.webdavUrl);
      setUsername(loaded.webdavUsername);
      setInterval(loaded.intervalMinutes);
      setOutcome(loaded.last);
    }).catch(() => setView(null));
  }, []);

  async function syncNow() {
    // The permission request must come first, inside the click.
    const access = method === 'webdav' ? requestHostAccess(url) : Promise.resolve(true);
    setBusy(true);
    try {
      if (!(await access)) {
        setOutcome({ ok: false, at: Date.now(), message: 'Sync needs access to the WebDAV server: allow it when the browser asks.' });
        return;
      }
      const next = await sendRequest('sync.now', { method, webdavUrl: url, webdavUsername: username, webdavPassword: password, intervalMinutes: interval });
      setView(next);
      setPassword('');
      setOutcome(method === 'off' ? { ok: true, at: Date.now(), message: 'Sync is off. Saved.' } : next.last);
    } catch (failure) {
      setOutcome({ ok: false, at: Date.now(), message: (failure as Error).message });
    } finally {
      setBusy(false);
    }
  }

  if (!view) return null;
  let insecure = false;
  try {
    const parsed = new URL(url.trim());
    insecure = parsed.protocol === 'http:' && !isLocal(parsed);
  } catch {
    insecure = false;
  }
  return (
    <section class="sync-settings" aria-labelledby="sync-heading">
      <h2 id="sync-heading">Sync</h2>
      <div class="field">
        <label for="sync-method">Sync method</label>
        <select id="sync-method" value={method} onChange={(e) => setMethod(e.currentTarget.value as SyncMethodName)}>
          <option value="off">Off</option>
          <option value="webdav">WebDAV</option>
          <option value="browser">Browser sync</option>
        </select>
      </div>
      {method === 'browser' && (
        <p class="hint">An encrypted copy in your browser account’s sync storage, for the same browser on other computers. It holds small vaults only (about 45 KB, some 150 to 200 logins); WebDAV has no such limit.</p>
      )}
      {(method === 'webdav' || method === 'browser') && (
        <div class="field">
          <label for="sync-interval">Sync automatically</label>
          <select id="sync-interval" value={String(interval)} onChange={(e) => setInterval(Number(e.currentTarget.value))}>
            {INTERVALS.map(([minutes, label]) => (
              <option key={minutes} value={String(minutes)}>
                {label}
              </option>
            ))}
          </select>
        </div>
      )}
      {method === 'webdav' && (
        <>
          <div class="field">
            <label for="webdav-url">WebDAV URL</label>
            <input id="webdav-url" type="url" value={url} placeholder="https://cloud.example.com/remote.php/dav/files/me/" onInput={(e) => setUrl(e.currentTarget.value)} />
            <p class="hint">A folder (Latchkey keeps latchkey.kdbx in it) or a .kdbx file. KeePassXC opens the same file with your master password.</p>
            {insecure && <p class="hint warning">http:// sends the WebDAV password and the file unprotected: use https://.</p>}
          </div>
          <div class="field">
            <label for="webdav-username">WebDAV username</label>
            <input id="webdav-username" type="text" autocomplete="username" value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="webdav-password">WebDAV password</label>
            <input
              id="webdav-password"
              type="password"
              autocomplete="current-password"
              value={password}
              placeholder={view.hasWebdavPassword ? 'Saved (type to replace)' : ''}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </div>
        </>
      )}
      <button type="button" onClick={() => void syncNow()} disabled={busy}>
        Sync now
      </button>
      {busy && <p class="hint">Syncing…</p>}
      {!busy && outcome && <p role={outcome.ok ? 'status' : 'alert'}>{outcome.message}</p>}
    </section>
  );
}
