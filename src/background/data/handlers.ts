// Handlers for the import/export area's requests (src/shared/protocol-data.ts).
import { UserFacingError } from '../../shared/errors';
import type { ErrorCode } from '../../shared/protocol';
import { fromBase64, toBase64 } from '../../vault/bytes';
import type { ImportProgressAnswer } from '../../shared/protocol-data';
import { newId } from '../../vault/model';
import { exportVault, FormatError, importFile, MAX_FILE_BYTES, mergeImport, needsPassword, previewImport } from '../../vault/formats/index';
import type { ExportFormat, FormatErrorKind, ImportedData, ImportFormat } from '../../vault/formats/index';
import type { VaultService } from '../vault-service';
import { MIN_MASTER_PASSWORD_LENGTH } from '../vault-service';

export interface DataHandlerDeps {
  vault: VaultService;
}

const CODE_OF: Readonly<Record<FormatErrorKind, ErrorCode>> = {
  corrupt: 'bad-request',
  unsupported: 'bad-request',
  'too-large': 'bad-request',
  // The popup asks for the file's password on either of these.
  'password-required': 'wrong-password',
  'wrong-password': 'wrong-password',
  tampered: 'integrity',
};

/** Format errors carry messages written for the person; pass them on as such. */
async function asUserFacing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof FormatError) throw new UserFacingError(CODE_OF[error.kind], error.message);
    throw error;
  }
}

function decodeFile(base64: string): Uint8Array {
  if (base64.length > Math.ceil(MAX_FILE_BYTES / 3) * 4) {
    throw new UserFacingError('bad-request', `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB; Latchkey imports files up to that size.`);
  }
  try {
    return fromBase64(base64);
  } catch {
    throw new UserFacingError('bad-request', 'The file did not arrive intact (its base64 encoding is damaged).');
  }
}

interface FileRequest {
  format: ImportFormat;
  filename: string;
  base64: string;
  password?: string;
  keyFileBase64?: string;
}

/** A previewed file waits this long for its import; then it is forgotten. */
const PREVIEW_LIFETIME_MS = 10 * 60 * 1000;

// The file last previewed, read and checked, so importing it does not read (or decrypt) it again.
let pending: { id: string; incoming: ImportedData; expires: number } | null = null;

/** On lock: a previewed file's decrypted items go too (background/lock.ts). */
export function forgetPendingImport(): void {
  pending = null;
}

export function createDataHandlers(deps: DataHandlerDeps) {
  const { vault } = deps;
  let progress: ImportProgressAnswer = { phase: 'idle', done: 0, total: 0 };

  async function readFile(request: FileRequest): Promise<ImportedData> {
    const bytes = decodeFile(request.base64);
    const keyFile = request.keyFileBase64 === undefined ? undefined : decodeFile(request.keyFileBase64);
    return asUserFacing(() =>
      importFile(bytes, {
        format: request.format,
        filename: request.filename,
        ...(request.password !== undefined ? { password: request.password } : {}),
        ...(keyFile !== undefined ? { keyFile } : {}),
      }),
    );
  }

  function takePending(previewId: string): ImportedData {
    const found = pending !== null && pending.id === previewId && pending.expires > Date.now() ? pending.incoming : null;
    pending = null;
    if (found === null) throw new UserFacingError('bad-request', 'This preview is no longer available: choose the file again.');
    return found;
  }

  return {
    'data.export': async ({ format, password, currentMasterPassword }: { format: ExportFormat; password?: string; currentMasterPassword: string }) => {
      await vault.verifyMasterPassword(currentMasterPassword);
      if (needsPassword(format)) {
        if (password === undefined) throw new UserFacingError('bad-request', 'Choose a password to protect this export.');
        if ([...password].length < MIN_MASTER_PASSWORD_LENGTH) {
          throw new UserFacingError('weak-password', `The export password must have at least ${MIN_MASTER_PASSWORD_LENGTH} characters.`);
        }
      }
      const data = await vault.read();
      const kdf = await vault.kdf();
      const file = await asUserFacing(() => exportVault(data, format, { kdf, ...(needsPassword(format) && password !== undefined ? { password } : {}) }));
      return { filename: file.filename, mimeType: file.mimeType, base64: toBase64(file.bytes) };
    },
    'data.preview': async (request: FileRequest) => {
      // Refuse early while locked: reading a file may cost a slow key derivation.
      pending = null;
      await vault.read();
      const incoming = await readFile(request);
      // The vault may have been locked while the file was read.
      const preview = previewImport(await vault.read(), incoming);
      const id = newId();
      pending = { id, incoming, expires: Date.now() + PREVIEW_LIFETIME_MS };
      return { previewId: id, ...preview };
    },
    'data.import': async (request: FileRequest & { previewId?: string }) => {
      try {
        await vault.read();
      } catch (error) {
        pending = null;
        throw error;
      }
      progress = { phase: 'reading', done: 0, total: 0 };
      try {
        const incoming = request.previewId !== undefined ? takePending(request.previewId) : await readFile(request);
        progress = { phase: 'saving', done: 0, total: incoming.items.length };
        // One update: either every new item is saved, or (on any failure) none is.
        const result = await vault.update((draft) => mergeImport(draft, incoming));
        progress = { phase: 'done', done: incoming.items.length, total: incoming.items.length };
        return result;
      } catch (error) {
        progress = { phase: 'idle', done: 0, total: 0 };
        throw error;
      }
    },
    'data.importProgress': async () => progress,
  };
}
