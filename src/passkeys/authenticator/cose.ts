// Credential key pairs: generation via WebCrypto, COSE_Key encoding of the
// public key (RFC 9052 §7, RFC 9053, RFC 8230), and signing in the exact
// signature format WebAuthn expects for each algorithm (§6.5.6).

import { asBufferSource, fromBase64Url } from '../../vault/bytes';
import { encodeCbor } from './cbor';
import { WebAuthnError } from './errors';

export const COSE_ALG_ES256 = -7;
export const COSE_ALG_EDDSA = -8;
export const COSE_ALG_RS256 = -257;

export type CoseAlgorithm = typeof COSE_ALG_ES256 | typeof COSE_ALG_EDDSA | typeof COSE_ALG_RS256;

/** Our preference when a caller does not care; order also used in tests. */
export const SUPPORTED_ALGORITHMS: readonly CoseAlgorithm[] = [COSE_ALG_ES256, COSE_ALG_EDDSA, COSE_ALG_RS256];

// COSE_Key labels and values (IANA "COSE Key Common Parameters" / "Key Type Parameters").
const KEY_KTY = 1;
const KEY_ALG = 3;
const KEY_CRV_OR_N = -1; // crv for EC2/OKP, n for RSA
const KEY_X_OR_E = -2; // x for EC2/OKP, e for RSA
const KEY_Y = -3;
const KTY_OKP = 1;
const KTY_EC2 = 2;
const KTY_RSA = 3;
const CRV_P256 = 1;
const CRV_ED25519 = 6;

const RSA_MODULUS_BITS = 2048;
const RSA_PUBLIC_EXPONENT = Uint8Array.of(1, 0, 1); // 65537

export function isSupportedAlgorithm(alg: unknown): alg is CoseAlgorithm {
  return typeof alg === 'number' && (SUPPORTED_ALGORITHMS as readonly number[]).includes(alg);
}

function assertAlgorithm(alg: unknown, fn: string): asserts alg is CoseAlgorithm {
  if (!isSupportedAlgorithm(alg)) {
    throw new WebAuthnError('NotSupportedError', `${fn}: COSE algorithm ${String(alg)} is not supported (supported: ${SUPPORTED_ALGORITHMS.join(', ')})`);
  }
}

export interface PublicKeyCredentialParameters {
  type: string;
  alg: number;
}

/**
 * WebAuthn §5.1.3 step 10: entries whose type is not "public-key" are skipped;
 * an empty list means the defaults ES256 then RS256.
 */
const DEFAULT_CRED_PARAMS: readonly PublicKeyCredentialParameters[] = [
  { type: 'public-key', alg: COSE_ALG_ES256 },
  { type: 'public-key', alg: COSE_ALG_RS256 },
];

/** Picks the first algorithm in the caller's (RP's preference) order that we support. */
export function chooseAlgorithm(pubKeyCredParams: readonly PublicKeyCredentialParameters[]): CoseAlgorithm {
  if (!Array.isArray(pubKeyCredParams)) throw new TypeError('chooseAlgorithm: pubKeyCredParams must be an array');
  const params = pubKeyCredParams.length === 0 ? DEFAULT_CRED_PARAMS : pubKeyCredParams;
  params.forEach((p, i) => {
    if (typeof p !== 'object' || p === null) throw new TypeError(`chooseAlgorithm: pubKeyCredParams[${i}] must be an object`);
    if (typeof p.alg !== 'number') throw new TypeError(`chooseAlgorithm: pubKeyCredParams[${i}].alg must be a number`);
  });
  const chosen = params.find((p) => p.type === 'public-key' && isSupportedAlgorithm(p.alg));
  if (chosen === undefined) {
    const offered = params.map((p) => `${String(p.type)}/${p.alg}`).join(', ');
    throw new WebAuthnError(
      'NotSupportedError',
      `None of the requested credential algorithms is supported (requested: ${offered}; Latchkey supports ES256 (-7), EdDSA (-8) and RS256 (-257))`,
    );
  }
  return chosen.alg as CoseAlgorithm;
}

