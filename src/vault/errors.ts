// Error classes the rest of the extension can tell apart with `instanceof`,
// so the UI can say "wrong password" rather than "something went wrong".

const INTEGRITY_MESSAGE =
  'The vault data failed its integrity check (wrong key, or the data was corrupted or tampered with)';

/** Authenticated decryption failed, or encrypted data is structurally impossible. */
export class VaultIntegrityError extends Error {
  /** Optional machine-oriented detail; the message stays user-presentable. */
  readonly detail: string | undefined;
  constructor(detail?: string) {
    super(detail === undefined ? INTEGRITY_MESSAGE : `${INTEGRITY_MESSAGE}: ${detail}`);
    this.name = 'VaultIntegrityError';
    this.detail = detail;
  }
}

/**
 * The wrapped vault key did not authenticate under the key derived from the
 * given password. An altered header (salt, KDF settings) ends up here too,
 * because it also derives a different key; the two cannot be told apart.
 */
export class WrongPasswordError extends Error {
  constructor() {
    super('The master password is incorrect.');
    this.name = 'WrongPasswordError';
  }
}

/** Data (vault contents, header, record) does not have the expected shape. */
export class VaultValidationError extends Error {
  /** Dotted path to the offending value, e.g. `items[3].websites[0].match`. */
  readonly path: string;
  constructor(path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.name = 'VaultValidationError';
    this.path = path;
  }
}

/** The vault was written by a newer Latchkey whose format we cannot read. */
export class NewerVaultVersionError extends Error {
  readonly foundVersion: number;
  readonly supportedVersion: number;
  constructor(foundVersion: number, supportedVersion: number) {
    super(
      `This vault was made by a newer Latchkey (vault format version ${foundVersion}); ` +
        `this copy understands formats up to version ${supportedVersion}. Update Latchkey to open it.`,
    );
    this.name = 'NewerVaultVersionError';
    this.foundVersion = foundVersion;
    this.supportedVersion = supportedVersion;
  }
}
