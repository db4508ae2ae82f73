import { describe, expect, it } from 'vitest';
import { DIGITS, GENERATOR_CHARACTERS, LOWER, SYMBOLS, UPPER, hasAnyOf, isSubsetOf } from './charsets';
import { rulesFromField } from './field-rules';
import { generatePassword } from './password';
import type { PasswordOptions } from './password-options';
import { checkRulesConsistency } from './password-plan';
import { parsePasswordRules } from './password-rules';
import { ENTRA_SYMBOLS, builtinRulesForHost } from './site-rules-data';
import { RulesConflictError, longestRun, mergeRules, satisfiesRules } from './site-rules';
import type { SiteRules } from './site-rules';

const RUNS = 500;

function rules(partial: Partial<SiteRules>): SiteRules {
  return { requiredSets: [], source: ['test'], ...partial };
}

function parsed(text: string): SiteRules {
  const result = parsePasswordRules(text);
  expect(result.warnings).toEqual([]);
  return result.rules;
}

/** Generates RUNS passwords and checks each against the rules; returns them for further checks. */
function generateAll(siteRules: SiteRules, options: Partial<PasswordOptions> = {}): string[] {
  const passwords: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    const password = generatePassword(options, siteRules);
    const verdict = satisfiesRules(password, siteRules);
    if (!verdict.ok) throw new Error(`"${password}" ${verdict.failures.join('; ')}`);
    passwords.push(password);
  }
  return passwords;
}

function expectConflict(siteRules: SiteRules, reason: RegExp, options: Partial<PasswordOptions> = {}): void {
  const check = checkRulesConsistency(siteRules, options);
  expect(check.ok).toBe(false);
  if (!check.ok) expect(check.reason).toMatch(reason);
  expect(() => generatePassword(options, siteRules)).toThrow(RulesConflictError);
  expect(() => generatePassword(options, siteRules)).toThrow(reason);
}

describe('mergeRules', () => {
  it('takes the largest minimum, the smallest maxima, the common allowed set and every requirement', () => {
    const merged = mergeRules(
      rules({ minLength: 8, maxLength: 64, allowed: 'abcdef', requiredSets: [['ab']], maxConsecutive: 3, source: ['one'] }),
      undefined,
      rules({ minLength: 12, maxLength: 32, allowed: 'bcdxyz', requiredSets: [['c']], patterns: ['.*'], source: ['two'] }),
      rules({ maxConsecutive: 2, asciiOnly: true, minClasses: { count: 2, of: [LOWER, DIGITS] }, source: ['two'] }),
    );
    expect(merged).toEqual({
      minLength: 12,
      maxLength: 32,
      allowed: 'bcd',
      requiredSets: [['ab'], ['c']],
      maxConsecutive: 2,
      patterns: ['.*'],
      asciiOnly: true,
      minClasses: { count: 2, of: [LOWER, DIGITS] },
      source: ['one', 'two'],
    });
  });

  it('leaves allowed open only when every input leaves it open', () => {
    expect(mergeRules(rules({}), rules({})).allowed).toBeUndefined();
    expect(mergeRules(rules({}), rules({ allowed: 'ab' })).allowed).toBe('ab');
  });

  it('keeps the stricter count when two rules ask for classes', () => {
    const of = [LOWER, UPPER, DIGITS, SYMBOLS];
    const merged = mergeRules(rules({ minClasses: { count: 3, of } }), rules({ minClasses: { count: 2, of } }));
    expect(merged.minClasses?.count).toBe(3);
  });
});

describe('satisfiesRules', () => {
  it('lists every broken rule', () => {
    const siteRules = rules({
      minLength: 10,
      allowed: LOWER + DIGITS,
      requiredSets: [[DIGITS]],
      maxConsecutive: 2,
      minClasses: { count: 2, of: [LOWER, UPPER, DIGITS] },
      patterns: ['[a-z0-9]+'],
      asciiOnly: true,
    });
    const verdict = satisfiesRules('aaaB-é', siteRules);
    expect(verdict.ok).toBe(false);
    expect(verdict.failures).toEqual([
      'is 6 characters long, fewer than the minimum of 10',
      'contains characters the site does not allow: "B-é"',
      'contains characters outside printable ASCII',
      'needs at least one of digits',
      'repeats a character more than 2 times in a row',
      'does not match the pattern [a-z0-9]+',
    ]);
    expect(satisfiesRules('ab12cd34ef', siteRules)).toEqual({ ok: true, failures: [] });
  });

  it('counts the longest run of one character', () => {
    expect(longestRun('')).toBe(0);
    expect(longestRun('abba')).toBe(2);
    expect(longestRun('a111b11')).toBe(3);
  });
});