// ---------------------------------------------------------------------------
// WebCrypto parameters per algorithm

function keyGenParams(alg: CoseAlgorithm): EcKeyGenParams | RsaHashedKeyGenParams | Algorithm {
  switch (alg) {
    case COSE_ALG_ES256:
      return { name: 'ECDSA', namedCurve: 'P-256' };
    case COSE_ALG_EDDSA:
      return { name: 'Ed25519' };
    case COSE_ALG_RS256:
      return { name: 'RSASSA-PKCS1-v1_5', modulusLength: RSA_MODULUS_BITS, publicExponent: RSA_PUBLIC_EXPONENT, hash: 'SHA-256' };
  }
}

function importParams(alg: CoseAlgorithm): EcKeyImportParams | RsaHashedImportParams | Algorithm {
  switch (alg) {
    case COSE_ALG_ES256:
      return { name: 'ECDSA', namedCurve: 'P-256' };
    case COSE_ALG_EDDSA:
      return { name: 'Ed25519' };
    case COSE_ALG_RS256:
      return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  }
}

function signParams(alg: CoseAlgorithm): EcdsaParams | Algorithm {
  switch (alg) {
    case COSE_ALG_ES256:
      return { name: 'ECDSA', hash: 'SHA-256' };
    case COSE_ALG_EDDSA:
      return { name: 'Ed25519' };
    case COSE_ALG_RS256:
      return { name: 'RSASSA-PKCS1-v1_5' };
  }
}

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (s === undefined) throw new WebAuthnError('NotSupportedError', 'WebCrypto (crypto.subtle) is not available in this context');
  return s;
}

// ---------------------------------------------------------------------------
// COSE_Key

function jwkBytes(jwk: JsonWebKey, field: 'x' | 'y' | 'n' | 'e', expectedLength?: number): Uint8Array {
  const text = jwk[field];
  if (typeof text !== 'string') throw new Error(`exported JWK lacks "${field}"`);
  const bytes = fromBase64Url(text); // JWK members are unpadded base64url
  if (expectedLength !== undefined && bytes.length !== expectedLength) {
    throw new Error(`exported JWK "${field}" is ${bytes.length} bytes, expected ${expectedLength}`);
  }
  return bytes;
}

/** COSE_Key map for a public key, given as a JWK export. */
export function coseKeyFromJwk(alg: CoseAlgorithm, jwk: JsonWebKey): Uint8Array {
  switch (alg) {
    case COSE_ALG_ES256:
      return encodeCbor(
        new Map<number, number | Uint8Array>([
          [KEY_KTY, KTY_EC2],
          [KEY_ALG, alg],
          [KEY_CRV_OR_N, CRV_P256],
          [KEY_X_OR_E, jwkBytes(jwk, 'x', 32)],
          [KEY_Y, jwkBytes(jwk, 'y', 32)],
        ]),
      );
    case COSE_ALG_EDDSA:
      return encodeCbor(
        new Map<number, number | Uint8Array>([
          [KEY_KTY, KTY_OKP],
          [KEY_ALG, alg],
          [KEY_CRV_OR_N, CRV_ED25519],
          [KEY_X_OR_E, jwkBytes(jwk, 'x', 32)],
        ]),
      );
    case COSE_ALG_RS256:
      // JWK n and e are already minimal big-endian unsigned integers, as RFC 8230 wants.
      return encodeCbor(
        new Map<number, number | Uint8Array>([
          [KEY_KTY, KTY_RSA],
          [KEY_ALG, alg],
          [KEY_CRV_OR_N, jwkBytes(jwk, 'n', RSA_MODULUS_BITS / 8)],
          [KEY_X_OR_E, jwkBytes(jwk, 'e')],
        ]),
      );
  }
}

