// Unbiased randomness for the generators. Every choice goes through randomInt, which draws 32-bit
// values from the platform CSPRNG and rejects the few that would make `value % n` favour small
// results (modulo bias). A source can be injected so tests can drive the rejection path.

/** Fills the buffer with random 32-bit values, like crypto.getRandomValues. */
export type RandomSource = (buffer: Uint32Array) => void;

export const cryptoRandomSource: RandomSource = (buffer) => {
  globalThis.crypto.getRandomValues(buffer);
};

const TWO_POW_32 = 2 ** 32;

// Generating one password takes dozens of draws; asking the CSPRNG for 256 values at a time
// instead of one saves most of the cost. Only the default source is pooled, so an injected
// source still sees exactly the draws made.
const pooled = new Uint32Array(256);
let pooledLeft = 0;

function drawUint32(random: RandomSource, single: Uint32Array): number {
  if (random === cryptoRandomSource) {
    if (pooledLeft === 0) {
      cryptoRandomSource(pooled);
      pooledLeft = pooled.length;
    }
    pooledLeft--;
    const value = pooled[pooledLeft]!;
    pooled[pooledLeft] = 0; // used values do not linger in memory
    return value;
  }
  random(single);
  return single[0]!;
}

// A real source is rejected with probability below 1/2 per draw, so 128 rejections in a row
// (chance under 2^-128) can only mean a broken source; failing beats looping for ever.
const MAX_REJECTIONS = 128;

/** A uniformly distributed integer in [0, maxExclusive). maxExclusive may be 1 to 2^32. */
export function randomInt(maxExclusive: number, random: RandomSource = cryptoRandomSource): number {
  if (!Number.isInteger(maxExclusive) || maxExclusive < 1 || maxExclusive > TWO_POW_32) {
    throw new RangeError(`randomInt: maxExclusive must be an integer from 1 to 2^32, got ${maxExclusive}`);
  }
  if (maxExclusive === 1) return 0;
  // The largest multiple of maxExclusive not above 2^32: values from it upwards form the partial,
  // biased last block, so they are drawn again.
  const limit = TWO_POW_32 - (TWO_POW_32 % maxExclusive);
  const single = new Uint32Array(1);
  for (let draw = 0; draw < MAX_REJECTIONS; draw++) {
    const value = drawUint32(random, single);
    if (value < limit) return value % maxExclusive;
  }
  throw new Error(`randomInt: the random source returned ${MAX_REJECTIONS} values in the rejected range; it is broken`);
}

/** One element of a non-empty array, each equally likely. */
export function randomChoice<T>(items: readonly T[], random: RandomSource = cryptoRandomSource): T {
  if (items.length === 0) throw new RangeError('randomChoice: cannot choose from an empty array');
  return items[randomInt(items.length, random)]!;
}

/** Shuffles the array in place (Fisher–Yates, every order equally likely) and returns it. */
export function shuffle<T>(items: T[], random: RandomSource = cryptoRandomSource): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1, random);
    const held = items[i]!;
    items[i] = items[j]!;
    items[j] = held;
  }
  return items;
}
