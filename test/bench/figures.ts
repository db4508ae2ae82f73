// What a benchmark reports: named figures with a unit and, where the product
// promises one, a budget (a ceiling, or a floor with atLeast) that the table
// marks as met or missed.
export interface Figure {
  name: string;
  value: number;
  unit: 'ms' | 'µs' | 'ratio' | 'KiB' | 'items';
  /** The value must stay at or below this. */
  budget?: number;
  /** The value must reach at least this (a precision or recall goal). */
  atLeast?: number;
}

export interface Benchmark {
  title: string;
  run(): Promise<Figure[]>;
}

/** Median of `runs` timings of `fn`, in milliseconds, after one warm-up run. */
export async function medianMs(runs: number, fn: () => unknown): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