describe('generatePassword with site rules: every rule holds over many generations', () => {
  it('minlength: 20; required: lower; required: upper; required: digit; required: [-]; allowed: [_];', () => {
    const siteRules = parsed('minlength: 20; required: lower; required: upper; required: digit; required: [-]; allowed: [_];');
    for (const password of generateAll(siteRules)) {
      expect(password.length).toBeGreaterThanOrEqual(20);
      expect(password).toContain('-');
      expect(isSubsetOf(password, LOWER + UPPER + DIGITS + '-_')).toBe(true);
    }
  });

  it('required: upper; required: digit; allowed: lower, [-().&@?\'#,/"+]; max-consecutive: 2; minlength: 8;', () => {
    const siteRules = parsed('required: upper; required: digit; allowed: lower, [-().&@?\'#,/"+]; max-consecutive: 2; minlength: 8;');
    for (const password of generateAll(siteRules)) {
      expect(longestRun(password)).toBeLessThanOrEqual(2);
      expect(isSubsetOf(password, LOWER + UPPER + DIGITS + '-().&@?\'#,/"+')).toBe(true);
    }
  });

  it('minlength: 8; maxlength: 16; required: lower, upper; required: digit;', () => {
    const siteRules = parsed('minlength: 8; maxlength: 16; required: lower, upper; required: digit;');
    for (const password of generateAll(siteRules)) {
      expect(password).toHaveLength(16);
      expect(hasAnyOf(password, SYMBOLS)).toBe(false);
    }
  });

  it('a small alphabet with max-consecutive: 1 and a 20-character minimum', () => {
    generateAll(parsed('minlength: 20; allowed: [abcdef]; max-consecutive: 1'));
  });

  it('lengths from the site override the chosen length', () => {
    expect(generateAll(rules({ minLength: 40 }), { length: 12 }).every((p) => p.length === 40)).toBe(true);
    expect(generateAll(rules({ maxLength: 6 })).every((p) => p.length === 6)).toBe(true);
  });

  it('a required class the person switched off is still included, once the site demands it', () => {
    const options = { symbols: false, minSymbols: 0 };
    for (const password of generateAll(rules({ requiredSets: [['!?']] }), options)) {
      expect([...password].filter((c) => SYMBOLS.includes(c)).every((c) => '!?'.includes(c))).toBe(true);
    }
  });

  it('avoids ambiguous characters where the site leaves a choice', () => {
    for (const password of generateAll(parsed('required: digit; allowed: lower'), { avoidAmbiguous: true })) {
      expect(hasAnyOf(password, 'Il1|O0o')).toBe(false);
    }
  });

  it('an HTML pattern ruling out symbols, from the field', () => {
    const { rules: fieldRules, warnings } = rulesFromField({ minLength: 12, maxLength: 16, pattern: '[A-Za-z0-9]+' });
    expect(warnings).toEqual([]);
    for (const password of generateAll(fieldRules)) expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
  });

  it('an HTML pattern asking for six digits', () => {
    const { rules: fieldRules } = rulesFromField({ maxLength: 6, pattern: '\\d{6}' });
    for (const password of generateAll(fieldRules)) expect(password).toMatch(/^\d{6}$/);
  });
});