export interface CredentialKey {
  privateKeyPkcs8: Uint8Array;
  coseAlgorithm: CoseAlgorithm;
  /** COSE_Key, as embedded in attested credential data. */
  publicKeyCose: Uint8Array;
  /** DER SubjectPublicKeyInfo, as AuthenticatorAttestationResponse.getPublicKey() returns. */
  publicKeySpki: Uint8Array;
}

export async function generateCredentialKey(alg: number): Promise<CredentialKey> {
  assertAlgorithm(alg, 'generateCredentialKey');
  const s = subtle();
  // Extractable because the private key is stored (encrypted) in the vault.
  const pair = (await s.generateKey(keyGenParams(alg), true, ['sign', 'verify'])) as CryptoKeyPair;
  const [pkcs8, spki, jwk] = await Promise.all([
    s.exportKey('pkcs8', pair.privateKey),
    s.exportKey('spki', pair.publicKey),
    s.exportKey('jwk', pair.publicKey),
  ]);
  return {
    privateKeyPkcs8: new Uint8Array(pkcs8),
    coseAlgorithm: alg,
    publicKeyCose: coseKeyFromJwk(alg, jwk),
    publicKeySpki: new Uint8Array(spki),
  };
}

// ---------------------------------------------------------------------------
// Signing

/**
 * WebCrypto's ECDSA output is IEEE P1363 (r || s); WebAuthn wants the ASN.1
 * DER `Ecdsa-Sig-Value` SEQUENCE { r INTEGER, s INTEGER } (§6.5.6).
 */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  if (!(raw instanceof Uint8Array) || raw.length !== 64) {
    throw new TypeError(`ecdsaRawToDer: expected a 64-byte P-256 r||s signature, got ${raw instanceof Uint8Array ? raw.length + ' bytes' : typeof raw}`);
  }
  const r = derInteger(raw.subarray(0, 32));
  const s = derInteger(raw.subarray(32));
  // At most 2 * (2 + 33) = 70 content bytes, so the short length form always fits.
  const out = new Uint8Array(2 + r.length + s.length);
  out[0] = 0x30;
  out[1] = r.length + s.length;
  out.set(r, 2);
  out.set(s, 2 + r.length);
  return out;
}

/** DER INTEGER of an unsigned big-endian value: minimal, with a 0x00 if the high bit is set. */
function derInteger(unsigned: Uint8Array): Uint8Array {
  let start = 0;
  while (start < unsigned.length - 1 && unsigned[start] === 0) start++;
  const body = unsigned.subarray(start);
  const pad = (body[0]! & 0x80) !== 0 ? 1 : 0;
  const out = new Uint8Array(2 + pad + body.length);
  out[0] = 0x02;
  out[1] = pad + body.length;
  out.set(body, 2 + pad);
  return out;
}

/** Signs `data` with a stored PKCS#8 key, returning the signature in WebAuthn's format for `alg`. */
export async function sign(alg: number, privateKeyPkcs8: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  assertAlgorithm(alg, 'sign');
  if (!(privateKeyPkcs8 instanceof Uint8Array) || privateKeyPkcs8.length === 0) {
    throw new TypeError('sign: privateKeyPkcs8 must be a non-empty Uint8Array');
  }
  if (!(data instanceof Uint8Array)) throw new TypeError('sign: data must be a Uint8Array');
  const s = subtle();
  let key: CryptoKey;
  try {
    key = await s.importKey('pkcs8', asBufferSource(privateKeyPkcs8), importParams(alg), false, ['sign']);
  } catch (error) {
    // Wrong algorithm for the stored key, or a corrupted key: never include key bytes in the message.
    throw new Error(`sign: the stored private key could not be imported as COSE algorithm ${alg} (${(error as Error).name})`);
  }
  const signature = new Uint8Array(await s.sign(signParams(alg), key, asBufferSource(data)));
  return alg === COSE_ALG_ES256 ? ecdsaRawToDer(signature) : signature;
}
