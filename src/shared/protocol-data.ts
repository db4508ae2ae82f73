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

export const dataProtocol = {
  /** Exports the whole vault; the master password is asked again first. */
  'data.export': request<{ format: DataFormat; password?: string; currentMasterPassword: string }, ExportedFileAnswer>(
    ['popup'],
    object({ format, password: optional(password), currentMasterPassword: password }),
  ),
  /** Adds a file's items to the vault, all or nothing. */
  'data.import': request<{ format: DataFormat | 'auto'; filename: string; base64: string; password?: string }, ImportAnswer>(
    ['popup'],
    object({
      format: literal('auto', 'latchkey', 'bitwarden-json', 'kdbx', 'csv'),
      filename: string({ max: 255 }),
      base64: string({ min: 0, max: MAX_BASE64_LENGTH }),
      password: optional(password),
    }),
  ),
} as const;