describe('built-in Microsoft rules', () => {
  const personalHosts = ['account.live.com', 'login.live.com', 'signup.live.com', 'account.microsoft.com'];
  const workHosts = [
    'login.microsoftonline.com',
    'login.microsoft.com',
    'passwordreset.microsoftonline.com',
    'admin.microsoft.com',
    'portal.office.com',
    'login.microsoftonline.us',
    'login.partner.microsoftonline.cn',
    'login.microsoftonline.de',
  ];

  it('matches the listed hosts and their subdomains, in any case, and nothing else', () => {
    for (const host of personalHosts) expect(builtinRulesForHost(host)?.source).toEqual(['built-in rules for Microsoft account']);
    for (const host of workHosts) {
      expect(builtinRulesForHost(host)?.source).toEqual(['built-in rules for Microsoft work or school account']);
    }
    expect(builtinRulesForHost('eu.Login.MicrosoftOnline.com.')?.asciiOnly).toBe(true);
    for (const host of ['live.com', 'evil-login.live.com', 'login.live.com.example.net', 'microsoft.com', 'example.com', '']) {
      expect(builtinRulesForHost(host)).toBeUndefined();
    }
  });

  it('takes its hosts from the table of Microsoft sites: pages that set the account’s password, not content', () => {
    for (const host of ['mysignins.microsoft.com', 'myaccount.microsoft.com', 'entra.microsoft.com', 'login.windows.net', 'portal.office.de']) {
      expect(builtinRulesForHost(host)?.source, host).toEqual(['built-in rules for Microsoft work or school account']);
    }
    // Content, and the Azure portals, which also set passwords of virtual machines and databases.
    for (const host of ['contoso.sharepoint.com', 'www.office.com', 'outlook.live.com', 'www.xbox.com', 'portal.azure.com', 'portal.azure.us']) {
      expect(builtinRulesForHost(host), host).toBeUndefined();
    }
  });

  it('personal accounts: at least 8 characters and two of the four classes', () => {
    const siteRules = builtinRulesForHost('login.live.com')!;
    expect(siteRules).toMatchObject({ minLength: 8, minClasses: { count: 2 } });
    expect(satisfiesRules('abcdefgh', siteRules).ok).toBe(false);
    expect(satisfiesRules('abcdefg1', siteRules).ok).toBe(true);
    expect(satisfiesRules('abc1', siteRules).ok).toBe(false);
    generateAll(siteRules);
    generateAll(siteRules, { length: 8, upper: false, minUpper: 0, digits: false, minDigits: 0, symbols: false, minSymbols: 0 });
  });

  it('work or school accounts: 8 to 256 characters, three of four classes, Entra symbols only, ASCII', () => {
    const siteRules = builtinRulesForHost('login.microsoftonline.com')!;
    expect(siteRules).toMatchObject({ minLength: 8, maxLength: 256, asciiOnly: true, minClasses: { count: 3 } });
    expect(ENTRA_SYMBOLS).not.toContain(' ');
    const refused = [...SYMBOLS].filter((c) => !ENTRA_SYMBOLS.includes(c));
    expect(refused.sort().join('')).toBe('>');
    expect(satisfiesRules('Abcdefg1', siteRules).ok).toBe(true);
    expect(satisfiesRules('abcdefg1', siteRules).ok).toBe(false);
    expect(satisfiesRules('abcdefg1!', siteRules).ok).toBe(true);
    expect(satisfiesRules('Abcdefg1>', siteRules).ok).toBe(false);
    expect(satisfiesRules('Abcdéfg1', siteRules).ok).toBe(false);

    const optionSets: Partial<PasswordOptions>[] = [
      {},
      { length: 128, minSymbols: 10 },
      // Only lowercase switched on: the site's three classes win over the toggles.
      { length: 8, upper: false, minUpper: 0, digits: false, minDigits: 0, symbols: false, minSymbols: 0 },
      { symbols: false, minSymbols: 0, avoidAmbiguous: true },
    ];
    for (const options of optionSets) {
      for (const password of generateAll(siteRules, options)) {
        expect(isSubsetOf(password, LOWER + UPPER + DIGITS + ENTRA_SYMBOLS)).toBe(true);
        const classes = [LOWER, UPPER, DIGITS, ENTRA_SYMBOLS].filter((set) => hasAnyOf(password, set));
        expect(classes.length).toBeGreaterThanOrEqual(3);
        expect(isSubsetOf(password, GENERATOR_CHARACTERS)).toBe(true);
      }
    }
  });

  it('merges with a field that states stricter rules', () => {
    const field = rulesFromField({ maxLength: '16', passwordrules: 'required: [!]; allowed: ascii-printable' });
    const merged = mergeRules(builtinRulesForHost('login.microsoftonline.com'), field.rules);
    expect(merged.source).toEqual([
      'built-in rules for Microsoft work or school account',
      'password field attributes',
      'passwordrules attribute',
    ]);
    for (const password of generateAll(merged)) {
      expect(password).toHaveLength(16);
      expect(password).toContain('!');
    }
  });
});

