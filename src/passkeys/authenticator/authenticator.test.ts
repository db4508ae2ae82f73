// End-to-end: Latchkey's responses checked by an independent RP library
// (@simplewebauthn/server), for every algorithm we support.
import {
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { describe, expect, it } from 'vitest';
import { fromBase64, fromBase64Url, toBase64Url } from '../../vault/bytes';
import { newItem, type PasskeyItem } from '../../vault/model';
import { FLAG_AT, FLAG_BE, FLAG_BS, FLAG_UP, FLAG_UV, LATCHKEY_AAGUID, parseAuthenticatorData, rpIdHash } from './authenticator-data';
import {
  getAssertion,
  makeCredential,
  matchingPasskeys,
  type AssertionResponse,
  type AttestationResponse,
  type GetAssertionRequest,
  type MakeCredentialRequest,
} from './authenticator';
import { decodeCbor } from './cbor';
import { COSE_ALG_EDDSA, COSE_ALG_ES256, COSE_ALG_RS256 } from './cose';
import { WebAuthnError } from './errors';

const ORIGIN = 'https://login.example.com';
const RP_ID = 'example.com';
const USER_ID = new TextEncoder().encode('user-1234');

function challenge(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(32));
}

function createRequest(overrides: Partial<MakeCredentialRequest> = {}): MakeCredentialRequest {
  return {
    origin: ORIGIN,
    sameOriginWithAncestors: true,
    rp: { id: RP_ID, name: 'Example' },
    user: { id: USER_ID, name: 'alice@example.com', displayName: 'Alice' },
    challenge: challenge(),
    pubKeyCredParams: [
      { type: 'public-key', alg: -7 },
      { type: 'public-key', alg: -257 },
    ],
    attestation: 'direct',
    ...overrides,
  };
}

function getRequest(overrides: Partial<GetAssertionRequest> = {}): GetAssertionRequest {
  return { origin: ORIGIN, sameOriginWithAncestors: true, rpId: RP_ID, challenge: challenge(), userVerification: 'required', ...overrides };
}

const context = (existingPasskeys: PasskeyItem[] = [], userVerified = true) => ({ existingPasskeys, userVerified, backupEligible: true as const });

function registrationJSON(r: AttestationResponse): RegistrationResponseJSON {
  const id = toBase64Url(r.credentialId);
  return {
    id,
    rawId: id,
    type: 'public-key',
    clientExtensionResults: {},
    authenticatorAttachment: 'platform',
    response: {
      clientDataJSON: toBase64Url(r.clientDataJSON),
      attestationObject: toBase64Url(r.attestationObject),
      authenticatorData: toBase64Url(r.authenticatorData),
      transports: r.transports,
      publicKey: toBase64Url(r.publicKeySpki),
      publicKeyAlgorithm: r.publicKeyAlgorithm,
    },
  };
}

function authenticationJSON(r: AssertionResponse): AuthenticationResponseJSON {
  const id = toBase64Url(r.credentialId);
  return {
    id,
    rawId: id,
    type: 'public-key',
    clientExtensionResults: {},
    response: {
      clientDataJSON: toBase64Url(r.clientDataJSON),
      authenticatorData: toBase64Url(r.authenticatorData),
      signature: toBase64Url(r.signature),
      userHandle: toBase64Url(r.userHandle),
    },
  };
}

async function register(alg: number, userVerified = true) {
  const request = createRequest({ pubKeyCredParams: [{ type: 'public-key', alg }] });
  const result = await makeCredential(request, context([], userVerified));
  const passkey = newItem('passkey', { ...result.passkey, name: result.passkey.rpName });
  return { request, result, passkey };
}

async function expectWebAuthnError(promise: Promise<unknown>, name: string, message?: RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WebAuthnError);
  expect((error as WebAuthnError).name).toBe(name);
  if (message) expect((error as WebAuthnError).message).toMatch(message);
}

