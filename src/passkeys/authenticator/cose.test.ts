import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeCbor } from './cbor';
import {
  chooseAlgorithm,
  COSE_ALG_EDDSA,
  COSE_ALG_ES256,
  COSE_ALG_RS256,
  ecdsaRawToDer,
  generateCredentialKey,
  sign,
  SUPPORTED_ALGORITHMS,
} from './cose';
import { WebAuthnError } from './errors';

const pk = (...algs: number[]) => algs.map((alg) => ({ type: 'public-key', alg }));

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

describe('chooseAlgorithm', () => {
  it('follows the caller order, skipping what we do not support', () => {
    expect(chooseAlgorithm(pk(-257, -7))).toBe(COSE_ALG_RS256);
    expect(chooseAlgorithm(pk(-36, -8, -7))).toBe(COSE_ALG_EDDSA);
    expect(chooseAlgorithm(pk(-7, -257))).toBe(COSE_ALG_ES256);
  });

  it('uses ES256 for an empty list (the spec default is ES256, RS256)', () => {
    expect(chooseAlgorithm([])).toBe(COSE_ALG_ES256);
  });

  it('ignores entries whose type is not "public-key"', () => {
    expect(chooseAlgorithm([{ type: 'future-type', alg: -7 }, ...pk(-257)])).toBe(COSE_ALG_RS256);
  });

  it('throws NotSupportedError naming what was asked for', () => {
    let error: unknown;
    try {
      chooseAlgorithm(pk(-35, -36, -37));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WebAuthnError);
    expect((error as WebAuthnError).name).toBe('NotSupportedError');
    expect((error as WebAuthnError).message).toMatch(/public-key\/-35, public-key\/-36, public-key\/-37/);
  });

  it('refuses malformed input', () => {
    expect(() => chooseAlgorithm('nope' as never)).toThrow(TypeError);
    expect(() => chooseAlgorithm([{ type: 'public-key', alg: '-7' }] as never)).toThrow(TypeError);
  });

  it('lists exactly ES256, EdDSA and RS256 as supported', () => {
    expect(SUPPORTED_ALGORITHMS).toEqual([-7, -8, -257]);
  });
});

describe('ecdsaRawToDer', () => {
  const raw = (r: string, s: string) => Uint8Array.from(Buffer.from(r + s, 'hex'));
  const ones = '01'.repeat(32);

  it('encodes plain 32-byte integers without padding', () => {
    expect(hex(ecdsaRawToDer(raw(ones, ones)))).toBe('3044' + '0220' + ones + '0220' + ones);
  });

  it('adds a zero byte when the high bit is set', () => {
    const high = 'ff'.repeat(32);
    expect(hex(ecdsaRawToDer(raw(high, ones)))).toBe('3045' + '022100' + high + '0220' + ones);
  });

  it('strips leading zeros, keeping one byte for zero', () => {
    const small = '00'.repeat(31) + '05';
    const smallHigh = '00'.repeat(30) + '8001';
    expect(hex(ecdsaRawToDer(raw(small, '00'.repeat(32))))).toBe('3006' + '020105' + '020100');
    expect(hex(ecdsaRawToDer(raw(smallHigh, small)))).toBe('3008' + '0203008001' + '020105');
  });

  it('refuses anything but 64 bytes', () => {
    expect(() => ecdsaRawToDer(new Uint8Array(63))).toThrow(TypeError);
  });
});

/** Independent check of each key and signature with node:crypto. */
describe.each([
  ['ES256', COSE_ALG_ES256, 'sha256'],
  ['EdDSA', COSE_ALG_EDDSA, null],
  ['RS256', COSE_ALG_RS256, 'sha256'],
] as const)('%s keys', (_name, alg, hash) => {
  it('COSE_Key matches the SPKI and signatures verify in WebAuthn format', async () => {
    const key = await generateCredentialKey(alg);
    expect(key.coseAlgorithm).toBe(alg);
    const publicKey = createPublicKey({ key: Buffer.from(key.publicKeySpki), format: 'der', type: 'spki' });
    const jwk = publicKey.export({ format: 'jwk' });
    const cose = decodeCbor(key.publicKeyCose) as Map<number, unknown>;
    const b64u = (v: unknown) => Buffer.from(v as Uint8Array).toString('base64url');

    if (alg === COSE_ALG_ES256) {
      expect([...cose.keys()]).toEqual([1, 3, -1, -2, -3]);
      expect([cose.get(1), cose.get(3), cose.get(-1)]).toEqual([2, -7, 1]);
      expect((cose.get(-2) as Uint8Array).length).toBe(32);
      expect((cose.get(-3) as Uint8Array).length).toBe(32);
      expect([b64u(cose.get(-2)), b64u(cose.get(-3))]).toEqual([jwk.x, jwk.y]);
    } else if (alg === COSE_ALG_EDDSA) {
      expect([...cose.keys()]).toEqual([1, 3, -1, -2]);
      expect([cose.get(1), cose.get(3), cose.get(-1)]).toEqual([1, -8, 6]);
      expect(b64u(cose.get(-2))).toBe(jwk.x);
    } else {
      expect([...cose.keys()]).toEqual([1, 3, -1, -2]);
      expect([cose.get(1), cose.get(3)]).toEqual([3, -257]);
      expect((cose.get(-1) as Uint8Array).length).toBe(256);
      expect(b64u(cose.get(-1))).toBe(jwk.n);
      expect(hex(cose.get(-2) as Uint8Array)).toBe('010001');
    }

    const data = new TextEncoder().encode('data to sign');
    const signature = await sign(alg, key.privateKeyPkcs8, data);
    if (alg === COSE_ALG_ES256) expect(signature[0]).toBe(0x30); // DER SEQUENCE, not raw r||s
    if (alg === COSE_ALG_EDDSA) expect(signature.length).toBe(64);
    if (alg === COSE_ALG_RS256) expect(signature.length).toBe(256);
    // node:crypto expects DER for ECDSA by default, exactly like WebAuthn RPs.
    expect(verify(hash, data, publicKey, signature)).toBe(true);
    expect(verify(hash, new TextEncoder().encode('other data'), publicKey, signature)).toBe(false);
  });
});

describe('sign input checks', () => {
  it('refuses unsupported algorithms with NotSupportedError', async () => {
    await expect(sign(-35, new Uint8Array(10), new Uint8Array(1))).rejects.toMatchObject({ name: 'NotSupportedError' });
    await expect(generateCredentialKey(-35)).rejects.toMatchObject({ name: 'NotSupportedError' });
  });

  it('reports a key that does not fit the algorithm without leaking it', async () => {
    const es = await generateCredentialKey(COSE_ALG_ES256);
    await expect(sign(COSE_ALG_EDDSA, es.privateKeyPkcs8, new Uint8Array(1))).rejects.toThrow(/could not be imported as COSE algorithm -8/);
  });
});