describe('contradictions', () => {
  it('accepts rules that fit together', () => {
    expect(checkRulesConsistency(rules({ minLength: 8, maxLength: 8, requiredSets: [[DIGITS]] }))).toEqual({ ok: true });
  });

  it('minimum length above maximum length', () => {
    expectConflict(parsed('minlength: 20; maxlength: 10'), /minimum length \(20\) is above its maximum length \(10\)/);
  });

  it('a required set with no allowed character', () => {
    expectConflict(rules({ requiredSets: [[DIGITS]], allowed: LOWER }), /requires one of digits but allows none of them/);
  });

  it('nothing allowed that the generator can produce', () => {
    expectConflict(rules({ allowed: ' é' }), /allows none of the characters Latchkey generates/);
  });

  it('more classes required than allowed', () => {
    expectConflict(
      rules({ allowed: LOWER + DIGITS, minClasses: { count: 3, of: [LOWER, UPPER, DIGITS, SYMBOLS] } }),
      /needs characters from 3 of these classes: .*; it allows only 2 of them/,
    );
  });

  it('more required sets than the maximum length holds', () => {
    expectConflict(
      parsed('maxlength: 3; required: lower; required: upper; required: digit; required: [-]'),
      /allows at most 3 characters, fewer than the 4 needed/,
    );
  });

  it('the person\'s minimums beyond the site\'s maximum length', () => {
    expectConflict(rules({ maxLength: 8 }), /allows at most 8 characters, fewer than the 9 needed/, { minDigits: 6 });
  });

  it('a single allowed character with a repeat limit', () => {
    expectConflict(rules({ allowed: 'x', maxConsecutive: 3 }), /allows only "x" but no more than 3 of it in a row/);
  });

  it('a maximum length of zero', () => {
    expectConflict(rules({ maxLength: 0 }), /maximum length is 0/);
  });

  it('a pattern no candidate matches is reported after bounded tries', () => {
    const siteRules = rulesFromField({ pattern: 'abc' }).rules;
    // The pattern cannot be judged in advance...
    expect(checkRulesConsistency(siteRules)).toEqual({ ok: true });
    // ...so generation tries, then reports instead of returning a password the site refuses.
    expect(() => generatePassword({}, siteRules)).toThrow(/No password meeting every site rule .* does not match the pattern abc/);
  });

  it('overlapping required sets share one reserved character', () => {
    // "lower or upper" is met by the character reserved for "upper", so 2 characters suffice.
    const siteRules = parsed('maxlength: 2; required: upper; required: lower, upper; required: digit; allowed: [-]');
    expect(checkRulesConsistency(siteRules, { minLower: 0, minSymbols: 0 })).toEqual({ ok: true });
    for (let i = 0; i < RUNS; i++) {
      expect(satisfiesRules(generatePassword({ minLower: 0, minSymbols: 0 }, siteRules), siteRules).ok).toBe(true);
    }
  });

  it('rejects malformed rules with a TypeError', () => {
    expect(() => checkRulesConsistency(rules({ maxConsecutive: 0 }))).toThrow(/"maxConsecutive" must be a whole number of 1 or more/);
    expect(() => checkRulesConsistency({ source: [] } as unknown as SiteRules)).toThrow(/"requiredSets" must be an array/);
  });
});

describe('rulesFromField', () => {
  it('reads minlength, maxlength, pattern and passwordrules', () => {
    const { rules: fieldRules, warnings } = rulesFromField({
      minLength: 10,
      maxLength: '30',
      pattern: '[^ ]+',
      passwordrules: 'minlength: 12; required: digit',
    });
    expect(warnings).toEqual([]);
    expect(fieldRules).toMatchObject({ minLength: 12, maxLength: 30, patterns: ['[^ ]+'], requiredSets: [[DIGITS]] });
  });

  it('treats -1, null, empty and missing values as absent', () => {
    const { rules: fieldRules, warnings } = rulesFromField({ minLength: -1, maxLength: null, pattern: '', passwordrules: '' });
    expect(fieldRules).toEqual({ requiredSets: [], source: [] });
    expect(warnings).toEqual([]);
  });

  it('reports and ignores unreadable values and invalid patterns', () => {
    const { rules: fieldRules, warnings } = rulesFromField({ minLength: 'ten', maxLength: -4, pattern: '(', passwordrules: 'maxlength: x' });
    expect(fieldRules).toEqual({ requiredSets: [], source: ['passwordrules attribute'] });
    expect(warnings).toHaveLength(4);
    expect(warnings[3]).toMatch(/^passwordrules: /);
  });

  it('compiles patterns with the v flag, as browsers do', () => {
    const { rules: fieldRules } = rulesFromField({ pattern: '[\\p{L}--[a-z]]+' });
    expect(satisfiesRules('ABC', fieldRules).ok).toBe(true);
    expect(satisfiesRules('abc', fieldRules).ok).toBe(false);
  });
});
