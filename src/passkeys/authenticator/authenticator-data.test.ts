import { describe, expect, it } from 'vitest';
import {
  buildAuthenticatorData,
  FLAG_AT,
  FLAG_BE,
  FLAG_BS,
  FLAG_UP,
  FLAG_UV,
  LATCHKEY_AAGUID,
  parseAuthenticatorData,
  rpIdHash,
} from './authenticator-data';
import { encodeCbor } from './cbor';

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const EXAMPLE_COM_HASH = 'a379a6f6eeafb9a55e378c118034e2751e682fab9f2d30ab13d2125586ce1947';

describe('authenticator data layout (WebAuthn §6.1)', () => {
  it('hashes the rpId with SHA-256', () => {
    expect(hex(rpIdHash('example.com'))).toBe(EXAMPLE_COM_HASH);
  });

  it('lays out a 37-byte assertion authData exactly', () => {
    const data = buildAuthenticatorData({
      rpId: 'example.com',
      userPresent: true,
      userVerified: true,
      backupEligible: true,
      backupState: true,
      signCount: 0x01020304,
    });
    expect(data.length).toBe(37);
    expect(hex(data.subarray(0, 32))).toBe(EXAMPLE_COM_HASH);
    expect(data[32]).toBe(FLAG_UP | FLAG_UV | FLAG_BE | FLAG_BS);
    expect(data[32]).toBe(0x1d);
    expect(hex(data.subarray(33, 37))).toBe('01020304');
    expect(hex(data)).toBe(EXAMPLE_COM_HASH + '1d' + '01020304');
  });

  it('sets only the flags asked for', () => {
    const bare = buildAuthenticatorData({ rpId: 'example.com', userPresent: true, userVerified: false, backupEligible: false, backupState: false, signCount: 0 });
    expect(bare[32]).toBe(0x01);
    expect(hex(bare.subarray(33))).toBe('00000000');
  });

  it('appends attested credential data per §6.5.1 and sets AT', () => {
    const credentialId = Uint8Array.from({ length: 16 }, (_, i) => i);
    const cose = encodeCbor(new Map<number, number | Uint8Array>([[1, 1], [3, -8], [-1, 6], [-2, new Uint8Array(32).fill(0xaa)]]));
    const data = buildAuthenticatorData({
      rpId: 'example.com',
      userPresent: true,
      userVerified: false,
      backupEligible: true,
      backupState: true,
      signCount: 0,
      attestedCredentialData: { aaguid: LATCHKEY_AAGUID, credentialId, credentialPublicKey: cose },
    });
    expect(data.length).toBe(37 + 16 + 2 + 16 + cose.length);
    expect(data[32]).toBe(FLAG_UP | FLAG_BE | FLAG_BS | FLAG_AT);
    expect(data[32]).toBe(0x59);
    expect(hex(data.subarray(33, 37))).toBe('00000000');
    expect(hex(data.subarray(37, 53))).toBe('c10c73bd881e4d93bcc88991d63d67c2'); // aaguid
    expect(hex(data.subarray(53, 55))).toBe('0010'); // credentialIdLength, big-endian
    expect(data.subarray(55, 71)).toEqual(credentialId);
    expect(data.subarray(71)).toEqual(cose);

    const parsed = parseAuthenticatorData(data);
    expect(hex(parsed.rpIdHash)).toBe(EXAMPLE_COM_HASH);
    expect(parsed).toMatchObject({ userPresent: true, userVerified: false, backupEligible: true, backupState: true, signCount: 0 });
    expect(parsed.attestedCredentialData).toEqual({ aaguid: LATCHKEY_AAGUID, credentialId, credentialPublicKey: cose });
    expect(parsed.extensions).toBeUndefined();
  });

  it('encodes credentialIdLength above 255 in two bytes', () => {
    const credentialId = new Uint8Array(300).fill(7);
    const cose = encodeCbor(new Map([[1, 1]]));
    const data = buildAuthenticatorData({
      rpId: 'example.com', userPresent: true, userVerified: true, backupEligible: true, backupState: true, signCount: 5,
      attestedCredentialData: { aaguid: LATCHKEY_AAGUID, credentialId, credentialPublicKey: cose },
    });
    expect(hex(data.subarray(53, 55))).toBe('012c');
    expect(parseAuthenticatorData(data).attestedCredentialData?.credentialId).toEqual(credentialId);
  });
});

describe('authenticator data checks', () => {
  const base = { rpId: 'example.com', userPresent: true, userVerified: true, backupEligible: true, backupState: true, signCount: 0 };

  it('refuses out-of-range counters', () => {
    expect(() => buildAuthenticatorData({ ...base, signCount: -1 })).toThrow(RangeError);
    expect(() => buildAuthenticatorData({ ...base, signCount: 2 ** 32 })).toThrow(RangeError);
    expect(() => buildAuthenticatorData({ ...base, signCount: 1.5 })).toThrow(RangeError);
    expect(hex(buildAuthenticatorData({ ...base, signCount: 2 ** 32 - 1 }).subarray(33))).toBe('ffffffff');
  });

  it('refuses backupState without backupEligible', () => {
    expect(() => buildAuthenticatorData({ ...base, backupEligible: false })).toThrow(/backupState requires backupEligible/);
  });

  it('refuses bad attested credential data', () => {
    const cose = encodeCbor(new Map([[1, 1]]));
    const attested = (aaguid: Uint8Array, credentialId: Uint8Array) => ({ ...base, attestedCredentialData: { aaguid, credentialId, credentialPublicKey: cose } });
    expect(() => buildAuthenticatorData(attested(new Uint8Array(15), new Uint8Array(16)))).toThrow(/aaguid/);
    expect(() => buildAuthenticatorData(attested(LATCHKEY_AAGUID, new Uint8Array(0)))).toThrow(/credentialId/);
    expect(() => buildAuthenticatorData(attested(LATCHKEY_AAGUID, new Uint8Array(1024)))).toThrow(/credentialId/);
  });

  it('parser refuses truncated data and trailing bytes', () => {
    const data = buildAuthenticatorData(base);
    expect(() => parseAuthenticatorData(data.subarray(0, 36))).toThrow(/shorter than/);
    expect(() => parseAuthenticatorData(Uint8Array.of(...data, 0))).toThrow(/trailing/);
    const withAt = Uint8Array.of(...data);
    withAt[32] = data[32]! | FLAG_AT;
    expect(() => parseAuthenticatorData(withAt)).toThrow(/truncated/);
  });
});
