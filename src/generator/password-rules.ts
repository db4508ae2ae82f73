// Parser for the `passwordrules` attribute (Apple's Password Manager Resources syntax), e.g.
//   minlength: 8; maxlength: 16; required: lower, upper; required: digit; allowed: [-_];
// Lenient like the reference parser: unknown properties and classes are skipped, whitespace and
// keyword case do not matter, and every skip is reported in `warnings` instead of thrown.
// Where a value is only partly readable, the readable part is kept: for `required` and `allowed`
// that only narrows the set, so the result stays something the site accepts.
import { ASCII_PRINTABLE, DIGITS, LOWER, SYMBOLS, UPPER, unionChars } from './charsets';
import type { SiteRules } from './site-rules';

export interface ParsedPasswordRules {
  rules: SiteRules;
  warnings: string[];
}

// `special` is every printable ASCII character that is not a letter or digit, space included.
const NAMED_CLASSES: Readonly<Record<string, string>> = {
  upper: UPPER,
  lower: LOWER,
  digit: DIGITS,
  special: ' ' + SYMBOLS,
  'ascii-printable': ASCII_PRINTABLE,
};
// `unicode` means any character at all, so it cannot be listed as a set.
const UNICODE = 'unicode';

type ClassValue = { kind: 'set'; characters: string } | { kind: 'unicode' };

interface Cursor {
  readonly text: string;
  position: number;
  readonly warnings: string[];
}

interface Collected {
  minLength?: number;
  maxLength?: number;
  maxConsecutive?: number;
  required: ClassValue[][];
  allowed: ClassValue[][];
}

export function parsePasswordRules(text: string, sourceLabel = 'passwordrules attribute'): ParsedPasswordRules {
  if (typeof text !== 'string') throw new TypeError('parsePasswordRules: text must be a string');
  const cursor: Cursor = { text, position: 0, warnings: [] };
  const collected: Collected = { required: [], allowed: [] };

  skipWhitespace(cursor);
  while (!atEnd(cursor)) {
    if (peek(cursor) === ';') {
      cursor.position++;
    } else {
      parseProperty(cursor, collected);
      skipWhitespace(cursor);
      if (!atEnd(cursor) && peek(cursor) !== ';') {
        warn(cursor, `unexpected text "${restOfProperty(cursor)}"; skipped to the next ";"`);
        skipToPropertyEnd(cursor);
      }
    }
    skipWhitespace(cursor);
  }
  return { rules: toSiteRules(collected, sourceLabel), warnings: cursor.warnings };
}

function parseProperty(cursor: Cursor, collected: Collected): void {
  const rawName = readIdentifier(cursor);
  if (!rawName) {
    warn(cursor, `expected a property name at "${restOfProperty(cursor)}"; skipped to the next ";"`);
    skipToPropertyEnd(cursor);
    return;
  }
  const name = rawName.toLowerCase();
  skipWhitespace(cursor);
  if (peek(cursor) !== ':') {
    warn(cursor, `expected ":" after "${rawName}"; property ignored`);
    skipToPropertyEnd(cursor);
    return;
  }
  cursor.position++;
  skipWhitespace(cursor);
  if (atEnd(cursor) || peek(cursor) === ';') {
    warn(cursor, `"${rawName}" has no value; ignored`);
    return;
  }

  switch (name) {
    case 'required':
    case 'allowed': {
      const values = parseClassList(cursor, rawName);
      if (values.length === 0) warn(cursor, `"${rawName}" has no usable character class; ignored`);
      else collected[name].push(values);
      return;
    }
    case 'minlength':
      collected.minLength = largest(collected.minLength, parseCount(cursor, rawName, 0));
      return;
    case 'maxlength':
      collected.maxLength = smallest(collected.maxLength, parseCount(cursor, rawName, 1));
      return;
    case 'max-consecutive':
      collected.maxConsecutive = smallest(collected.maxConsecutive, parseCount(cursor, rawName, 1));
      return;
    default:
      warn(cursor, `unknown property "${rawName}" ignored`);
      skipToPropertyEnd(cursor);
  }
}

function parseClassList(cursor: Cursor, propertyName: string): ClassValue[] {
  const values: ClassValue[] = [];
  for (;;) {
    const c = peek(cursor);
    if (c === '[') {
      const characters = parseCustomClass(cursor);
      if (characters === null) return values;
      if (characters === '') warn(cursor, `empty character class "[]" in "${propertyName}" ignored`);
      else values.push({ kind: 'set', characters });
    } else if (c !== undefined && isIdentifierCharacter(c)) {
      const rawClass = readIdentifier(cursor);
      const className = rawClass.toLowerCase();
      const named = NAMED_CLASSES[className];
      if (named !== undefined) values.push({ kind: 'set', characters: named });
      else if (className === UNICODE) values.push({ kind: 'unicode' });
      else warn(cursor, `unknown character class "${rawClass}" in "${propertyName}" ignored`);
    } else {
      warn(cursor, `expected a character class in "${propertyName}" at "${restOfProperty(cursor)}"; rest ignored`);
      skipToPropertyEnd(cursor);
      return values;
    }

    skipWhitespace(cursor);
    if (atEnd(cursor) || peek(cursor) === ';') return values;
    if (peek(cursor) !== ',') {
      warn(cursor, `expected "," or ";" in "${propertyName}" at "${restOfProperty(cursor)}"; rest ignored`);
      skipToPropertyEnd(cursor);
      return values;
    }
    cursor.position++;
    skipWhitespace(cursor);
    if (atEnd(cursor) || peek(cursor) === ';') {
      warn(cursor, `trailing "," in "${propertyName}" ignored`);
      return values;
    }
  }
}

