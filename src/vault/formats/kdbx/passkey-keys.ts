// Passkey private keys as KeePassXC stores them: PKCS#8 in PEM. The COSE
// algorithm is read from the key's algorithm identifier.
import { fromBase64 } from '../../bytes';

const OID_EC_PUBLIC_KEY_P256 = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
const OID_ED25519 = [0x06, 0x03, 0x2b, 0x65, 0x70];
const OID_RSA = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

function contains(haystack: Uint8Array, needle: readonly number[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length && i < 64; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** COSE algorithm of a PKCS#8 key (ES256 -7, EdDSA -8, RS256 -257), or null if unknown. */
export function coseAlgorithmOf(pkcs8: Uint8Array): number | null {
  // The algorithm identifier sits in the first few dozen bytes of PKCS#8.
  if (contains(pkcs8, OID_EC_PUBLIC_KEY_P256)) return -7;
  if (contains(pkcs8, OID_ED25519)) return -8;
  if (contains(pkcs8, OID_RSA)) return -257;
  return null;
}

export function pemFromBase64(base64: string): string {
  const lines = base64.match(/.{1,64}/g) ?? [];
  return ['-----BEGIN PRIVATE KEY-----', ...lines, '-----END PRIVATE KEY-----'].join('\n');
}

/** Standard base64 of the DER inside a PEM "PRIVATE KEY" block; throws if it is not one. */
export function base64FromPem(pem: string): string {
  const match = /-----BEGIN PRIVATE KEY-----([\sA-Za-z0-9+/=]*)-----END PRIVATE KEY-----/.exec(pem);
  if (!match) throw new Error('not a PEM "PRIVATE KEY" block');
  const body = match[1]!.replace(/\s+/g, '');
  fromBase64(body);
  return body;
}
