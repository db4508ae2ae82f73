// Shared by the generator's tests only.
import type { RandomSource } from './random';

/** Pearson's chi-squared statistic of observed counts against equal expected counts. */
export function chiSquaredUniform(counts: readonly number[]): number {
  const total = counts.reduce((sum, count) => sum + count, 0);
  const expected = total / counts.length;
  return counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
}

// Critical values of the chi-squared distribution at p = 0.0001, by degrees of freedom, so a
// correct generator fails a uniformity test about once in 10,000 runs.
export const CHI_SQUARED_CRITICAL_P0001: Readonly<Record<number, number>> = {
  5: 25.745,
  19: 50.795,
  61: 110.84,
  93: 152.45,
};

/** A random source that hands out the given values in order, then fails loudly. */
export function scriptedSource(values: readonly number[]): RandomSource & { used: () => number } {
  let next = 0;
  const source = (buffer: Uint32Array): void => {
    for (let i = 0; i < buffer.length; i++) {
      if (next >= values.length) throw new Error('scriptedSource: ran out of values');
      buffer[i] = values[next++]!;
    }
  };
  return Object.assign(source, { used: () => next });
}