/**
 * A bracketed class such as `[-().&@?'#,/"+]`, with the cursor on its "[". Per the syntax a "-"
 * counts only as the first character (elsewhere it is ignored, as it would read as a range), and a
 * "]" counts only as the last one, written `]]`. Characters outside printable ASCII are ignored.
 * Returns null (after a warning) when the class is never closed.
 */
function parseCustomClass(cursor: Cursor): string | null {
  const start = cursor.position;
  cursor.position++;
  let characters = '';
  let first = true;
  while (!atEnd(cursor)) {
    const c = peek(cursor)!;
    if (c === ']') {
      if (cursor.text[cursor.position + 1] === ']') {
        characters += ']';
        cursor.position += 2;
      } else {
        cursor.position++;
      }
      return unionChars(characters);
    }
    if (c === '-' && !first) {
      warn(cursor, `"-" is only allowed as the first character of a class; ignored in "${cursor.text.slice(start)}"`);
    } else if (!ASCII_PRINTABLE.includes(c)) {
      warn(cursor, `character ${JSON.stringify(c)} is not printable ASCII; ignored in a character class`);
    } else {
      characters += c;
    }
    first = false;
    cursor.position++;
  }
  warn(cursor, `character class "${cursor.text.slice(start)}" is never closed with "]"; ignored`);
  return null;
}

/** A whole number property value; undefined (after a warning) when unreadable or below `min`. */
function parseCount(cursor: Cursor, propertyName: string, min: number): number | undefined {
  const start = cursor.position;
  while (!atEnd(cursor) && isDigit(peek(cursor)!)) cursor.position++;
  const digits = cursor.text.slice(start, cursor.position);
  skipWhitespace(cursor);
  if (digits === '' || (!atEnd(cursor) && peek(cursor) !== ';')) {
    cursor.position = start;
    warn(cursor, `"${propertyName}" needs a whole number, got "${restOfProperty(cursor)}"; ignored`);
    skipToPropertyEnd(cursor);
    return undefined;
  }
  const value = Number(digits);
  if (!Number.isSafeInteger(value) || value < min) {
    warn(cursor, `"${propertyName}: ${digits}" is out of range (at least ${min}); ignored`);
    return undefined;
  }
  return value;
}

function toSiteRules(collected: Collected, sourceLabel: string): SiteRules {
  const rules: SiteRules = { requiredSets: [], source: [sourceLabel] };
  if (collected.minLength !== undefined && collected.minLength > 0) rules.minLength = collected.minLength;
  if (collected.maxLength !== undefined) rules.maxLength = collected.maxLength;
  if (collected.maxConsecutive !== undefined) rules.maxConsecutive = collected.maxConsecutive;

  for (const values of collected.required) {
    // Any character satisfies a requirement that includes `unicode`, so it constrains nothing.
    if (values.some((value) => value.kind === 'unicode')) continue;
    rules.requiredSets.push(setsOf(values));
  }

  // As in the reference parser, required characters are implicitly allowed, and with neither
  // `required` nor `allowed` anything is.
  const allowedValues = [...collected.allowed, ...collected.required].flat();
  if (allowedValues.length > 0 && !allowedValues.some((value) => value.kind === 'unicode')) {
    rules.allowed = unionChars(...setsOf(allowedValues));
  }
  return rules;
}

function setsOf(values: ClassValue[]): string[] {
  return values.flatMap((value) => (value.kind === 'set' ? [value.characters] : []));
}

function largest(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}

function smallest(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

// Cursor helpers.

function atEnd(cursor: Cursor): boolean {
  return cursor.position >= cursor.text.length;
}

function peek(cursor: Cursor): string | undefined {
  return cursor.text[cursor.position];
}

function isIdentifierCharacter(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '-';
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function isWhitespace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
}

function skipWhitespace(cursor: Cursor): void {
  while (!atEnd(cursor) && isWhitespace(peek(cursor)!)) cursor.position++;
}

function readIdentifier(cursor: Cursor): string {
  const start = cursor.position;
  while (!atEnd(cursor) && isIdentifierCharacter(peek(cursor)!)) cursor.position++;
  return cursor.text.slice(start, cursor.position);
}

/** Moves to the next ";" that ends a property, stepping over bracketed classes, which may hold ";". */
function skipToPropertyEnd(cursor: Cursor): void {
  while (!atEnd(cursor) && peek(cursor) !== ';') {
    if (peek(cursor) === '[') {
      const close = closingBracket(cursor.text, cursor.position);
      if (close === -1) {
        cursor.position = cursor.text.length;
        return;
      }
      cursor.position = close + 1;
    } else {
      cursor.position++;
    }
  }
}

function closingBracket(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === ']') return text[i + 1] === ']' ? i + 1 : i;
  }
  return -1;
}

function restOfProperty(cursor: Cursor): string {
  const end = cursor.text.indexOf(';', cursor.position);
  return cursor.text.slice(cursor.position, end === -1 ? undefined : end).trim();
}

function warn(cursor: Cursor, message: string): void {
  cursor.warnings.push(message);
}
