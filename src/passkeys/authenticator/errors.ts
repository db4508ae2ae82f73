// The one error type the authenticator throws for protocol-level refusals.
// Its `name` is the DOMException name the page must see, so the page script
// can rethrow `new DOMException(err.message, err.name)` without a mapping table.
// Malformed input (wrong types, bad lengths) throws TypeError instead, which is
// also what browsers throw for the same mistakes.

export type WebAuthnErrorName =
  | 'SecurityError'
  | 'NotAllowedError'
  | 'NotSupportedError'
  | 'InvalidStateError'
  | 'ConstraintError';

const NAMES: readonly WebAuthnErrorName[] = [
  'SecurityError',
  'NotAllowedError',
  'NotSupportedError',
  'InvalidStateError',
  'ConstraintError',
];

export class WebAuthnError extends Error {
  override readonly name: WebAuthnErrorName;
  constructor(name: WebAuthnErrorName, message: string) {
    super(message);
    if (!NAMES.includes(name)) throw new TypeError(`WebAuthnError: unknown name ${JSON.stringify(name)}`);
    this.name = name;
  }
}

export function isWebAuthnError(value: unknown, name?: WebAuthnErrorName): value is WebAuthnError {
  return value instanceof WebAuthnError && (name === undefined || value.name === name);
}
