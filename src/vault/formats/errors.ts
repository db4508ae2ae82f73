// Why an import or export was refused. Every message is written for the person
// using Latchkey: it names the file's problem precisely and never a secret value.

export type FormatErrorKind =
  /** The file is damaged or is not what it claims to be. */
  | 'corrupt'
  /** A real file of a kind or version Latchkey does not read. */
  | 'unsupported'
  /** The file is protected and no password was given. */
  | 'password-required'
  /** The password does not open the file. */
  | 'wrong-password'
  /** The password is right but the contents fail their integrity check. */
  | 'tampered'
  /** The file or export is larger than Latchkey handles. */
  | 'too-large';

export class FormatError extends Error {
  constructor(
    readonly kind: FormatErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'FormatError';
  }
}

export function corrupt(message: string): never {
  throw new FormatError('corrupt', message);
}
