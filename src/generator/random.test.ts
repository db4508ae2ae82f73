import { describe, expect, it } from 'vitest';
import { cryptoRandomSource, randomChoice, randomInt, shuffle } from './random';
import type { RandomSource } from './random';
import { CHI_SQUARED_CRITICAL_P0001, chiSquaredUniform, scriptedSource } from './test-helpers';

const TWO_POW_32 = 2 ** 32;

function countDraws(buckets: number, draws: number, draw: (n: number) => number): number[] {
  const counts = new Array<number>(buckets).fill(0);
  for (let i = 0; i < draws; i++) {
    const value = draw(buckets);
    if (!Number.isInteger(value) || value < 0 || value >= buckets) throw new Error(`out of range: ${value}`);
    counts[value]!++;
  }
  return counts;
}

describe('randomInt', () => {
  it('rejects a bound that is not an integer from 1 to 2^32', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Infinity, TWO_POW_32 + 1]) {
      expect(() => randomInt(bad)).toThrow(/maxExclusive must be an integer from 1 to 2\^32/);
    }
  });

  it('returns 0 for a bound of 1 and accepts the full 2^32 range', () => {
    expect(randomInt(1)).toBe(0);
    expect(randomInt(TWO_POW_32, scriptedSource([0xffffffff]))).toBe(0xffffffff);
  });

  it('is uniform over 6 buckets (chi-squared, 5 degrees of freedom, p = 0.0001)', () => {
    const counts = countDraws(6, 60_000, (n) => randomInt(n));
    expect(chiSquaredUniform(counts)).toBeLessThan(CHI_SQUARED_CRITICAL_P0001[5]!);
  });

  it('is uniform over 62 buckets (chi-squared, 61 degrees of freedom, p = 0.0001)', () => {
    const counts = countDraws(62, 60_000, (n) => randomInt(n));
    expect(chiSquaredUniform(counts)).toBeLessThan(CHI_SQUARED_CRITICAL_P0001[61]!);
  });

  it('draws again for values in the biased tail instead of reducing them modulo n', () => {
    // For n = 6 the last 2^32 mod 6 = 4 values (0xfffffffc and up) would favour 0 to 3.
    const source = scriptedSource([0xffffffff, 0xfffffffc, 0xfffffffb]);
    expect(randomInt(6, source)).toBe(0xfffffffb % 6);
    expect(source.used()).toBe(3);
    // The highest value below the tail is kept at once.
    const kept = scriptedSource([0xfffffffb]);
    expect(randomInt(6, kept)).toBe(5);
    expect(kept.used()).toBe(1);
  });

  it('has no modulo bias where a modulo implementation would show it plainly', () => {
    // With n = 3 * 2^30, `value % n` maps two 32-bit values onto each result below 2^30 and one
    // onto the rest, so results below 2^30 come up half the time instead of a third.
    const n = 3 * 2 ** 30;
    const draws = 30_000;
    const fractionBelow = (draw: () => number): number => {
      let below = 0;
      for (let i = 0; i < draws; i++) if (draw() < 2 ** 30) below++;
      return below / draws;
    };
    const buffer = new Uint32Array(1);
    const moduloOnly = (): number => {
      cryptoRandomSource(buffer);
      return buffer[0]! % n;
    };
    // 1/3 ± 0.025 is more than 9 standard deviations wide at 30,000 draws.
    const isUnbiased = (fraction: number): boolean => Math.abs(fraction - 1 / 3) < 0.025;
    expect(isUnbiased(fractionBelow(() => randomInt(n)))).toBe(true);
    expect(isUnbiased(fractionBelow(moduloOnly))).toBe(false);
  });

  it('fails instead of looping for ever when the source only returns rejected values', () => {
    const stuck: RandomSource = (buffer) => buffer.fill(0xffffffff);
    expect(() => randomInt(6, stuck)).toThrow(/random source .* is broken/);
  });
});

describe('randomChoice', () => {
  it('refuses an empty array', () => {
    expect(() => randomChoice([])).toThrow(/empty array/);
  });

  it('picks the element at the drawn index', () => {
    expect(randomChoice(['a', 'b', 'c'], scriptedSource([4]))).toBe('b');
  });
});

describe('shuffle', () => {
  it('shuffles in place and keeps every element', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const result = shuffle(items);
    expect(result).toBe(items);
    expect([...result].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('makes all 6 orders of 3 elements equally likely (chi-squared, p = 0.0001)', () => {
    const orders = ['abc', 'acb', 'bac', 'bca', 'cab', 'cba'];
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[orders.indexOf(shuffle(['a', 'b', 'c']).join(''))]!++;
    expect(chiSquaredUniform(counts)).toBeLessThan(CHI_SQUARED_CRITICAL_P0001[5]!);
  });

  it('leaves empty and one-element arrays alone without drawing', () => {
    const source = scriptedSource([]);
    expect(shuffle([], source)).toEqual([]);
    expect(shuffle(['x'], source)).toEqual(['x']);
  });
});
