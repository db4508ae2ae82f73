// The authenticator operations (WebAuthn L3 §6.3.2 authenticatorMakeCredential
// and §6.3.3 authenticatorGetAssertion, merged with the client-side steps of
// §5.1.3/§5.1.4 that a browser would normally do) on plain data. Storage, UI
// and user verification are the caller's job: it passes in what the user
// approved and stores what comes back.

import { sha256 } from '@noble/hashes/sha2.js';
import { bytesEqual, concatBytes, fromBase64, fromBase64Url, randomBytes, toBase64, toBase64Url } from '../../vault/bytes';
import type { PasskeyItem } from '../../vault/model';
import { buildAuthenticatorData, LATCHKEY_AAGUID } from './authenticator-data';
import { encodeCbor, type CborValue } from './cbor';
import { buildClientDataJSON } from './client-data';
import { chooseAlgorithm, generateCredentialKey, isSupportedAlgorithm, sign, type PublicKeyCredentialParameters } from './cose';
import { WebAuthnError } from './errors';
import { validateRpId } from './rp-id';

/** 128 random bits: unguessable and collision-free, still short in the vault. */
export const CREDENTIAL_ID_LENGTH = 16;
/** WebAuthn §5.4.3: user.id is 1..64 bytes. */
const MAX_USER_ID_LENGTH = 64;
/** Authenticators may truncate names (§6.4.1); we keep them generous but bounded. */
export const MAX_NAME_LENGTH = 256;
const MAX_SIGN_COUNT = 0xffffffff;

export type Transport = 'internal' | 'hybrid';
export const TRANSPORTS: readonly Transport[] = ['internal', 'hybrid'];

export type UserVerificationRequirement = 'required' | 'preferred' | 'discouraged';

export interface CredentialDescriptor {
  id: Uint8Array;
  type?: string;
  transports?: string[];
}

export interface AuthenticatorSelection {
  authenticatorAttachment?: string;
  residentKey?: string;
  requireResidentKey?: boolean;
  userVerification?: string;
}

export interface MakeCredentialRequest {
  /** True origin of the calling frame, established by the extension. */
  origin: string;
  /** Unused while cross-origin calls are refused; kept so callers can pass it already. */
  topOrigin?: string;
  sameOriginWithAncestors: boolean;
  rp: { id?: string; name: string };
  user: { id: Uint8Array; name: string; displayName: string };
  challenge: Uint8Array;
  pubKeyCredParams: PublicKeyCredentialParameters[];
  excludeCredentials?: CredentialDescriptor[];
  authenticatorSelection?: AuthenticatorSelection;
  /** Ignored: Latchkey always returns "none" attestation. */
  attestation?: string;
}

export interface MakeCredentialContext {
  /** Passkeys already stored for this rpId (others are ignored). */
  existingPasskeys: PasskeyItem[];
  /** Whether the user was verified (master password, OS biometrics) for this operation. */
  userVerified: boolean;
  /** Vault items are synced and backed up, so every credential is backup eligible. */
  backupEligible: true;
}

/** The credential-specific fields of a new PasskeyItem, ready for newItem('passkey', ...). */
export type NewPasskeyFields = Pick<
  PasskeyItem,
  'rpId' | 'rpName' | 'userName' | 'userDisplayName' | 'userHandle' | 'credentialId' | 'algorithm' | 'privateKey' | 'signCount' | 'discoverable'
>;

export interface AttestationResponse {
  credentialId: Uint8Array;
  clientDataJSON: Uint8Array;
  attestationObject: Uint8Array;
  authenticatorData: Uint8Array;
  publicKeySpki: Uint8Array;
  publicKeyAlgorithm: number;
  transports: Transport[];
}

export interface MakeCredentialResult {
  passkey: NewPasskeyFields;
  response: AttestationResponse;
}

export interface GetAssertionRequest {
  origin: string;
  topOrigin?: string;
  sameOriginWithAncestors: boolean;
  rpId?: string;
  challenge: Uint8Array;
  allowCredentials?: CredentialDescriptor[];
  userVerification?: string;
}

export interface GetAssertionContext {
  userVerified: boolean;
}

export interface AssertionResponse {
  credentialId: Uint8Array;
  clientDataJSON: Uint8Array;
  authenticatorData: Uint8Array;
  signature: Uint8Array;
  userHandle: Uint8Array;
}

export interface GetAssertionResult {
  response: AssertionResponse;
  /** Store this as the passkey's signCount. */
  newSignCount: number;
}

// ---------------------------------------------------------------------------
// Input checks

function assertObject(value: unknown, name: string): asserts value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) throw new TypeError(`${name} must be an object`);
}

function assertBytesArg(value: unknown, name: string, min = 0, max = Number.MAX_SAFE_INTEGER): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) throw new TypeError(`${name} must be a Uint8Array`);
  if (value.length < min || value.length > max) throw new TypeError(`${name} must be ${min}..${max} bytes, got ${value.length}`);
}

