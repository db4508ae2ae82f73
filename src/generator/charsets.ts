// Character sets, each a string of distinct characters, and set operations on them. Sets are
// compared by code point (Array.from) so a stray astral character never splits in two.

export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const DIGITS = '0123456789';
/** The 32 ASCII punctuation and symbol characters (no space). */
export const SYMBOLS = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
/** Every printable ASCII character, space included (U+0020 to U+007E). */
export const ASCII_PRINTABLE = ' ' + SYMBOLS + DIGITS + UPPER + LOWER;
/** Everything the password generator ever produces: printable ASCII without the space. */
export const GENERATOR_CHARACTERS = LOWER + UPPER + DIGITS + SYMBOLS;
/**
 * Characters easily mistaken for one another when read aloud or copied by hand: I l 1 | look
 * alike, as do O 0 o, and the quote marks and backtick vary by font.
 */
export const AMBIGUOUS = 'Il1|O0o`\'"';

export type CharacterClassName = 'lower' | 'upper' | 'digits' | 'symbols';

export const CHARACTER_CLASSES: Readonly<Record<CharacterClassName, string>> = Object.freeze({
  lower: LOWER,
  upper: UPPER,
  digits: DIGITS,
  symbols: SYMBOLS,
});

export const CHARACTER_CLASS_NAMES: readonly CharacterClassName[] = ['lower', 'upper', 'digits', 'symbols'];

export function chars(set: string): string[] {
  return Array.from(set);
}

/** The distinct characters of all the given sets, in order of first appearance. */
export function unionChars(...sets: string[]): string {
  return [...new Set(sets.flatMap(chars))].join('');
}

/** The characters of `set` that are also in every one of `others`. */
export function intersectChars(set: string, ...others: string[]): string {
  const keep = others.map((other) => new Set(chars(other)));
  return [...new Set(chars(set))].filter((c) => keep.every((k) => k.has(c))).join('');
}

/** The characters of `set` that are not in `removed`. */
export function subtractChars(set: string, removed: string): string {
  const drop = new Set(chars(removed));
  return [...new Set(chars(set))].filter((c) => !drop.has(c)).join('');
}

export function isSubsetOf(set: string, superset: string): boolean {
  const outer = new Set(chars(superset));
  return chars(set).every((c) => outer.has(c));
}

export function hasAnyOf(text: string, set: string): boolean {
  const wanted = new Set(chars(set));
  return chars(text).some((c) => wanted.has(c));
}

/** The set without ambiguous characters, unless that would leave it empty. */
export function withoutAmbiguous(set: string): string {
  const clear = subtractChars(set, AMBIGUOUS);
  return clear.length > 0 ? clear : set;
}

/** A short readable name for a set, for messages: a class name when it is one, else the characters. */
export function describeCharacters(set: string): string {
  const distinct = unionChars(set);
  const named: [string, string][] = [
    ['lowercase letters', LOWER],
    ['uppercase letters', UPPER],
    ['digits', DIGITS],
    ['symbols', SYMBOLS],
    ['letters', LOWER + UPPER],
    ['letters and digits', LOWER + UPPER + DIGITS],
    ['printable ASCII characters', ASCII_PRINTABLE],
  ];
  for (const [name, members] of named) {
    if (distinct.length === members.length && isSubsetOf(members, distinct)) return name;
  }
  return `"${distinct}"`;
}
