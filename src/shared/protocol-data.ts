// Requests of the import/export area: see src/vault/formats/.
import { request } from './request';
import { literal, object, optional, string } from './validate';

export type DataFormat = 'latchkey' | 'bitwarden-json' | 'kdbx' | 'csv';

export interface ExportedFileAnswer {
  filename: string;
  mimeType: string;
  /** The file's bytes, standard base64 (binary-safe through messaging). */
  base64: string;
}

/** What a file holds and what importing it would do; nothing has changed yet. */
export interface ImportPreviewAnswer {
  /** Hands the file already read to data.import, so it is not read (or decrypted) twice. */
  previewId: string;
  /** The file's kind, detected from its contents ("LastPass CSV"). */
  source: string;
  counts: { login: number; note: number; card: number; identity: number; passkey: number };
  toImport: number;
  /** Already in the vault (or repeated in the file): skipped, never doubled. */
  duplicates: number;
  newFolders: string[];
  /** What will not be imported and why (the first 50; notImportedCount says how many in all). */
  notImported: { what: string; reason: string }[];
  notImportedCount: number;
}

/** How far the running import has come. */
export interface ImportProgressAnswer {
  phase: 'idle' | 'reading' | 'saving' | 'done';
  done: number;
  total: number;
}

export interface ImportAnswer {
  imported: number;
  /** Items already in the vault (or repeated in the file), not added again. */
  skipped: number;
}

/**
 * Files are limited to 32 MiB (MAX_FILE_BYTES in src/vault/formats/types.ts); the handler says so
 * in words. This looser cap only stops absurd payloads before they reach it.
 */
const MAX_BASE64_LENGTH = 2 * Math.ceil((32 * 1024 * 1024) / 3) * 4;
const format = literal('latchkey', 'bitwarden-json', 'kdbx', 'csv');
const password = string({ min: 1, max: 4096 });
const fileRequest = {
  format: literal('auto', 'latchkey', 'bitwarden-json', 'kdbx', 'csv'),
  filename: string({ max: 255 }),
  base64: string({ min: 0, max: MAX_BASE64_LENGTH }),
  password: optional(password),
  /** A KeePass key file, base64 (key files are small; 1 MiB is far more than any). */
  keyFileBase64: optional(string({ min: 1, max: 1_400_000 })),
};
type FileRequest = { format: DataFormat | 'auto'; filename: string; base64: string; password?: string; keyFileBase64?: string };

export const dataProtocol = {
  /** Exports the whole vault; the master password is asked again first. */
  'data.export': request<{ format: DataFormat; password?: string; currentMasterPassword: string }, ExportedFileAnswer>(
    ['popup'],
    object({ format, password: optional(password), currentMasterPassword: password }),
  ),
  /** Reads a file and says what importing it would do, changing nothing. */
  'data.preview': request<FileRequest, ImportPreviewAnswer>(['popup'], object(fileRequest)),
  /**
   * Adds a file's items to the vault, all or nothing: the file previewed as `previewId`
   * (base64 may then be empty), or the file sent.
   */
  'data.import': request<FileRequest & { previewId?: string }, ImportAnswer>(
    ['popup'],
    object({ ...fileRequest, previewId: optional(string({ min: 1, max: 64 })) }),
  ),
  /** The running import's progress, for the popup to show while it waits. */
  'data.importProgress': request<Record<string, never>, ImportProgressAnswer>(['popup'], object({})),
} as const;
