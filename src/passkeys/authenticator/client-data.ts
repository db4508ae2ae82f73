// clientDataJSON, serialized exactly as WebAuthn L3 §5.8.1.1 prescribes, so
// RPs that verify it with a limited (non-JSON) parser accept it. The fields
// are written in a fixed order with the spec's own string escaping
// (CCDToString), not with JSON.stringify, whose escaping differs.

import { toBase64Url, utf8Encode } from '../../vault/bytes';

export type ClientDataType = 'webauthn.create' | 'webauthn.get';

export interface ClientDataInput {
  type: ClientDataType;
  challenge: Uint8Array;
  /** The caller's true origin, established by the extension, never taken from the page's request. */
  origin: string;
  crossOrigin: boolean;
  /** Required exactly when crossOrigin is true. */
  topOrigin?: string;
}

// Lone surrogates have no UTF-8 encoding; the spec's input is a sequence of code points.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** CCDToString (§5.8.1.1): quote, escape `"` and `\`, and \u-escape everything below U+0020. */
export function ccdToString(input: string): string {
  if (typeof input !== 'string') throw new TypeError('ccdToString: input must be a string');
  if (LONE_SURROGATE.test(input)) throw new TypeError('ccdToString: input contains an unpaired surrogate');
  let encoded = '"';
  for (const ch of input) {
    const code = ch.codePointAt(0)!;
    if (code === 0x22) encoded += '\\"';
    else if (code === 0x5c) encoded += '\\\\';
    else if (code < 0x20) encoded += '\\u' + code.toString(16).padStart(4, '0');
    else encoded += ch;
  }
  return encoded + '"';
}

export function buildClientDataJSON(input: ClientDataInput): Uint8Array {
  const { type, challenge, origin, crossOrigin, topOrigin } = input;
  if (type !== 'webauthn.create' && type !== 'webauthn.get') throw new TypeError(`clientData: unknown type ${JSON.stringify(type)}`);
  if (!(challenge instanceof Uint8Array)) throw new TypeError('clientData: challenge must be a Uint8Array');
  if (typeof origin !== 'string' || origin === '') throw new TypeError('clientData: origin must be a non-empty string');
  if (typeof crossOrigin !== 'boolean') throw new TypeError('clientData: crossOrigin must be a boolean');
  if (crossOrigin && (typeof topOrigin !== 'string' || topOrigin === '')) {
    throw new TypeError('clientData: topOrigin is required when crossOrigin is true');
  }
  if (!crossOrigin && topOrigin !== undefined) throw new TypeError('clientData: topOrigin must be absent unless crossOrigin is true');

  let json = '{"type":' + ccdToString(type);
  json += ',"challenge":' + ccdToString(toBase64Url(challenge));
  json += ',"origin":' + ccdToString(origin);
  json += ',"crossOrigin":' + (crossOrigin ? 'true' : 'false');
  if (crossOrigin) json += ',"topOrigin":' + ccdToString(topOrigin!);
  return utf8Encode(json + '}');
}