function assertString(value: unknown, name: string): asserts value is string {
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string`);
}

function assertBoolean(value: unknown, name: string): asserts value is boolean {
  if (typeof value !== 'boolean') throw new TypeError(`${name} must be a boolean`);
}

/** Cuts at a code point boundary so no half surrogate pair is stored. */
function truncateName(text: string): string {
  const codePoints = Array.from(text);
  return codePoints.length <= MAX_NAME_LENGTH ? text : codePoints.slice(0, MAX_NAME_LENGTH).join('');
}

function descriptorIds(list: unknown, name: string): Uint8Array[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new TypeError(`${name} must be an array`);
  return list.map((d: unknown, i) => {
    assertObject(d, `${name}[${i}]`);
    assertBytesArg(d.id, `${name}[${i}].id`);
    return d.id;
  });
}

/**
 * Our page script answers inside every frame, so the browser's permissions
 * policy check (publickey-credentials-create/get) never runs and we cannot
 * see the embedder's policy; refusing cross-origin frames is the safe default.
 */
function refuseCrossOrigin(sameOriginWithAncestors: unknown, operation: string): void {
  assertBoolean(sameOriginWithAncestors, `${operation}: sameOriginWithAncestors`);
  if (!sameOriginWithAncestors) {
    throw new WebAuthnError('NotAllowedError', `${operation} is not allowed from a frame whose origin differs from its ancestors'`);
  }
}

function requireUserVerification(requirement: unknown, userVerified: boolean, operation: string): void {
  if (requirement === 'required' && !userVerified) {
    throw new WebAuthnError('NotAllowedError', `${operation}: the relying party requires user verification, which did not happen`);
  }
}

function decodeStored(text: string, decode: (t: string) => Uint8Array, field: string): Uint8Array {
  try {
    return decode(text);
  } catch (error) {
    throw new TypeError(`passkey.${field} is not valid: ${(error as Error).message}`);
  }
}

// ---------------------------------------------------------------------------
// Operations

export async function makeCredential(request: MakeCredentialRequest, context: MakeCredentialContext): Promise<MakeCredentialResult> {
  assertObject(request, 'makeCredential request');
  assertObject(context, 'makeCredential context');
  refuseCrossOrigin(request.sameOriginWithAncestors, 'Creating a passkey');
  assertObject(request.rp, 'request.rp');
  assertString(request.rp.name, 'request.rp.name');
  assertObject(request.user, 'request.user');
  assertBytesArg(request.user.id, 'request.user.id', 1, MAX_USER_ID_LENGTH);
  assertString(request.user.name, 'request.user.name');
  assertString(request.user.displayName, 'request.user.displayName');
  assertBytesArg(request.challenge, 'request.challenge');
  if (!Array.isArray(context.existingPasskeys)) throw new TypeError('context.existingPasskeys must be an array');
  assertBoolean(context.userVerified, 'context.userVerified');
  if (context.backupEligible !== true) throw new TypeError('context.backupEligible must be true');
  if (request.authenticatorSelection !== undefined) assertObject(request.authenticatorSelection, 'request.authenticatorSelection');

  const rpId = validateRpId(request.origin, request.rp.id);
  const alg = chooseAlgorithm(request.pubKeyCredParams);

  // §6.3.2 step 3: an excluded credential already here means "you are registered".
  const excluded = descriptorIds(request.excludeCredentials, 'request.excludeCredentials');
  const existing = context.existingPasskeys.filter((p) => p.rpId === rpId);
  for (const passkey of existing) {
    const id = decodeStored(passkey.credentialId, fromBase64Url, 'credentialId');
    if (excluded.some((e) => bytesEqual(e, id))) {
      throw new WebAuthnError('InvalidStateError', `A passkey for this account on ${rpId} is already stored in Latchkey`);
    }
  }
  requireUserVerification(request.authenticatorSelection?.userVerification, context.userVerified, 'Creating a passkey');

  const key = await generateCredentialKey(alg);
  const credentialId = randomBytes(CREDENTIAL_ID_LENGTH);
  const authenticatorData = buildAuthenticatorData({
    rpId,
    userPresent: true,
    userVerified: context.userVerified,
    backupEligible: true,
    backupState: true,
    signCount: 0,
    attestedCredentialData: { aaguid: LATCHKEY_AAGUID, credentialId, credentialPublicKey: key.publicKeyCose },
  });
  const attestationObject = encodeCbor(
    new Map<string, CborValue>([
      ['fmt', 'none'],
      ['attStmt', new Map<string, CborValue>()],
      ['authData', authenticatorData],
    ]),
  );
  const clientDataJSON = buildClientDataJSON({
    type: 'webauthn.create',
    challenge: request.challenge,
    origin: request.origin,
    crossOrigin: false,
  });

  return {
    passkey: {
      rpId,
      rpName: truncateName(request.rp.name),
      userName: truncateName(request.user.name),
      userDisplayName: truncateName(request.user.displayName),
      userHandle: toBase64Url(request.user.id),
      credentialId: toBase64Url(credentialId),
      algorithm: alg,
      privateKey: toBase64(key.privateKeyPkcs8),
      signCount: 0,
      // Latchkey credentials live in the vault, so they are always discoverable (§6.2.2 allows this).
      discoverable: true,
    },
    response: {
      credentialId,
      clientDataJSON,
      attestationObject,
      authenticatorData,
      publicKeySpki: key.publicKeySpki,
      publicKeyAlgorithm: alg,
      transports: [...TRANSPORTS],
    },
  };
}