describe.each([
  ['ES256', COSE_ALG_ES256],
  ['EdDSA', COSE_ALG_EDDSA],
  ['RS256', COSE_ALG_RS256],
])('%s end to end with @simplewebauthn/server', (_name, alg) => {
  it('registers, then signs in twice with an increasing counter', async () => {
    const { request, result, passkey } = await register(alg);

    const registration = await verifyRegistrationResponse({
      response: registrationJSON(result.response),
      expectedChallenge: toBase64Url(request.challenge),
      expectedOrigin: ORIGIN,
      expectedRPID: RP_ID,
      requireUserVerification: true,
    });
    expect(registration.verified).toBe(true);
    if (!registration.verified) return;
    const info = registration.registrationInfo;
    expect(info.fmt).toBe('none');
    expect(info.aaguid).toBe('c10c73bd-881e-4d93-bcc8-8991d63d67c2');
    expect(info.credential.id).toBe(passkey.credentialId);
    expect(info.credential.counter).toBe(0);
    expect(info.credentialDeviceType).toBe('multiDevice');
    expect(info.credentialBackedUp).toBe(true);
    expect(info.userVerified).toBe(true);

    let stored = passkey;
    let counter = info.credential.counter;
    for (let round = 1; round <= 2; round++) {
      const get = getRequest({ allowCredentials: [{ id: fromBase64Url(stored.credentialId), type: 'public-key' }] });
      const assertion = await getAssertion(get, stored, { userVerified: true });
      expect(assertion.newSignCount).toBe(round);
      expect(assertion.response.userHandle).toEqual(USER_ID);

      const authentication = await verifyAuthenticationResponse({
        response: authenticationJSON(assertion.response),
        expectedChallenge: toBase64Url(get.challenge),
        expectedOrigin: ORIGIN,
        expectedRPID: RP_ID,
        credential: { id: info.credential.id, publicKey: info.credential.publicKey, counter },
        requireUserVerification: true,
      });
      expect(authentication.verified).toBe(true);
      expect(authentication.authenticationInfo.newCounter).toBe(round);
      expect(authentication.authenticationInfo.newCounter).toBeGreaterThan(counter);
      counter = authentication.authenticationInfo.newCounter;
      stored = { ...stored, signCount: assertion.newSignCount };
    }
  });

  it('a tampered signature does not verify', async () => {
    const { request, result, passkey } = await register(alg);
    const registration = await verifyRegistrationResponse({
      response: registrationJSON(result.response),
      expectedChallenge: toBase64Url(request.challenge),
      expectedOrigin: ORIGIN,
      expectedRPID: RP_ID,
    });
    if (!registration.verified) throw new Error('registration failed');
    const get = getRequest();
    const { response } = await getAssertion(get, passkey, { userVerified: true });
    const signature = Uint8Array.from(response.signature);
    // Flip a bit in the middle: for DER ECDSA this hits r or s, not the structure.
    signature[Math.floor(signature.length / 2)]! ^= 0x01;
    const verification = verifyAuthenticationResponse({
      response: authenticationJSON({ ...response, signature }),
      expectedChallenge: toBase64Url(get.challenge),
      expectedOrigin: ORIGIN,
      expectedRPID: RP_ID,
      credential: registration.registrationInfo.credential,
    });
    const outcome = await verification.then(
      (v) => v.verified,
      () => false,
    );
    expect(outcome).toBe(false);
  });
});

