// Import and export. Both are all-or-nothing in the background: a file it cannot
// read is refused with the reason, and the vault stays as it was.
import { useState } from 'preact/hooks';
import { sendRequest } from '../../shared/messaging';
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

export function ImportSettings() {
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (!file) return setMessage({ text: 'Choose a file to import.', role: 'alert' });
    if (file.size > MAX_IMPORT_BYTES) {
      return setMessage({ text: `This file is ${(file.size / 2 ** 20).toFixed(1)} MiB; Latchkey imports files of up to 32 MiB.`, role: 'alert' });
    }
    setBusy(true);
    try {
      const base64 = toBase64(new Uint8Array(await file.arrayBuffer()));
      const { imported, skipped } = await sendRequest('data.import', { format: 'auto', filename: file.name, base64, ...(password ? { password } : {}) });
      setMessage({ text: `Imported ${imported} item${imported === 1 ? '' : 's'}${skipped ? `, skipped ${skipped} already in the vault` : ''}.`, role: 'status' });
    } catch (failure) {
      setMessage({ text: (failure as Error).message, role: 'alert' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="section" onSubmit={submit}>
      <h2>Import</h2>
      <div class="field">
        <label for="import-file">Import file</label>
        <input id="import-file" type="file" accept=".json,.csv,.kdbx,.latchkey" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
      </div>
      <PasswordInput id="import-password" label="File password (encrypted backups and KDBX)" value={password} onInput={setPassword} autoComplete="current-password" />
      {message && <p role={message.role} class={message.role === 'alert' ? 'error' : 'hint'}>{message.text}</p>}
      <button type="submit" disabled={busy || !file}>Import</button>
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
