// What the format modules exchange with the rest of Latchkey.
import type { Folder, VaultItem } from '../model';

export type ExportFormat = 'latchkey' | 'bitwarden-json' | 'kdbx' | 'csv';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['latchkey', 'bitwarden-json', 'kdbx', 'csv'];
export type ImportFormat = ExportFormat | 'auto';

/** The names the UI offers. */
export const FORMAT_LABELS: Readonly<Record<ExportFormat, string>> = {
  latchkey: 'Latchkey encrypted backup',
  'bitwarden-json': 'Bitwarden JSON',
  kdbx: 'KeePass KDBX 4',
  csv: 'CSV',
};

/** Formats whose files are protected by a password the person chooses. */
export function needsPassword(format: ExportFormat): boolean {
  return format === 'latchkey' || format === 'kdbx';
}

/**
 * Items read from a file, each already valid per the vault model. Their ids
 * are fresh; folderId refers to `folders` here (not to the vault's folders)
 * and is remapped by name when merged.
 */
export interface ImportedData {
  folders: Folder[];
  items: VaultItem[];
  /** The file's kind, as the preview names it ("LastPass CSV", "KeePass KDBX 3.1"). */
  source?: string;
  /** What the file holds that Latchkey has no place for, and why; never silently dropped. */
  notImported?: NotImported[];
}

export interface NotImported {
  /** Which entry of the file ("CSV line 4 (item 3): \"My alias\""). */
  what: string;
  reason: string;
}

export interface ExportedFile {
  filename: string;
  mimeType: string;
  bytes: Uint8Array;
}

/**
 * Largest file accepted or produced: 32 MiB. Files travel base64-encoded in one
 * extension message, and Chrome refuses messages over 64 MiB; 32 MiB of bytes is
 * about 43 MiB of base64, safely under it. Ten thousand items take a few MiB.
 */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;
