import { describe, expect, it } from 'vitest';
import { AMBIGUOUS, DIGITS, GENERATOR_CHARACTERS, LOWER, SYMBOLS, UPPER, hasAnyOf, isSubsetOf } from './charsets';
import { generatePassword, passwordEntropyBits } from './password';
import { DEFAULT_PASSWORD_OPTIONS, resolvePasswordOptions } from './password-options';
import type { PasswordOptions } from './password-options';
import { CHI_SQUARED_CRITICAL_P0001, chiSquaredUniform } from './test-helpers';

const RUNS = 500;

function count(password: string, set: string): number {
  return [...password].filter((c) => set.includes(c)).length;
}

describe('password options', () => {
  it('defaults to 20 characters from all four classes, at least one of each', () => {
    expect(DEFAULT_PASSWORD_OPTIONS).toMatchObject({ length: 20, lower: true, upper: true, digits: true, symbols: true });
    for (let i = 0; i < 100; i++) {
      const password = generatePassword();
      expect(password).toHaveLength(20);
      for (const set of [LOWER, UPPER, DIGITS, SYMBOLS]) expect(hasAnyOf(password, set)).toBe(true);
    }
  });

  it.each([
    [{ length: 7 }, /length must be a whole number from 8 to 128, got 7/],
    [{ length: 129 }, /from 8 to 128, got 129/],
    [{ length: 12.5 }, /got 12.5/],
    [{ lower: false, upper: false, digits: false, symbols: false, minLower: 0, minUpper: 0, minDigits: 0, minSymbols: 0 }, /at least one kind of character/],
    [{ symbols: false }, /"minSymbols" is 1, but symbols are turned off/],
    [{ minDigits: -1 }, /"minDigits" must be a whole number of 0 or more, got -1/],
    [{ length: 10, minLower: 4, minUpper: 4, minDigits: 4 }, /minimums add up to 13 characters, more than the length of 10/],
    [{ upper: 'yes' as unknown as boolean }, /"upper" must be true or false/],
  ] satisfies [Partial<PasswordOptions>, RegExp][])('rejects %o', (options, message) => {
    expect(() => generatePassword(options)).toThrow(message);
  });

  it('ignores options given as undefined, keeping the defaults', () => {
    expect(resolvePasswordOptions({ length: undefined })).toEqual(DEFAULT_PASSWORD_OPTIONS);
  });
});

describe('generatePassword respects every option', () => {
  const cases: Partial<PasswordOptions>[] = [
    { length: 8 },
    { length: 128 },
    { symbols: false, minSymbols: 0 },
    { lower: false, minLower: 0, upper: false, minUpper: 0, symbols: false, minSymbols: 0, length: 12 },
    { digits: false, minDigits: 0, minSymbols: 5, minUpper: 3 },
    { length: 8, minLower: 2, minUpper: 2, minDigits: 2, minSymbols: 2 },
    { avoidAmbiguous: true },
    { avoidAmbiguous: true, lower: false, minLower: 0, upper: false, minUpper: 0, symbols: false, minSymbols: 0, minDigits: 8, length: 8 },
  ];

  it.each(cases)('%o', (partial) => {
    const options = resolvePasswordOptions(partial);
    const classes: [boolean, number, string][] = [
      [options.lower, options.minLower, LOWER],
      [options.upper, options.minUpper, UPPER],
      [options.digits, options.minDigits, DIGITS],
      [options.symbols, options.minSymbols, SYMBOLS],
    ];
    for (let i = 0; i < RUNS; i++) {
      const password = generatePassword(partial);
      expect(password).toHaveLength(options.length);
      expect(isSubsetOf(password, GENERATOR_CHARACTERS)).toBe(true);
      for (const [enabled, minimum, set] of classes) {
        if (enabled) expect(count(password, set)).toBeGreaterThanOrEqual(minimum);
        else expect(count(password, set)).toBe(0);
      }
      if (options.avoidAmbiguous) expect(hasAnyOf(password, AMBIGUOUS)).toBe(false);
    }
  });

  it('shuffles reserved characters to any position (chi-squared, 19 degrees of freedom, p = 0.0001)', () => {
    // Symbols are off and the site allows no other symbol, so the one "-" the site requires comes
    // only from a reserved position; without the shuffle it would always sit first.
    const options = { upper: false, minUpper: 0, digits: false, minDigits: 0, symbols: false, minSymbols: 0 };
    const rules = { requiredSets: [['-']], allowed: LOWER + '-', source: [] };
    const counts = new Array<number>(20).fill(0);
    for (let i = 0; i < 10_000; i++) {
      const password = generatePassword(options, rules);
      expect(count(password, '-')).toBe(1);
      counts[password.indexOf('-')]!++;
    }
    expect(chiSquaredUniform(counts)).toBeLessThan(CHI_SQUARED_CRITICAL_P0001[19]!);
  });

  it('draws each character of a one-class password uniformly (chi-squared, p = 0.0001)', () => {
    const counts = new Map<string, number>([...SYMBOLS, ...LOWER, ...UPPER, ...DIGITS].map((c) => [c, 0]));
    const options = { length: 100, minLower: 0, minUpper: 0, minDigits: 0, minSymbols: 0 };
    for (let i = 0; i < 600; i++) for (const c of generatePassword(options)) counts.set(c, counts.get(c)! + 1);
    expect(chiSquaredUniform([...counts.values()])).toBeLessThan(CHI_SQUARED_CRITICAL_P0001[93]!);
  });
});

describe('passwordEntropyBits', () => {
  it('is length × log2(charset size)', () => {
    expect(passwordEntropyBits({}, undefined)).toBeCloseTo(20 * Math.log2(94), 10);
    expect(passwordEntropyBits(DIGITS, 6)).toBeCloseTo(6 * Math.log2(10), 10);
    expect(passwordEntropyBits({ length: 16, symbols: false, minSymbols: 0 })).toBeCloseTo(16 * Math.log2(62), 10);
    expect(passwordEntropyBits({ avoidAmbiguous: true }, 10)).toBeCloseTo(10 * Math.log2(94 - AMBIGUOUS.length), 10);
  });

  it('counts repeated characters once and needs a length with a charset', () => {
    expect(passwordEntropyBits('aab', 4)).toBeCloseTo(4, 10);
    expect(passwordEntropyBits('aaaa', 4)).toBe(0);
    expect(() => passwordEntropyBits('abc')).toThrow(/give a length/);
  });
});
