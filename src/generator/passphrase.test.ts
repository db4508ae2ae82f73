import { describe, expect, it } from 'vitest';
import { DEFAULT_PASSPHRASE_OPTIONS, generatePassphrase, passphraseEntropyBits } from './passphrase';
import { scriptedSource } from './test-helpers';
import { WORD_LIST_SIZE, loadWordList } from './wordlist';

const RUNS = 300;

describe('loadWordList', () => {
  it('has the 7,776 distinct words of the EFF long list in dice-key order', async () => {
    const words = await loadWordList();
    expect(words).toHaveLength(WORD_LIST_SIZE);
    expect(WORD_LIST_SIZE).toBe(6 ** 5);
    expect(new Set(words).size).toBe(WORD_LIST_SIZE);
    // 11111 and 66666 in the published list.
    expect(words[0]).toBe('abacus');
    expect(words[WORD_LIST_SIZE - 1]).toBe('zoom');
    for (const word of words) expect(word).toMatch(/^[a-z-]+$/);
  });

  it('gives each caller its own copy', async () => {
    const first = await loadWordList();
    first.reverse();
    expect((await loadWordList())[0]).toBe('abacus');
  });
});

describe('generatePassphrase', () => {
  it('defaults to five capitalised words joined by "-", one carrying a digit', async () => {
    expect(DEFAULT_PASSPHRASE_OPTIONS).toEqual({ words: 5, separator: '-', capitalize: true, includeNumber: true });
    const passphrase = await generatePassphrase();
    expect(passphrase.split('-')).toHaveLength(5);
  });

  it('respects word count, separator, capitalisation and the number', async () => {
    const list = new Set(await loadWordList());
    const cases = [
      { words: 3, separator: ' ', capitalize: false, includeNumber: false },
      { words: 20, separator: '.', capitalize: true, includeNumber: false },
      { words: 6, separator: '_+', capitalize: false, includeNumber: true },
      { words: 4, separator: '', capitalize: true, includeNumber: true },
    ];
    for (const options of cases) {
      for (let i = 0; i < RUNS; i++) {
        const passphrase = await generatePassphrase(options);
        const digits = passphrase.match(/\d/g) ?? [];
        expect(digits).toHaveLength(options.includeNumber ? 1 : 0);
        if (options.separator === '') {
          // Word boundaries are the capitals; hyphenated list words such as "t-shirt" have none inside.
          const words = passphrase.replace(/\d/, '').split(/(?=[A-Z])/);
          expect(words).toHaveLength(options.words);
          continue;
        }
        const parts = passphrase.split(options.separator);
        expect(parts).toHaveLength(options.words);
        const numbered = parts.filter((part) => /\d$/.test(part));
        expect(numbered).toHaveLength(options.includeNumber ? 1 : 0);
        for (const part of parts) {
          const word = part.replace(/\d$/, '');
          expect(list.has(word.toLowerCase())).toBe(true);
          expect(word.charAt(0)).toBe(options.capitalize ? word.charAt(0).toUpperCase() : word.charAt(0).toLowerCase());
        }
      }
    }
  });

  it('draws words by unbiased index', async () => {
    // Word draws, then the word for the digit, then the digit.
    const source = scriptedSource([0, WORD_LIST_SIZE - 1, 0xffffffff, 1, 2, 7]);
    expect(await generatePassphrase({ words: 3, separator: ' ', capitalize: false, includeNumber: true }, source)).toBe(
      'abacus zoom abdomen7',
    );
  });

  it.each([
    [{ words: 2 }, /word count must be a whole number from 3 to 20, got 2/],
    [{ words: 21 }, /got 21/],
    [{ separator: '---------' }, /separator must be a string of at most 8 characters/],
    [{ capitalize: 1 as unknown as boolean }, /"capitalize" must be true or false/],
  ])('rejects %o', async (options, message) => {
    await expect(generatePassphrase(options)).rejects.toThrow(message);
  });
});

describe('passphraseEntropyBits', () => {
  it('is words × log2(7776), plus log2(10 × words) with a number', () => {
    expect(passphraseEntropyBits({ words: 5, includeNumber: false })).toBeCloseTo(5 * Math.log2(7776), 10);
    expect(passphraseEntropyBits({ words: 5, includeNumber: true })).toBeCloseTo(5 * Math.log2(7776) + Math.log2(50), 10);
    expect(passphraseEntropyBits({ words: 6, includeNumber: false })).toBeGreaterThan(77);
  });
});