/**
 * Stored passkeys usable for a get() call, in input order: those for `rpId`
 * that are listed in allowCredentials, or, when the list is absent or empty,
 * the discoverable ones.
 */
export function matchingPasskeys(
  rpId: string,
  allowCredentials: readonly CredentialDescriptor[] | undefined,
  passkeys: readonly PasskeyItem[],
): PasskeyItem[] {
  assertString(rpId, 'matchingPasskeys rpId');
  if (!Array.isArray(passkeys)) throw new TypeError('matchingPasskeys: passkeys must be an array');
  const allowed = descriptorIds(allowCredentials, 'allowCredentials');
  return passkeys.filter((p) => {
    if (p.type !== 'passkey' || p.rpId !== rpId) return false;
    if (allowed.length === 0) return p.discoverable;
    const id = decodeStored(p.credentialId, fromBase64Url, 'credentialId');
    return allowed.some((a) => bytesEqual(a, id));
  });
}

export async function getAssertion(request: GetAssertionRequest, passkey: PasskeyItem, context: GetAssertionContext): Promise<GetAssertionResult> {
  assertObject(request, 'getAssertion request');
  assertObject(passkey, 'passkey');
  assertObject(context, 'getAssertion context');
  refuseCrossOrigin(request.sameOriginWithAncestors, 'Signing in with a passkey');
  assertBytesArg(request.challenge, 'request.challenge');
  assertBoolean(context.userVerified, 'context.userVerified');
  if (passkey.type !== 'passkey') throw new TypeError(`getAssertion: expected a passkey item, got type ${String(passkey.type)}`);
  if (!isSupportedAlgorithm(passkey.algorithm)) {
    throw new WebAuthnError('NotSupportedError', `This passkey uses COSE algorithm ${passkey.algorithm}, which Latchkey cannot sign with`);
  }
  if (!Number.isSafeInteger(passkey.signCount) || passkey.signCount < 0 || passkey.signCount > MAX_SIGN_COUNT) {
    throw new TypeError(`passkey.signCount must be an integer 0..${MAX_SIGN_COUNT}`);
  }

  const rpId = validateRpId(request.origin, request.rpId);
  if (passkey.rpId !== rpId) {
    throw new WebAuthnError('NotAllowedError', `This passkey belongs to ${passkey.rpId}, not to the requesting relying party ${rpId}`);
  }
  if (matchingPasskeys(rpId, request.allowCredentials, [passkey]).length === 0) {
    throw new WebAuthnError('NotAllowedError', `This passkey is not among the credentials ${rpId} allows for this sign-in`);
  }
  requireUserVerification(request.userVerification, context.userVerified, 'Signing in with a passkey');

  const credentialId = decodeStored(passkey.credentialId, fromBase64Url, 'credentialId');
  const userHandle = decodeStored(passkey.userHandle, fromBase64Url, 'userHandle');
  const privateKey = decodeStored(passkey.privateKey, fromBase64, 'privateKey');

  // Wrapping to 0 would look like "counter unsupported" and then restart; stop instead.
  if (passkey.signCount === MAX_SIGN_COUNT) throw new WebAuthnError('InvalidStateError', 'This passkey has reached its maximum signature count');
  const newSignCount = passkey.signCount + 1;
  const authenticatorData = buildAuthenticatorData({
    rpId,
    userPresent: true,
    userVerified: context.userVerified,
    backupEligible: true,
    backupState: true,
    signCount: newSignCount,
  });
  const clientDataJSON = buildClientDataJSON({
    type: 'webauthn.get',
    challenge: request.challenge,
    origin: request.origin,
    crossOrigin: false,
  });
  // §6.3.3 step 11: sign authenticatorData || SHA-256(clientDataJSON).
  let signature: Uint8Array;
  try {
    signature = await sign(passkey.algorithm, privateKey, concatBytes(authenticatorData, sha256(clientDataJSON)));
  } finally {
    privateKey.fill(0); // best effort: our decoded copy only
  }

  return { response: { credentialId, clientDataJSON, authenticatorData, signature, userHandle }, newSignCount };
}
