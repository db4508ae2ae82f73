// Import and export, by format: the one entry point the background uses.
import { utf8Decode, utf8Encode } from '../bytes';
import type { KdfParams } from '../kdf';
import type { VaultData } from '../model';
import { exportBitwardenJson, importBitwardenJson, isBitwardenJson } from './bitwarden-json';
import { exportCsv, importCsv } from './csv-formats';
import { corrupt, FormatError } from './errors';
import { parseJsonText } from './json-read';
import { exportKdbx, importKdbx, isKdbx } from './kdbx/index';
import { isBackupJson, readBackup, writeBackup } from './latchkey-backup';
import { MAX_FILE_BYTES, needsPassword } from './types';
import type { ExportedFile, ExportFormat, ImportedData, ImportFormat } from './types';

export { FormatError } from './errors';
export type { FormatErrorKind } from './errors';
export { mergeImport, previewImport } from './merge';
export type { ImportPreview } from './merge';
export * from './types';

export interface ExportOptions {
  /** Required for 'latchkey' and 'kdbx'. */
  password?: string;
  /** Argon2id strength for protected exports (the vault's own settings). */
  kdf: KdfParams;
  now?: number;
}

function checkSize(bytes: Uint8Array, what: string): Uint8Array {
  if (bytes.length > MAX_FILE_BYTES) {
    throw new FormatError('too-large', `${what} would be ${(bytes.length / 1024 / 1024).toFixed(1)} MiB; Latchkey handles files up to ${MAX_FILE_BYTES / 1024 / 1024} MiB.`);
  }
  return bytes;
}

export async function exportVault(data: VaultData, format: ExportFormat, options: ExportOptions): Promise<ExportedFile> {
  const now = options.now ?? Date.now();
  const day = new Date(now).toISOString().slice(0, 10);
  if (needsPassword(format) && (options.password === undefined || options.password === '')) {
    throw new FormatError('password-required', 'Choose a password to protect this export.');
  }
  const password = options.password ?? '';
  switch (format) {
    case 'latchkey':
      return {
        filename: `latchkey-backup-${day}.json`,
        mimeType: 'application/json',
        bytes: checkSize(await writeBackup(data, password, options.kdf, now), 'The backup'),
      };
    case 'bitwarden-json':
      return { filename: `latchkey-bitwarden-${day}.json`, mimeType: 'application/json', bytes: checkSize(utf8Encode(exportBitwardenJson(data)), 'The export') };
    case 'kdbx':
      return {
        filename: `latchkey-${day}.kdbx`,
        mimeType: 'application/x-keepass2',
        bytes: checkSize(await exportKdbx(data, { password, kdf: options.kdf }), 'The export'),
      };
    case 'csv':
      return { filename: `latchkey-logins-${day}.csv`, mimeType: 'text/csv', bytes: checkSize(utf8Encode(exportCsv(data)), 'The export') };
  }
}

export interface ImportOptions {
  format: ImportFormat;
  /** Not used to tell the format (that comes from the contents); kept for callers that pass it. */
  filename?: string;
  password?: string;
  /** A KeePass key file's bytes (KDBX only). */
  keyFile?: Uint8Array;
}

function text(bytes: Uint8Array): string {
  try {
    return utf8Decode(bytes);
  } catch {
    return corrupt('The file is not UTF-8 text, so it is not a CSV or JSON export. (A CSV saved by a spreadsheet: save it again as "CSV UTF-8".)');
  }
}

/** Recognises the format from the file's contents alone (a file's name can say anything). */
export function detectFormat(bytes: Uint8Array): ExportFormat {
  if (isKdbx(bytes)) return 'kdbx';
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b) {
    throw new FormatError('unsupported', 'This is a ZIP archive. Export a CSV, JSON or KDBX file instead.');
  }
  const content = text(bytes).replace(/^\uFEFF/, '').trimStart();
  if (content === '') corrupt('The file is empty.');
  if (content.startsWith('[')) throw new FormatError('unsupported', 'This JSON file is neither a Latchkey backup nor a Bitwarden JSON export.');
  if (content.startsWith('{')) {
    const json = parseJsonText(content, 'The file');
    if (isBackupJson(json)) return 'latchkey';
    if (isBitwardenJson(json)) return 'bitwarden-json';
    throw new FormatError('unsupported', 'This JSON file is neither a Latchkey backup nor a Bitwarden JSON export.');
  }
  return 'csv';
}

/** Reads a file into valid items; throws FormatError for anything Latchkey cannot take in full. */
export async function importFile(bytes: Uint8Array, options: ImportOptions): Promise<ImportedData> {
  checkSize(bytes, 'The file');
  const format = options.format === 'auto' ? detectFormat(bytes) : options.format;
  switch (format) {
    case 'kdbx':
      if (!isKdbx(bytes)) corrupt('This is not a KeePass (KDBX) file.');
      return importKdbx(bytes, options.password, options.keyFile);
    case 'latchkey': {
      const json = parseJsonText(text(bytes), 'The backup');
      if (!isBackupJson(json)) corrupt('This is not a Latchkey backup.');
      const data = await readBackup(json, options.password);
      return { folders: data.folders, items: data.items, source: 'Latchkey encrypted backup' };
    }
    case 'bitwarden-json': {
      const json = parseJsonText(text(bytes), 'The Bitwarden file');
      if (!isBitwardenJson(json)) corrupt('This is not a Bitwarden JSON export (it has no "encrypted" flag and "items" list).');
      return { source: 'Bitwarden JSON', ...importBitwardenJson(json) };
    }
    case 'csv':
      return importCsv(text(bytes));
  }
}