describe('makeCredential', () => {
  it('produces "none" attestation with Latchkey flags and AAGUID', async () => {
    const { result } = await register(COSE_ALG_ES256);
    const attestation = decodeCbor(result.response.attestationObject) as Map<string, unknown>;
    expect([...attestation.keys()]).toEqual(['fmt', 'attStmt', 'authData']);
    expect(attestation.get('fmt')).toBe('none');
    expect(attestation.get('attStmt')).toEqual(new Map());
    expect(attestation.get('authData')).toEqual(result.response.authenticatorData);

    const authData = parseAuthenticatorData(result.response.authenticatorData);
    expect(authData.rpIdHash).toEqual(rpIdHash(RP_ID));
    expect(authData.flags).toBe(FLAG_UP | FLAG_UV | FLAG_BE | FLAG_BS | FLAG_AT);
    expect(authData.signCount).toBe(0);
    expect(authData.attestedCredentialData?.aaguid).toEqual(LATCHKEY_AAGUID);
    expect(authData.attestedCredentialData?.credentialId).toEqual(result.response.credentialId);
    expect(result.response.credentialId.length).toBeGreaterThanOrEqual(16);
    expect(result.response.transports).toEqual(['internal', 'hybrid']);
    expect(result.response.publicKeyAlgorithm).toBe(-7);
  });

  it('leaves UV unset when the user was not verified', async () => {
    const { result } = await register(COSE_ALG_ES256, false);
    expect(parseAuthenticatorData(result.response.authenticatorData).flags).toBe(FLAG_UP | FLAG_BE | FLAG_BS | FLAG_AT);
  });

  it('returns vault-ready passkey fields', async () => {
    const { result, passkey } = await register(COSE_ALG_EDDSA);
    expect(result.passkey).toMatchObject({
      rpId: RP_ID,
      rpName: 'Example',
      userName: 'alice@example.com',
      userDisplayName: 'Alice',
      userHandle: toBase64Url(USER_ID),
      credentialId: toBase64Url(result.response.credentialId),
      algorithm: -8,
      signCount: 0,
      discoverable: true,
    });
    expect(fromBase64(result.passkey.privateKey).length).toBeGreaterThan(0);
    expect(passkey.type).toBe('passkey'); // newItem accepted it
  });

  it('uses the origin host as rpId when none is given', async () => {
    const { passkey } = await makeCredential(createRequest({ rp: { name: 'Example' } }), context());
    expect(passkey.rpId).toBe('login.example.com');
  });

  it('truncates very long names instead of failing', async () => {
    const long = '😀'.repeat(300);
    const { passkey } = await makeCredential(createRequest({ user: { id: USER_ID, name: long, displayName: long } }), context());
    expect(Array.from(passkey.userName)).toHaveLength(256);
  });

  it('refuses an excluded credential that is already stored (InvalidStateError)', async () => {
    const { passkey } = await register(COSE_ALG_ES256);
    const request = createRequest({ excludeCredentials: [{ id: fromBase64Url(passkey.credentialId) }] });
    await expectWebAuthnError(makeCredential(request, context([passkey])), 'InvalidStateError', /already stored/);
    // The same id stored for another RP does not count.
    const elsewhere = { ...passkey, rpId: 'other.example' };
    await expect(makeCredential(request, context([elsewhere]))).resolves.toBeDefined();
  });

  it('refuses cross-origin frames (NotAllowedError)', async () => {
    await expectWebAuthnError(
      makeCredential(createRequest({ sameOriginWithAncestors: false, topOrigin: 'https://top.example' }), context()),
      'NotAllowedError',
    );
  });

  it('refuses when no requested algorithm is supported (NotSupportedError)', async () => {
    const request = createRequest({ pubKeyCredParams: [{ type: 'public-key', alg: -35 }, { type: 'public-key', alg: -36 }] });
    await expectWebAuthnError(makeCredential(request, context()), 'NotSupportedError');
  });

  it('refuses a foreign rpId (SecurityError)', async () => {
    await expectWebAuthnError(makeCredential(createRequest({ rp: { id: 'evil.com', name: 'Evil' } }), context()), 'SecurityError');
  });

  it('refuses required user verification that did not happen (NotAllowedError)', async () => {
    const request = createRequest({ authenticatorSelection: { userVerification: 'required' } });
    await expectWebAuthnError(makeCredential(request, context([], false)), 'NotAllowedError', /user verification/);
  });

  it('refuses malformed requests with TypeError', async () => {
    await expect(makeCredential(createRequest({ user: { id: new Uint8Array(65), name: 'a', displayName: 'a' } }), context())).rejects.toThrow(TypeError);
    await expect(makeCredential(createRequest({ user: { id: new Uint8Array(0), name: 'a', displayName: 'a' } }), context())).rejects.toThrow(TypeError);
    await expect(makeCredential(createRequest({ challenge: 'abc' as never }), context())).rejects.toThrow(TypeError);
    await expect(makeCredential(createRequest({ excludeCredentials: [{ id: 'abc' as never }] }), context())).rejects.toThrow(TypeError);
  });
});

