import { describe, expect, it } from 'vitest';
import { utf8Encode } from './bytes';
import { decodeBase32, parseTotp, secondsRemaining, totpCode } from './totp';
import type { TotpAlgorithm } from './totp';

// RFC 6238 Appendix B: ASCII seeds sized to each hash, 8 digits, 30 s steps.
const SEEDS: Record<TotpAlgorithm, Uint8Array> = {
  'SHA-1': utf8Encode('12345678901234567890'),
  'SHA-256': utf8Encode('12345678901234567890123456789012'),
  'SHA-512': utf8Encode('1234567890123456789012345678901234567890123456789012345678901234'),
};
const RFC_VECTORS: [number, string, string, string][] = [
  // seconds, SHA-1, SHA-256, SHA-512
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('totpCode (RFC 6238 Appendix B)', () => {
  for (const [seconds, sha1, sha256, sha512] of RFC_VECTORS) {
    it(`T=${seconds}`, async () => {
      const expected: Record<TotpAlgorithm, string> = { 'SHA-1': sha1, 'SHA-256': sha256, 'SHA-512': sha512 };
      for (const algorithm of ['SHA-1', 'SHA-256', 'SHA-512'] as const) {
        const code = await totpCode({ secret: SEEDS[algorithm], algorithm, digits: 8, period: 30 }, seconds * 1000);
        expect(code, algorithm).toBe(expected[algorithm]);
      }
    });
  }

  it('gives the 6-digit suffix with digits: 6 and keeps leading zeros', async () => {
    const code = await totpCode({ secret: SEEDS['SHA-1'], algorithm: 'SHA-1', digits: 6, period: 30 }, 1111111109_000);
    expect(code).toBe('081804');
  });

  it('rejects bad params and times', async () => {
    const params = { secret: SEEDS['SHA-1'], algorithm: 'SHA-1' as const, digits: 6 as const, period: 30 };
    await expect(totpCode({ ...params, digits: 7 as 6 }, 0)).rejects.toThrow(/digits must be 6 or 8/);
    await expect(totpCode({ ...params, period: 0 }, 0)).rejects.toThrow(/period/);
    await expect(totpCode({ ...params, secret: new Uint8Array() }, 0)).rejects.toThrow(/must not be empty/);
    await expect(totpCode(params, -1)).rejects.toThrow(/non-negative/);
    await expect(totpCode(params, NaN)).rejects.toThrow(/non-negative/);
  });
});

describe('parseTotp', () => {
  // base32("12345678901234567890")
  const RFC_SECRET_B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

  it('parses a bare base32 secret with defaults, tolerating spaces and lowercase', async () => {
    const parsed = parseTotp(' gezd gnbv gy3t qojq gezd gnbv gy3t qojq ');
    expect(parsed).toEqual({ secret: SEEDS['SHA-1'], algorithm: 'SHA-1', digits: 6, period: 30 });
    expect(await totpCode(parsed, 59_000)).toBe('287082');
  });

  it('tolerates padding and hyphens', () => {
    expect(decodeBase32('MFRGG===')).toEqual(utf8Encode('abc'));
    expect(decodeBase32('mfr-gg')).toEqual(utf8Encode('abc'));
  });

  it('parses a full otpauth URI', async () => {
    const uri =
      'otpauth://totp/ACME%20Co:john.doe@email.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA' +
      '&issuer=ACME%20Co&algorithm=SHA256&digits=8&period=60';
    const parsed = parseTotp(uri);
    expect(parsed.algorithm).toBe('SHA-256');
    expect(parsed.digits).toBe(8);
    expect(parsed.period).toBe(60);
    expect(parsed.secret).toEqual(SEEDS['SHA-256']);
    // period 60 at t=118 s is counter 1, the same as the RFC's t=59 s at period 30.
    expect(await totpCode(parsed, 118_000)).toBe('46119246');
  });

  it('applies URI defaults and accepts case variations', () => {
    const parsed = parseTotp(`OTPAUTH://TOTP/x?secret=${RFC_SECRET_B32.toLowerCase()}&algorithm=sha512`);
    expect(parsed).toMatchObject({ algorithm: 'SHA-512', digits: 6, period: 30 });
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['not base32!', /not valid base32/],
    ['GEZDGNBV', /too short \(5 bytes\)/],
    ['otpauth://hotp/x?secret=' + RFC_SECRET_B32 + '&counter=1', /HOTP/],
    ['otpauth://totp/x', /no secret/],
    ['otpauth://totp/x?secret=' + RFC_SECRET_B32 + '&algorithm=MD5', /Unsupported TOTP algorithm "MD5"/],
    ['otpauth://totp/x?secret=' + RFC_SECRET_B32 + '&digits=7', /digit count "7"/],
    ['otpauth://totp/x?secret=' + RFC_SECRET_B32 + '&period=0', /Invalid TOTP period "0"/],
    ['otpauth://totp/x?secret=' + RFC_SECRET_B32 + '&period=30s', /Invalid TOTP period/],
    ['https://example.com/?secret=' + RFC_SECRET_B32, /not an otpauth/],
  ])('rejects %j', (input, message) => {
    expect(() => parseTotp(input)).toThrow(message);
  });
});

describe('secondsRemaining', () => {
  it('counts down within the period', () => {
    expect(secondsRemaining(30, 0)).toBe(30);
    expect(secondsRemaining(30, 1_000)).toBe(29);
    expect(secondsRemaining(30, 29_999)).toBe(1);
    expect(secondsRemaining(30, 30_000)).toBe(30);
    expect(secondsRemaining(60, 59_000)).toBe(1);
  });
  it('rejects bad input', () => {
    expect(() => secondsRemaining(0, 0)).toThrow(/period/);
    expect(() => secondsRemaining(30, -5)).toThrow(/non-negative/);
  });
});
