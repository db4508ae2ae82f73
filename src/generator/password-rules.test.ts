import { describe, expect, it } from 'vitest';
import { ASCII_PRINTABLE, DIGITS, LOWER, SYMBOLS, UPPER, isSubsetOf } from './charsets';
import { parsePasswordRules } from './password-rules';

const sameSet = (a: string | undefined, b: string): boolean =>
  a !== undefined && a.length === new Set(b).size && isSubsetOf(b, a);

describe('parsePasswordRules: documented examples', () => {
  it('minlength: 20; required: lower; required: upper; required: digit; required: [-]; allowed: [_];', () => {
    const { rules, warnings } = parsePasswordRules(
      'minlength: 20; required: lower; required: upper; required: digit; required: [-]; allowed: [_];',
    );
    expect(warnings).toEqual([]);
    expect(rules.minLength).toBe(20);
    expect(rules.maxLength).toBeUndefined();
    expect(rules.requiredSets).toEqual([[LOWER], [UPPER], [DIGITS], ['-']]);
    expect(sameSet(rules.allowed, LOWER + UPPER + DIGITS + '-_')).toBe(true);
    expect(rules.source).toEqual(['passwordrules attribute']);
  });

  it('required: upper; required: digit; allowed: lower, [-().&@?\'#,/"+]; max-consecutive: 2; minlength: 8;', () => {
    const { rules, warnings } = parsePasswordRules(
      'required: upper; required: digit; allowed: lower, [-().&@?\'#,/"+]; max-consecutive: 2; minlength: 8;',
    );
    expect(warnings).toEqual([]);
    expect(rules.requiredSets).toEqual([[UPPER], [DIGITS]]);
    expect(rules.maxConsecutive).toBe(2);
    expect(rules.minLength).toBe(8);
    expect(sameSet(rules.allowed, UPPER + DIGITS + LOWER + '-().&@?\'#,/"+')).toBe(true);
  });

  it('minlength: 8; maxlength: 16; required: lower, upper; required: digit;', () => {
    const { rules, warnings } = parsePasswordRules('minlength: 8; maxlength: 16; required: lower, upper; required: digit;');
    expect(warnings).toEqual([]);
    expect(rules).toMatchObject({ minLength: 8, maxLength: 16, requiredSets: [[LOWER, UPPER], [DIGITS]] });
    // Required classes are allowed; nothing else is, so no symbols.
    expect(sameSet(rules.allowed, LOWER + UPPER + DIGITS)).toBe(true);
  });

  it('reads `special` as the ASCII symbols and space, and `ascii-printable` as all of printable ASCII', () => {
    expect(parsePasswordRules('required: special;').rules.requiredSets).toEqual([[' ' + SYMBOLS]]);
    expect(sameSet(parsePasswordRules('allowed: ascii-printable;').rules.allowed, ASCII_PRINTABLE)).toBe(true);
  });

  it('leaves allowed open with neither required nor allowed, or with unicode', () => {
    expect(parsePasswordRules('minlength: 12;').rules.allowed).toBeUndefined();
    const unicode = parsePasswordRules('required: unicode; allowed: upper;').rules;
    expect(unicode.allowed).toBeUndefined();
    // Any character at all meets "one of unicode", so it constrains nothing.
    expect(unicode.requiredSets).toEqual([]);
  });

  it('keeps the largest minlength and the smallest maxlength and max-consecutive', () => {
    const { rules } = parsePasswordRules('minlength: 8; minlength: 10; maxlength: 30; maxlength: 20; max-consecutive: 3; max-consecutive: 2');
    expect(rules).toMatchObject({ minLength: 10, maxLength: 20, maxConsecutive: 2 });
  });
});

describe('parsePasswordRules: custom classes', () => {
  it('takes "-" only as the first character', () => {
    expect(parsePasswordRules('required: [-_]').rules.requiredSets).toEqual([['-_']]);
    const { rules, warnings } = parsePasswordRules('required: [_-a]');
    expect(rules.requiredSets).toEqual([['_a']]);
    expect(warnings.join()).toMatch(/"-" is only allowed as the first character/);
  });

  it('takes "]" as a member only when written last as "]]"', () => {
    expect(parsePasswordRules('required: [ab]]; minlength: 9').rules).toMatchObject({
      requiredSets: [['ab]']],
      minLength: 9,
    });
    expect(parsePasswordRules('required: []]').rules.requiredSets).toEqual([[']']]);
    expect(parsePasswordRules('required: [-]]').rules.requiredSets).toEqual([['-]']]);
  });

  it('keeps "[" and ";" inside a class as members', () => {
    expect(parsePasswordRules('required: [[;]; minlength: 9').rules).toMatchObject({
      requiredSets: [['[;']],
      minLength: 9,
    });
  });

  it('ignores characters outside printable ASCII and empty classes, with warnings', () => {
    const { rules, warnings } = parsePasswordRules('required: [aé]; allowed: []');
    expect(rules.requiredSets).toEqual([['a']]);
    expect(rules.allowed).toBe('a');
    expect(warnings).toEqual([
      'character "é" is not printable ASCII; ignored in a character class',
      'empty character class "[]" in "allowed" ignored',
      '"allowed" has no usable character class; ignored',
    ]);
  });

  it('drops an unclosed class with a warning', () => {
    const { rules, warnings } = parsePasswordRules('required: digit, [abc');
    expect(rules.requiredSets).toEqual([[DIGITS]]);
    expect(warnings.join()).toMatch(/never closed/);
  });
});

describe('parsePasswordRules: leniency', () => {
  it('accepts any keyword case and any amount of whitespace', () => {
    const { rules, warnings } = parsePasswordRules('  MinLength :12 ;REQUIRED:Upper ,  DIGIT\n;\tmax-Consecutive:  3  ');
    expect(warnings).toEqual([]);
    expect(rules).toMatchObject({ minLength: 12, maxConsecutive: 3, requiredSets: [[UPPER, DIGITS]] });
  });

  it('ignores unknown properties, even with brackets holding ";", and reads on', () => {
    const { rules, warnings } = parsePasswordRules('colour: [;]; minlength: 9; ;;');
    expect(rules.minLength).toBe(9);
    expect(warnings).toEqual(['unknown property "colour" ignored']);
  });

  it('ignores unknown classes but keeps the rest of the list', () => {
    const { rules, warnings } = parsePasswordRules('required: upper, emoji, digit');
    expect(rules.requiredSets).toEqual([[UPPER, DIGITS]]);
    expect(warnings).toEqual(['unknown character class "emoji" in "required" ignored']);
  });

  it('reports unreadable numbers and values out of range', () => {
    const { rules, warnings } = parsePasswordRules('minlength: eight; maxlength: 0; max-consecutive: -1; minlength: 7.5; maxlength: 12');
    expect(rules).toEqual({ requiredSets: [], maxLength: 12, source: ['passwordrules attribute'] });
    expect(warnings).toHaveLength(4);
  });

  it('reports missing colons, missing values and stray text', () => {
    const { rules, warnings } = parsePasswordRules('minlength 8; required: ; required: lower upper; maxlength: 20');
    expect(rules).toMatchObject({ maxLength: 20, requiredSets: [[LOWER]] });
    expect(warnings).toHaveLength(3);
  });

  it('returns no rules and no warnings for an empty string', () => {
    expect(parsePasswordRules('   ')).toEqual({ rules: { requiredSets: [], source: ['passwordrules attribute'] }, warnings: [] });
  });
});