describe('getAssertion', () => {
  it('signs authenticatorData || SHA-256(clientDataJSON) with the right flags', async () => {
    const { passkey } = await register(COSE_ALG_ES256);
    const get = getRequest({ userVerification: 'preferred' });
    const { response, newSignCount } = await getAssertion(get, { ...passkey, signCount: 41 }, { userVerified: false });
    expect(newSignCount).toBe(42);
    const authData = parseAuthenticatorData(response.authenticatorData);
    expect(authData.flags).toBe(FLAG_UP | FLAG_BE | FLAG_BS);
    expect(authData.signCount).toBe(42);
    expect(JSON.parse(new TextDecoder().decode(response.clientDataJSON))).toEqual({
      type: 'webauthn.get',
      challenge: toBase64Url(get.challenge),
      origin: ORIGIN,
      crossOrigin: false,
    });
  });

  it('refuses a passkey for another rpId (NotAllowedError)', async () => {
    const { passkey } = await register(COSE_ALG_ES256);
    await expectWebAuthnError(getAssertion(getRequest({ rpId: undefined }), passkey, { userVerified: true }), 'NotAllowedError', /belongs to example\.com/);
  });

  it('refuses a passkey missing from allowCredentials (NotAllowedError)', async () => {
    const { passkey } = await register(COSE_ALG_ES256);
    const get = getRequest({ allowCredentials: [{ id: new Uint8Array(16) }] });
    await expectWebAuthnError(getAssertion(get, passkey, { userVerified: true }), 'NotAllowedError', /not among/);
  });

  it('refuses cross-origin frames, foreign rpIds and missing user verification', async () => {
    const { passkey } = await register(COSE_ALG_ES256);
    await expectWebAuthnError(getAssertion(getRequest({ sameOriginWithAncestors: false }), passkey, { userVerified: true }), 'NotAllowedError');
    await expectWebAuthnError(getAssertion(getRequest({ origin: 'https://evil.com' }), passkey, { userVerified: true }), 'SecurityError');
    await expectWebAuthnError(getAssertion(getRequest(), passkey, { userVerified: false }), 'NotAllowedError', /user verification/);
  });

  it('stops at the maximum counter instead of wrapping', async () => {
    const { passkey } = await register(COSE_ALG_ES256);
    await expectWebAuthnError(getAssertion(getRequest(), { ...passkey, signCount: 2 ** 32 - 1 }, { userVerified: true }), 'InvalidStateError');
  });
});

describe('matchingPasskeys', () => {
  it('filters by rpId, then allowCredentials or discoverability, keeping order', async () => {
    const a = (await register(COSE_ALG_ES256)).passkey;
    const b = (await register(COSE_ALG_ES256)).passkey;
    const hidden = { ...(await register(COSE_ALG_ES256)).passkey, discoverable: false };
    const other = { ...(await register(COSE_ALG_ES256)).passkey, rpId: 'other.example' };
    const all = [a, other, hidden, b];
    expect(matchingPasskeys(RP_ID, undefined, all)).toEqual([a, b]);
    expect(matchingPasskeys(RP_ID, [], all)).toEqual([a, b]);
    const allow = [b, hidden, other].map((p) => ({ id: fromBase64Url(p.credentialId) }));
    expect(matchingPasskeys(RP_ID, allow, all)).toEqual([hidden, b]);
    expect(matchingPasskeys('other.example', undefined, all)).toEqual([other]);
  });
});
