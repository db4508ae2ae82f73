import { describe, expect, it } from 'vitest';
import {
  bytesEqual,
  concatBytes,
  fromBase64,
  fromBase64Url,
  randomBytes,
  toBase64,
  toBase64Url,
  utf8Decode,
  utf8Encode,
} from './bytes';

// Buffer comparison: vitest's deep equality walks large typed arrays slowly.
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
const hex = (s: string) => Uint8Array.from(s.match(/../g) ?? [], (h) => parseInt(h, 16));

describe('base64', () => {
  // RFC 4648 section 10 vectors.
  const vectors: [string, string][] = [
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ];
  it.each(vectors)('encodes and decodes %j', (plain, encoded) => {
    expect(toBase64(utf8Encode(plain))).toBe(encoded);
    expect(utf8Decode(fromBase64(encoded))).toBe(plain);
  });

  it('matches Node Buffer on random data of many lengths', () => {
    for (let n = 0; n < 300; n++) {
      const bytes = randomBytes(n);
      const b64 = Buffer.from(bytes).toString('base64');
      expect(toBase64(bytes)).toBe(b64);
      expect(same(fromBase64(b64), bytes)).toBe(true);
      const url = Buffer.from(bytes).toString('base64url');
      expect(toBase64Url(bytes)).toBe(url);
      expect(same(fromBase64Url(url), bytes)).toBe(true);
    }
  });

  it('round-trips large input', () => {
    const bytes = randomBytes(200_000);
    expect(same(fromBase64(toBase64(bytes)), bytes)).toBe(true);
  });

  it.each([
    ['Zg', /multiple of 4/],
    ['Zg=', /multiple of 4/],
    ['Z===', /invalid character "="/],
    ['Zm9v\n', /multiple of 4/],
    ['Zm 9', /invalid character " "/],
    ['Zm9-', /invalid character "-"/],
    ['Zh==', /non-canonical/],
    ['Zm9=v===', /invalid character/],
    ['é===', /invalid character/],
  ])('rejects invalid base64 %j', (input, message) => {
    expect(() => fromBase64(input)).toThrow(message);
  });

  it('rejects non-strings', () => {
    expect(() => fromBase64(42 as unknown as string)).toThrow(/expected a string/);
  });

  it('base64url rejects padding and standard-alphabet characters', () => {
    expect(() => fromBase64Url('Zg==')).toThrow(/invalid character "="/);
    expect(() => fromBase64Url('a+b/')).toThrow(/invalid character "\+"/);
    expect(() => fromBase64Url('abcde')).toThrow(/impossible/);
  });
});

describe('utf8', () => {
  it('round-trips non-ASCII text', () => {
    const text = 'pässwörd 🔐 日本';
    expect(utf8Decode(utf8Encode(text))).toBe(text);
  });
  it('rejects malformed UTF-8 instead of replacing it', () => {
    expect(() => utf8Decode(hex('c328'))).toThrow(/not valid UTF-8/);
  });
});

describe('randomBytes', () => {
  it('returns the requested length, beyond the 64 KiB getRandomValues limit', () => {
    expect(randomBytes(0).length).toBe(0);
    const big = randomBytes(100_000);
    expect(big.length).toBe(100_000);
    // The tail must be filled too (a zero 32-byte tail is ~2^-256 likely).
    expect(big.subarray(-32).some((b) => b !== 0)).toBe(true);
  });
  it('rejects bad lengths', () => {
    expect(() => randomBytes(-1)).toThrow(/non-negative integer/);
    expect(() => randomBytes(1.5)).toThrow(/non-negative integer/);
  });
});

describe('concatBytes / bytesEqual', () => {
  it('concatenates', () => {
    expect(concatBytes(hex('01'), new Uint8Array(), hex('0203'))).toEqual(hex('010203'));
    expect(concatBytes()).toEqual(new Uint8Array());
  });
  it('rejects non-bytes', () => {
    expect(() => concatBytes(hex('01'), [2] as unknown as Uint8Array)).toThrow(/argument 1 must be a Uint8Array/);
  });
  it('compares', () => {
    expect(bytesEqual(hex('0102'), hex('0102'))).toBe(true);
    expect(bytesEqual(hex('0102'), hex('0103'))).toBe(false);
    expect(bytesEqual(hex('0102'), hex('01'))).toBe(false);
    expect(bytesEqual(new Uint8Array(), new Uint8Array())).toBe(true);
  });
});
