// Latchkey's WebAuthn authenticator: pure data in, pure data out.
export { WebAuthnError, isWebAuthnError, type WebAuthnErrorName } from './errors';
export { encodeCbor, decodeCbor, decodeCborPrefix, CborDecodeError, MAX_CBOR_DEPTH, type CborValue, type CborMapKey } from './cbor';
export {
  COSE_ALG_ES256,
  COSE_ALG_EDDSA,
  COSE_ALG_RS256,
  SUPPORTED_ALGORITHMS,
  chooseAlgorithm,
  isSupportedAlgorithm,
  generateCredentialKey,
  sign,
  ecdsaRawToDer,
  type CoseAlgorithm,
  type CredentialKey,
  type PublicKeyCredentialParameters,
} from './cose';
export {
  FLAG_UP,
  FLAG_UV,
  FLAG_BE,
  FLAG_BS,
  FLAG_AT,
  FLAG_ED,
  LATCHKEY_AAGUID,
  rpIdHash,
  buildAuthenticatorData,
  parseAuthenticatorData,
  type AuthenticatorDataInput,
  type AttestedCredentialData,
  type ParsedAuthenticatorData,
} from './authenticator-data';
export { buildClientDataJSON, ccdToString, type ClientDataInput, type ClientDataType } from './client-data';
export { validateRpId, parseCallerOrigin, normalizeRpId, type CallerOrigin } from './rp-id';
export {
  makeCredential,
  getAssertion,
  matchingPasskeys,
  CREDENTIAL_ID_LENGTH,
  TRANSPORTS,
  type MakeCredentialRequest,
  type MakeCredentialContext,
  type MakeCredentialResult,
  type NewPasskeyFields,
  type AttestationResponse,
  type GetAssertionRequest,
  type GetAssertionContext,
  type GetAssertionResult,
  type AssertionResponse,
  type CredentialDescriptor,
  type Transport,
} from './authenticator';
