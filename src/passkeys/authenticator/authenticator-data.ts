// Authenticator data (WebAuthn L3 §6.1) and attested credential data (§6.5.1):
//
//   rpIdHash (32) | flags (1) | signCount (4, big-endian)
//   [ aaguid (16) | credentialIdLength (2, big-endian) | credentialId | credentialPublicKey (COSE_Key) ]  when AT
//   [ extensions (CBOR map) ]                                                                         when ED
//
// We never emit extensions; the parser understands them so it can check data
// from anywhere.

import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8Encode } from '../../vault/bytes';
import { decodeCborPrefix, type CborValue } from './cbor';

export const FLAG_UP = 0x01;
export const FLAG_UV = 0x04;
export const FLAG_BE = 0x08;
export const FLAG_BS = 0x10;
export const FLAG_AT = 0x40;
export const FLAG_ED = 0x80;

/**
 * Latchkey's AAGUID, c10c73bd-881e-4d93-bcc8-8991d63d67c2: identifies the
 * authenticator model (not the user) so RPs can show "Latchkey" next to a passkey.
 */
export const LATCHKEY_AAGUID: Uint8Array = Uint8Array.of(
  0xc1, 0x0c, 0x73, 0xbd, 0x88, 0x1e, 0x4d, 0x93, 0xbc, 0xc8, 0x89, 0x91, 0xd6, 0x3d, 0x67, 0xc2,
);

const RP_ID_HASH_LENGTH = 32;
const HEADER_LENGTH = RP_ID_HASH_LENGTH + 1 + 4;
const AAGUID_LENGTH = 16;
/** WebAuthn §6.5.1: credentialIdLength MUST NOT exceed 1023. */
export const MAX_CREDENTIAL_ID_LENGTH = 1023;
const MAX_SIGN_COUNT = 0xffffffff;

export function rpIdHash(rpId: string): Uint8Array {
  if (typeof rpId !== 'string' || rpId === '') throw new TypeError('rpIdHash: rpId must be a non-empty string');
  return sha256(utf8Encode(rpId));
}

export interface AttestedCredentialData {
  aaguid: Uint8Array;
  credentialId: Uint8Array;
  /** Encoded COSE_Key. */
  credentialPublicKey: Uint8Array;
}

export interface AuthenticatorDataInput {
  rpId: string;
  userPresent: boolean;
  userVerified: boolean;
  backupEligible: boolean;
  backupState: boolean;
  signCount: number;
  /** Present for registrations only; sets the AT flag. */
  attestedCredentialData?: AttestedCredentialData;
}

export function encodeAttestedCredentialData(data: AttestedCredentialData): Uint8Array {
  const { aaguid, credentialId, credentialPublicKey } = data;
  if (!(aaguid instanceof Uint8Array) || aaguid.length !== AAGUID_LENGTH) throw new TypeError('attested credential data: aaguid must be 16 bytes');
  if (!(credentialId instanceof Uint8Array) || credentialId.length === 0 || credentialId.length > MAX_CREDENTIAL_ID_LENGTH) {
    throw new TypeError(`attested credential data: credentialId must be 1..${MAX_CREDENTIAL_ID_LENGTH} bytes`);
  }
  if (!(credentialPublicKey instanceof Uint8Array) || credentialPublicKey.length === 0) {
    throw new TypeError('attested credential data: credentialPublicKey must be a non-empty COSE_Key');
  }
  const length = Uint8Array.of(credentialId.length >>> 8, credentialId.length & 0xff);
  return concatBytes(aaguid, length, credentialId, credentialPublicKey);
}

