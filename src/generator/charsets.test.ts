import { describe, expect, it } from 'vitest';
import {
  AMBIGUOUS,
  ASCII_PRINTABLE,
  DIGITS,
  GENERATOR_CHARACTERS,
  LOWER,
  SYMBOLS,
  UPPER,
  describeCharacters,
  intersectChars,
  isSubsetOf,
  subtractChars,
  unionChars,
  withoutAmbiguous,
} from './charsets';

describe('character sets', () => {
  it('has the expected sizes and no duplicates', () => {
    for (const [set, size] of [
      [LOWER, 26],
      [UPPER, 26],
      [DIGITS, 10],
      [SYMBOLS, 32],
      [ASCII_PRINTABLE, 95],
      [GENERATOR_CHARACTERS, 94],
    ] as const) {
      expect(set.length).toBe(size);
      expect(new Set(set).size).toBe(size);
    }
  });

  it('has as symbols exactly the printable ASCII that is neither letter, digit nor space', () => {
    const expected = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i))
      .filter((c) => /[^A-Za-z0-9 ]/.test(c))
      .join('');
    expect([...SYMBOLS].sort().join('')).toBe([...expected].sort().join(''));
  });

  it('lists the usual confusables as ambiguous', () => {
    for (const c of 'Il1O0o|`\'"') expect(AMBIGUOUS).toContain(c);
  });
});

describe('set helpers', () => {
  it('unions, intersects and subtracts by character', () => {
    expect(unionChars('abc', 'cd', 'a')).toBe('abcd');
    expect(intersectChars('abcdef', 'bdf', 'fdx')).toBe('df');
    expect(subtractChars('abcabc', 'b')).toBe('ac');
    expect(isSubsetOf('ca', 'abc')).toBe(true);
    expect(isSubsetOf('cz', 'abc')).toBe(false);
  });

  it('drops ambiguous characters unless nothing would be left', () => {
    expect(withoutAmbiguous(DIGITS)).toBe('23456789');
    expect(withoutAmbiguous('Il1')).toBe('Il1');
  });

  it('names well-known sets and quotes the rest', () => {
    expect(describeCharacters(DIGITS)).toBe('digits');
    expect(describeCharacters(UPPER + LOWER)).toBe('letters');
    expect(describeCharacters('-_')).toBe('"-_"');
  });
});
