// Import and export. Both are all-or-nothing in the background: a file it cannot
// read is refused with the reason, and the vault stays as it was.
import { useState } from 'preact/hooks';
import { sendRequest } from '../../shared/messaging';
import type { ImportPreviewAnswer, ImportProgressAnswer } from '../../shared/protocol-data';
import { PasswordInput } from './password-input';

/** The background refuses larger files (browser messages have a size limit). */
const MAX_IMPORT_BYTES = 32 * 2 ** 20;

type ExportFormat = 'latchkey' | 'bitwarden-json' | 'kdbx' | 'csv';
type Message = { text: string; role: 'status' | 'alert' } | null;

const FORMATS: { value: ExportFormat; label: string; needsPassword: boolean }[] = [
  { value: 'latchkey', label: 'Latchkey encrypted backup', needsPassword: true },
  { value: 'bitwarden-json', label: 'Bitwarden JSON', needsPassword: false },
  { value: 'kdbx', label: 'KeePass KDBX 4', needsPassword: true },
  { value: 'csv', label: 'CSV', needsPassword: false },
];

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function download(filename: string, mimeType: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

type Preview = ImportPreviewAnswer;
type Progress = ImportProgressAnswer;

const TYPE_NAMES: [keyof Preview['counts'], string, string][] = [
  ['login', 'login', 'logins'],
  ['note', 'note', 'notes'],
  ['card', 'card', 'cards'],
  ['identity', 'identity', 'identities'],
  ['passkey', 'passkey', 'passkeys'],
];

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function describeCounts(counts: Preview['counts']): string {
  const parts = TYPE_NAMES.filter(([type]) => counts[type] > 0).map(([type, one, many]) => plural(counts[type], one, many));
  return parts.length > 0 ? parts.join(', ') : 'no items';
}

function ImportPreviewView({ preview }: { preview: Preview }) {
  return (
    <div role="region" aria-label="Import preview" class="hint">
      <p>
        {preview.source}: {describeCounts(preview.counts)}.
      </p>
      <p>
        {plural(preview.toImport, 'item', 'items')} to import
        {preview.duplicates > 0 && `; ${plural(preview.duplicates, 'item is', 'items are')} already in the vault and will be skipped`}.
        {preview.newFolders.length > 0 && ` New folders: ${preview.newFolders.join(', ')}.`}
      </p>
      {preview.notImportedCount > 0 && (
        <>
          <p>Not imported ({preview.notImportedCount}):</p>
          <ul aria-label="Not imported">
            {preview.notImported.map((entry) => (
              <li>
                {entry.what}: {entry.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export function ImportSettings() {
  const [file, setFile] = useState<File | null>(null);
  const [keyFile, setKeyFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);

  const forget = () => {
    setPreview(null);
    setMessage(null);
  };

  // Step one: read the file and show what importing it would do; nothing changes yet.
  async function submit(event: Event) {
    event.preventDefault();
    if (!file) return setMessage({ text: 'Choose a file to import.', role: 'alert' });
    for (const chosen of [file, keyFile]) {
      if (chosen && chosen.size > MAX_IMPORT_BYTES) {
        return setMessage({ text: `This file is ${(chosen.size / 2 ** 20).toFixed(1)} MiB; Latchkey imports files of up to 32 MiB.`, role: 'alert' });
      }
    }
    setBusy(true);
    setMessage(null);
    setPreview(null);
    try {
      const base64 = toBase64(new Uint8Array(await file.arrayBuffer()));
      const keyFileBase64 = keyFile ? toBase64(new Uint8Array(await keyFile.arrayBuffer())) : undefined;
      setPreview(
        await sendRequest('data.preview', {
          format: 'auto',
          filename: file.name,
          base64,
          ...(password ? { password } : {}),
          ...(keyFileBase64 ? { keyFileBase64 } : {}),
        }),
      );
    } catch (failure) {
      setMessage({ text: (failure as Error).message, role: 'alert' });
    } finally {
      setBusy(false);
    }
  }

  // Step two: import what was previewed, showing progress while the background works.
  async function confirm() {
    if (!preview || !file) return;
    setBusy(true);
    setProgress({ phase: 'reading', done: 0, total: preview.toImport });
    let polling = true;
    const poll = async () => {
      while (polling) {
        await new Promise((resolve) => setTimeout(resolve, 150));
        if (!polling) break;
        try {
          const now = await sendRequest('data.importProgress', {});
          if (polling) setProgress(now);
        } catch {
          break;
        }
      }
    };
    void poll();
    try {
      const { imported, skipped } = await sendRequest('data.import', { format: 'auto', filename: file.name, base64: '', previewId: preview.previewId });
      setPreview(null);
      setMessage({ text: `Imported ${imported} item${imported === 1 ? '' : 's'}${skipped ? `, skipped ${skipped} already in the vault` : ''}.`, role: 'status' });
    } catch (failure) {
      setPreview(null);
      setMessage({ text: (failure as Error).message, role: 'alert' });
    } finally {
      polling = false;
      setProgress(null);
      setBusy(false);
    }
  }

  return (
    <form class="section" onSubmit={submit}>
      <h2>Import</h2>
      <div class="field">
        <label for="import-file">Import file</label>
        <input
          id="import-file"
          type="file"
          accept=".json,.csv,.kdbx,.latchkey,.1pux,.zip"
          onChange={(e) => {
            setFile(e.currentTarget.files?.[0] ?? null);
            forget();
          }}
        />
      </div>
      <PasswordInput
        id="import-password"
        label="File password (encrypted backups, KDBX, Bitwarden encrypted JSON)"
        value={password}
        onInput={(value) => {
          setPassword(value);
          setPreview(null);
        }}
        autoComplete="current-password"
      />
      <div class="field">
        <label for="import-key-file">Key file (KeePass, if the database has one)</label>
        <input
          id="import-key-file"
          type="file"
          onChange={(e) => {
            setKeyFile(e.currentTarget.files?.[0] ?? null);
            setPreview(null);
          }}
        />
      </div>
      {preview && <ImportPreviewView preview={preview} />}
      {progress && (
        <p class="hint">
          <progress aria-label="Import progress" max={1} value={progress.phase === 'done' ? 1 : progress.phase === 'saving' ? 0.6 : 0.2} />{' '}
          {progress.phase === 'saving' ? `Saving ${plural(progress.total, 'item', 'items')}...` : progress.phase === 'done' ? 'Done.' : 'Reading the file...'}
        </p>
      )}
      {message && <p role={message.role} class={message.role === 'alert' ? 'error' : 'hint'}>{message.text}</p>}
      {preview ? (
        <div class="row">
          <button type="button" disabled={busy} onClick={() => void confirm()}>
            Confirm import
          </button>
          <button type="button" disabled={busy} onClick={forget}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="submit" disabled={busy || !file}>
          Import
        </button>
      )}
    </form>
  );
}

export function ExportSettings() {
  const [format, setFormat] = useState<ExportFormat>('latchkey');
  const [filePassword, setFilePassword] = useState('');
  const [master, setMaster] = useState('');
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);
  const chosen = FORMATS.find((candidate) => candidate.value === format)!;

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    try {
      const file = await sendRequest('data.export', {
        format,
        currentMasterPassword: master,
        ...(chosen.needsPassword ? { password: filePassword } : {}),
      });
      download(file.filename, file.mimeType, file.base64);
      setMaster('');
      setMessage({
        text: chosen.needsPassword
          ? `Exported ${file.filename}.`
          : `Exported ${file.filename}. It is not encrypted: keep it safe and delete it when done.${format === 'csv' ? ' CSV holds logins only.' : ''}`,
        role: 'status',
      });
    } catch (failure) {
      setMessage({ text: (failure as Error).message, role: 'alert' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="section" onSubmit={submit}>
      <h2>Export</h2>
      <div class="field">
        <label for="export-format">Export format</label>
        <select id="export-format" value={format} onChange={(e) => setFormat(e.currentTarget.value as ExportFormat)}>
          {FORMATS.map((option) => (
            <option value={option.value}>{option.label}</option>
          ))}
        </select>
      </div>
      {chosen.needsPassword && (
        <PasswordInput id="export-password" label="Password for the exported file" value={filePassword} onInput={setFilePassword} autoComplete="new-password" />
      )}
      <PasswordInput id="export-master" label="Master password to confirm" value={master} onInput={setMaster} autoComplete="current-password" />
      {message && <p role={message.role} class={message.role === 'alert' ? 'error' : 'hint'}>{message.text}</p>}
      <button type="submit" disabled={busy || !master || (chosen.needsPassword && !filePassword)}>
        Export
      </button>
    </form>
  );
}