export function buildAuthenticatorData(input: AuthenticatorDataInput): Uint8Array {
  const { signCount } = input;
  if (!Number.isSafeInteger(signCount) || signCount < 0 || signCount > MAX_SIGN_COUNT) {
    throw new RangeError(`buildAuthenticatorData: signCount must be an integer 0..${MAX_SIGN_COUNT}, got ${String(signCount)}`);
  }
  // §6.1: BS may only be set on a backup-eligible credential; UV implies UP in every flow we support.
  if (input.backupState && !input.backupEligible) throw new TypeError('buildAuthenticatorData: backupState requires backupEligible');
  let flags = 0;
  if (input.userPresent) flags |= FLAG_UP;
  if (input.userVerified) flags |= FLAG_UV;
  if (input.backupEligible) flags |= FLAG_BE;
  if (input.backupState) flags |= FLAG_BS;
  const attested = input.attestedCredentialData === undefined ? new Uint8Array(0) : encodeAttestedCredentialData(input.attestedCredentialData);
  if (attested.length > 0) flags |= FLAG_AT;

  const header = new Uint8Array(HEADER_LENGTH);
  header.set(rpIdHash(input.rpId), 0);
  header[RP_ID_HASH_LENGTH] = flags;
  new DataView(header.buffer).setUint32(RP_ID_HASH_LENGTH + 1, signCount);
  return concatBytes(header, attested);
}

// ---------------------------------------------------------------------------
// Parsing (tests and validation)

export interface ParsedAuthenticatorData {
  rpIdHash: Uint8Array;
  flags: number;
  userPresent: boolean;
  userVerified: boolean;
  backupEligible: boolean;
  backupState: boolean;
  signCount: number;
  attestedCredentialData?: AttestedCredentialData;
  extensions?: CborValue;
}

export function parseAuthenticatorData(bytes: Uint8Array): ParsedAuthenticatorData {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('parseAuthenticatorData: input must be a Uint8Array');
  if (bytes.length < HEADER_LENGTH) throw new Error(`authenticator data is ${bytes.length} bytes, shorter than the ${HEADER_LENGTH}-byte minimum`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const flags = bytes[RP_ID_HASH_LENGTH]!;
  const parsed: ParsedAuthenticatorData = {
    rpIdHash: bytes.slice(0, RP_ID_HASH_LENGTH),
    flags,
    userPresent: (flags & FLAG_UP) !== 0,
    userVerified: (flags & FLAG_UV) !== 0,
    backupEligible: (flags & FLAG_BE) !== 0,
    backupState: (flags & FLAG_BS) !== 0,
    signCount: view.getUint32(RP_ID_HASH_LENGTH + 1),
  };
  let offset = HEADER_LENGTH;
  if ((flags & FLAG_AT) !== 0) {
    if (bytes.length < offset + AAGUID_LENGTH + 2) throw new Error('authenticator data: attested credential data is truncated');
    const aaguid = bytes.slice(offset, offset + AAGUID_LENGTH);
    offset += AAGUID_LENGTH;
    const idLength = view.getUint16(offset);
    offset += 2;
    if (idLength === 0 || idLength > MAX_CREDENTIAL_ID_LENGTH) throw new Error(`authenticator data: credentialIdLength ${idLength} is out of range`);
    if (bytes.length < offset + idLength) throw new Error('authenticator data: credential id is truncated');
    const credentialId = bytes.slice(offset, offset + idLength);
    offset += idLength;
    // The COSE_Key has no length prefix: its CBOR encoding delimits it.
    const key = decodeCborPrefix(bytes.subarray(offset));
    if (!(key.value instanceof Map)) throw new Error('authenticator data: credentialPublicKey is not a CBOR map');
    parsed.attestedCredentialData = { aaguid, credentialId, credentialPublicKey: bytes.slice(offset, offset + key.length) };
    offset += key.length;
  }
  if ((flags & FLAG_ED) !== 0) {
    const ext = decodeCborPrefix(bytes.subarray(offset));
    if (!(ext.value instanceof Map)) throw new Error('authenticator data: extensions are not a CBOR map');
    parsed.extensions = ext.value;
    offset += ext.length;
  }
  if (offset !== bytes.length) throw new Error(`authenticator data: ${bytes.length - offset} unexpected trailing bytes`);
  return parsed;
}
