// Passphrases of words drawn uniformly from the EFF long list. Each word carries log2(7776)
// ≈ 12.9 bits; the optional number adds a digit at a random word's end.
import { cryptoRandomSource, randomInt } from './random';
import type { RandomSource } from './random';
import { WORD_LIST_SIZE, loadWordList } from './wordlist';

export { loadWordList } from './wordlist';

export interface PassphraseOptions {
  /** 3 to 20; default 5. */
  words: number;
  /** Placed between words; up to 8 characters, may be empty. Default "-". */
  separator: string;
  /** Upper-case the first letter of every word. */
  capitalize: boolean;
  /** Append one digit (0–9) to one randomly chosen word. */
  includeNumber: boolean;
}

export const PASSPHRASE_WORDS_MIN = 3;
export const PASSPHRASE_WORDS_MAX = 20;
export const PASSPHRASE_SEPARATOR_MAX = 8;

export const DEFAULT_PASSPHRASE_OPTIONS: Readonly<PassphraseOptions> = Object.freeze({
  words: 5,
  separator: '-',
  capitalize: true,
  includeNumber: true,
});

export function resolvePassphraseOptions(options: Partial<PassphraseOptions> = {}): PassphraseOptions {
  if (typeof options !== 'object' || options === null) throw new TypeError('Passphrase options must be an object');
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const resolved: PassphraseOptions = { ...DEFAULT_PASSPHRASE_OPTIONS, ...defined };
  const { words, separator } = resolved;
  if (!Number.isInteger(words) || words < PASSPHRASE_WORDS_MIN || words > PASSPHRASE_WORDS_MAX) {
    throw new RangeError(
      `Passphrase word count must be a whole number from ${PASSPHRASE_WORDS_MIN} to ${PASSPHRASE_WORDS_MAX}, got ${String(words)}`,
    );
  }
  if (typeof separator !== 'string' || separator.length > PASSPHRASE_SEPARATOR_MAX) {
    throw new RangeError(`Passphrase separator must be a string of at most ${PASSPHRASE_SEPARATOR_MAX} characters`);
  }
  for (const name of ['capitalize', 'includeNumber'] as const) {
    if (typeof resolved[name] !== 'boolean') {
      throw new TypeError(`Passphrase option "${name}" must be true or false, got ${String(resolved[name])}`);
    }
  }
  return resolved;
}

export async function generatePassphrase(
  options: Partial<PassphraseOptions> = {},
  random: RandomSource = cryptoRandomSource,
): Promise<string> {
  const resolved = resolvePassphraseOptions(options);
  const list = await loadWordList();
  const words = Array.from({ length: resolved.words }, () => list[randomInt(list.length, random)]!);
  const shaped = resolved.capitalize ? words.map(capitalizeFirst) : words;
  if (resolved.includeNumber) {
    const index = randomInt(shaped.length, random);
    shaped[index] = `${shaped[index]!}${randomInt(10, random)}`;
  }
  return shaped.join(resolved.separator);
}

function capitalizeFirst(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * Bits of entropy: words × log2(7776), plus log2(10 × words) for the number (which digit, and
 * which word carries it). Separator and capitals are fixed by the options, so they add nothing.
 */
export function passphraseEntropyBits(options: Partial<PassphraseOptions> = {}): number {
  const { words, includeNumber } = resolvePassphraseOptions(options);
  return words * Math.log2(WORD_LIST_SIZE) + (includeNumber ? Math.log2(10 * words) : 0);
}
