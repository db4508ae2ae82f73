// Handlers for the import/export area's requests (src/shared/protocol-data.ts).
import { UserFacingError } from '../../shared/errors';
import type { ErrorCode } from '../../shared/protocol';
import { fromBase64, toBase64 } from '../../vault/bytes';
import { exportVault, FormatError, importFile, MAX_FILE_BYTES, mergeImport, needsPassword } from '../../vault/formats/index';
import type { ExportFormat, FormatErrorKind, ImportFormat } from '../../vault/formats/index';
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

export function createDataHandlers(deps: DataHandlerDeps) {
  const { vault } = deps;
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
    'data.import': async ({ format, filename, base64, password }: { format: ImportFormat; filename: string; base64: string; password?: string }) => {
      // Refuse early while locked: reading a file may cost a slow key derivation.
      await vault.read();
      const bytes = decodeFile(base64);
      const incoming = await asUserFacing(() => importFile(bytes, { format, filename, ...(password !== undefined ? { password } : {}) }));
      // One update: either every new item is saved, or (on any failure) none is.
      return vault.update((draft) => mergeImport(draft, incoming));
    },
  };
}
