// RFC 6238 time-based one-time passwords (RFC 4226 HOTP over a time counter),
// computed with WebCrypto HMAC so it runs in the service worker as-is.

import { asBufferSource, assertBytes, describe } from './bytes';

export type TotpAlgorithm = 'SHA-1' | 'SHA-256' | 'SHA-512';

export interface TotpParams {
  secret: Uint8Array;
  algorithm: TotpAlgorithm;
  digits: 6 | 8;
  period: number;
}

export const TOTP_DEFAULT_PERIOD = 30;
/** 80 bits: the shortest secret real services hand out; shorter input is almost surely not a secret. */
export const TOTP_MIN_SECRET_BYTES = 10;
const MAX_PERIOD_SECONDS = 3600;

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Decodes RFC 4648 base32 the way authenticator apps do: case-insensitive,
 * spaces, hyphens and trailing `=` ignored, leftover bits dropped (many sites
 * generate secrets as random base32 characters, not from whole bytes).
 */
export function decodeBase32(text: string): Uint8Array {
  if (typeof text !== 'string') throw new TypeError(`base32 secret must be a string, got ${describe(text)}`);
  const cleaned = text.replace(/[\s-]+/g, '').replace(/=+$/, '').toUpperCase();
  if (cleaned.length === 0) throw new Error('TOTP secret is empty');
  const out = new Uint8Array(Math.floor((cleaned.length * 5) / 8));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < cleaned.length; i++) {
    const value = BASE32_ALPHABET.indexOf(cleaned[i]!);
    if (value < 0) {
      throw new Error(`TOTP secret is not valid base32: unexpected character ${JSON.stringify(cleaned[i])}`);
    }
    acc = ((acc << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

function parseAlgorithm(raw: string | null): TotpAlgorithm {
  if (raw === null) return 'SHA-1';
  switch (raw.toUpperCase().replace('-', '')) {
    case 'SHA1':
      return 'SHA-1';
    case 'SHA256':
      return 'SHA-256';
    case 'SHA512':
      return 'SHA-512';
    default:
      throw new Error(`Unsupported TOTP algorithm ${JSON.stringify(raw)}; expected SHA1, SHA256 or SHA512`);
  }
}

function parseDigits(raw: string | null): 6 | 8 {
  if (raw === null) return 6;
  if (raw === '6') return 6;
  if (raw === '8') return 8;
  throw new Error(`Unsupported TOTP digit count ${JSON.stringify(raw)}; expected 6 or 8`);
}

function parsePeriod(raw: string | null): number {
  if (raw === null) return TOTP_DEFAULT_PERIOD;
  const period = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(period) || period < 1 || period > MAX_PERIOD_SECONDS) {
    throw new Error(`Invalid TOTP period ${JSON.stringify(raw)}; expected whole seconds between 1 and ${MAX_PERIOD_SECONDS}`);
  }
  return period;
}

function checkedSecret(base32: string): Uint8Array {
  const secret = decodeBase32(base32);
  if (secret.length < TOTP_MIN_SECRET_BYTES) {
    throw new Error(
      `TOTP secret is too short (${secret.length} bytes); expected at least ${TOTP_MIN_SECRET_BYTES} bytes (16 base32 characters)`,
    );
  }
  return secret;
}

function parseOtpauthUri(uri: string): TotpParams {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new Error('TOTP URI is not a valid URL');
  }
  const kind = url.host.toLowerCase();
  if (kind === 'hotp') throw new Error('Counter-based (HOTP) one-time passwords are not supported; only TOTP');
  if (kind !== 'totp') throw new Error(`Unsupported otpauth type ${JSON.stringify(kind)}; expected otpauth://totp/`);
  const secret = url.searchParams.get('secret');
  if (secret === null || secret.trim() === '') throw new Error('TOTP URI has no secret parameter');
  return {
    secret: checkedSecret(secret),
    algorithm: parseAlgorithm(url.searchParams.get('algorithm')),
    digits: parseDigits(url.searchParams.get('digits')),
    period: parsePeriod(url.searchParams.get('period')),
  };
}

/**
 * Accepts an `otpauth://totp/...` URI or a bare base32 secret (with the
 * authenticator defaults SHA-1, 6 digits, 30 s).
 */
export function parseTotp(input: string): TotpParams {
  if (typeof input !== 'string') throw new TypeError(`TOTP input must be a string, got ${describe(input)}`);
  const trimmed = input.trim();
  if (trimmed === '') throw new Error('TOTP secret is empty');
  if (/^otpauth:/i.test(trimmed)) return parseOtpauthUri(trimmed);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    throw new Error('TOTP value looks like a URL but is not an otpauth://totp/ URI');
  }
  return {
    secret: checkedSecret(trimmed),
    algorithm: 'SHA-1',
    digits: 6,
    period: TOTP_DEFAULT_PERIOD,
  };
}

function assertTotpParams(params: TotpParams): void {
  if (typeof params !== 'object' || params === null) throw new TypeError('TOTP params must be an object');
  assertBytes(params.secret, 'TOTP secret');
  if (params.secret.length === 0) throw new RangeError('TOTP secret must not be empty');
  if (!['SHA-1', 'SHA-256', 'SHA-512'].includes(params.algorithm)) {
    throw new RangeError(`Unsupported TOTP algorithm ${JSON.stringify(params.algorithm)}`);
  }
  if (params.digits !== 6 && params.digits !== 8) throw new RangeError(`TOTP digits must be 6 or 8, got ${String(params.digits)}`);
  assertPeriod(params.period);
}

function assertPeriod(period: number): void {
  if (!Number.isSafeInteger(period) || period < 1 || period > MAX_PERIOD_SECONDS) {
    throw new RangeError(`TOTP period must be whole seconds between 1 and ${MAX_PERIOD_SECONDS}, got ${String(period)}`);
  }
}

function assertTime(timeMs: number): void {
  if (typeof timeMs !== 'number' || !Number.isFinite(timeMs) || timeMs < 0) {
    throw new RangeError(`time must be a non-negative number of milliseconds, got ${String(timeMs)}`);
  }
}

/** The code shown to the user at `timeMs` (Unix epoch milliseconds). */
export async function totpCode(params: TotpParams, timeMs: number): Promise<string> {
  assertTotpParams(params);
  assertTime(timeMs);
  const counter = Math.floor(Math.floor(timeMs / 1000) / params.period);
  // 8-byte big-endian counter; split because bit operators are 32-bit.
  const message = new Uint8Array(8);
  const view = new DataView(message.buffer);
  view.setUint32(0, Math.floor(counter / 2 ** 32));
  view.setUint32(4, counter >>> 0);

  const key = await globalThis.crypto.subtle.importKey(
    'raw',
    asBufferSource(params.secret),
    { name: 'HMAC', hash: params.algorithm },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', key, message));

  // RFC 4226 section 5.3 dynamic truncation.
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary =
    ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** params.digits).padStart(params.digits, '0');
}

/** Whole seconds until the code changes, in 1..period. */
export function secondsRemaining(period: number, timeMs: number): number {
  assertPeriod(period);
  assertTime(timeMs);
  return period - (Math.floor(timeMs / 1000) % period);
}
