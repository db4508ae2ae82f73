// Reads the WebAuthn options a page sent (JSON form, base64url binaries) into
// the authenticator's request types. Everything from the page is untrusted:
// unknown shapes are refused with TypeError, never guessed at.
import { fromBase64Url } from '../../vault/bytes';
import type { CredentialDescriptor, GetAssertionRequest, MakeCredentialRequest } from '../../passkeys/authenticator';

const MAX_TEXT = 1024;
const MAX_LIST = 64;
const MAX_BINARY = 2048;

export type CreateOptions = Omit<MakeCredentialRequest, 'origin' | 'sameOriginWithAncestors' | 'topOrigin'>;
export type GetOptions = Omit<GetAssertionRequest, 'origin' | 'sameOriginWithAncestors' | 'topOrigin'>;

function record(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError(`${name} must be an object`);
  return value as Record<string, unknown>;
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length > MAX_TEXT) throw new TypeError(`${name} must be a string of at most ${MAX_TEXT} characters`);
  return value;
}

function optionalText(value: unknown, name: string): string | undefined {
  return value === undefined ? undefined : text(value, name);
}

function binary(value: unknown, name: string): Uint8Array {
  if (typeof value !== 'string' || value.length > (MAX_BINARY * 4) / 3 + 4) throw new TypeError(`${name} must be base64url`);
  try {
    return fromBase64Url(value);
  } catch {
    throw new TypeError(`${name} must be base64url`);
  }
}

function list<T>(value: unknown, name: string, item: (entry: unknown, at: string) => T): T[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length > MAX_LIST) throw new TypeError(`${name} must be a list of at most ${MAX_LIST}`);
  return value.map((entry, index) => item(entry, `${name}[${index}]`));
}

function descriptor(value: unknown, name: string): CredentialDescriptor {
  const d = record(value, name);
  const transports = list(d.transports, `${name}.transports`, (t, at) => text(t, at));
  return { id: binary(d.id, `${name}.id`), type: text(d.type ?? 'public-key', `${name}.type`), ...(transports ? { transports } : {}) };
}

export function parseCreateOptions(value: unknown): CreateOptions {
  const o = record(value, 'options');
  const rp = record(o.rp, 'options.rp');
  const user = record(o.user, 'options.user');
  const selection = o.authenticatorSelection === undefined ? undefined : record(o.authenticatorSelection, 'options.authenticatorSelection');
  const rpId = optionalText(rp.id, 'options.rp.id');
  return {
    rp: { name: text(rp.name, 'options.rp.name'), ...(rpId !== undefined ? { id: rpId } : {}) },
    user: {
      id: binary(user.id, 'options.user.id'),
      name: text(user.name, 'options.user.name'),
      displayName: text(user.displayName ?? '', 'options.user.displayName'),
    },
    challenge: binary(o.challenge, 'options.challenge'),
    pubKeyCredParams:
      list(o.pubKeyCredParams, 'options.pubKeyCredParams', (p, at) => {
        const param = record(p, at);
        if (typeof param.alg !== 'number') throw new TypeError(`${at}.alg must be a number`);
        return { type: text(param.type, `${at}.type`), alg: param.alg };
      }) ?? [],
    excludeCredentials: list(o.excludeCredentials, 'options.excludeCredentials', descriptor) ?? [],
    ...(selection
      ? {
          authenticatorSelection: {
            userVerification: optionalText(selection.userVerification, 'userVerification'),
            residentKey: optionalText(selection.residentKey, 'residentKey'),
            authenticatorAttachment: optionalText(selection.authenticatorAttachment, 'authenticatorAttachment'),
          },
        }
      : {}),
  };
}

export function parseGetOptions(value: unknown): GetOptions {
  const o = record(value, 'options');
  const rpId = optionalText(o.rpId, 'options.rpId');
  const userVerification = optionalText(o.userVerification, 'options.userVerification');
  return {
    challenge: binary(o.challenge, 'options.challenge'),
    allowCredentials: list(o.allowCredentials, 'options.allowCredentials', descriptor) ?? [],
    ...(rpId !== undefined ? { rpId } : {}),
    ...(userVerification !== undefined ? { userVerification } : {}),
  };
}

/** The user verification the relying party asked for, whatever the operation. */
export function userVerificationOf(operation: 'create' | 'get', options: CreateOptions | GetOptions): string | undefined {
  return operation === 'create' ? (options as CreateOptions).authenticatorSelection?.userVerification : (options as GetOptions).userVerification;
}
