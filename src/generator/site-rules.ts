// What a site accepts as a password, gathered from built-in knowledge, the field's attributes and
// its passwordrules attribute, merged into one SiteRules, and checked against a candidate.
import { chars, describeCharacters, hasAnyOf, intersectChars, unionChars } from './charsets';

export interface MinClassesRule {
  /** How many of the sets in `of` must each contribute at least one character. */
  count: number;
  /** Character sets, each a string of characters, e.g. [LOWER, UPPER, DIGITS, SYMBOLS]. */
  of: string[];
}

export interface SiteRules {
  minLength?: number;
  maxLength?: number;
  /**
   * Each inner array is one requirement: the password needs at least one character from the
   * union of its strings (so ['abc', 'XYZ'] and ['a', 'b', 'c', 'X', 'Y', 'Z'] mean the same).
   */
  requiredSets: string[][];
  /** Every character the site accepts; undefined means any character the generator can produce. */
  allowed?: string;
  /** The longest run of one repeated character the site accepts. */
  maxConsecutive?: number;
  minClasses?: MinClassesRule;
  asciiOnly?: boolean;
  /**
   * HTML `pattern` attribute values; the whole password must match each one. The generator does
   * not invert them: it retries until a candidate matches, or reports a conflict.
   */
  patterns?: string[];
  /** Where each rule came from, for display ("passwordrules attribute", "Microsoft account"). */
  source: string[];
}

/** The rules contradict each other (or the options), so no acceptable password exists. */
export class RulesConflictError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'RulesConflictError';
  }
}

export function emptyRules(source: string[] = []): SiteRules {
  return { requiredSets: [], source };
}

/** The characters of one requirement, whichever way its strings split them. */
export function requiredSetCharacters(requiredSet: readonly string[]): string {
  return unionChars(...requiredSet);
}

/**
 * One set of rules that a password meets only if it meets all of the given ones: the largest
 * minimum, the smallest maximum, the common allowed characters, every requirement.
 */
export function mergeRules(...rules: (SiteRules | null | undefined)[]): SiteRules {
  const merged = emptyRules();
  for (const rule of rules) {
    if (!rule) continue;
    merged.minLength = maxDefined(merged.minLength, rule.minLength);
    merged.maxLength = minDefined(merged.maxLength, rule.maxLength);
    merged.maxConsecutive = minDefined(merged.maxConsecutive, rule.maxConsecutive);
    merged.requiredSets.push(...rule.requiredSets.map((set) => [...set]));
    if (rule.allowed !== undefined) {
      merged.allowed = merged.allowed === undefined ? unionChars(rule.allowed) : intersectChars(merged.allowed, rule.allowed);
    }
    if (rule.minClasses) merged.minClasses = stricterMinClasses(merged.minClasses, rule.minClasses);
    if (rule.asciiOnly) merged.asciiOnly = true;
    if (rule.patterns?.length) merged.patterns = [...(merged.patterns ?? []), ...rule.patterns];
    for (const source of rule.source) if (!merged.source.includes(source)) merged.source.push(source);
  }
  return dropUndefined(merged);
}

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}

function minDefined(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

// SiteRules holds a single "n of these classes" rule. Two over the same classes combine exactly
// (the larger count); over different classes only one can be kept, so the larger count wins.
// Only built-in rules carry one, and no host matches two built-in entries with different classes.
function stricterMinClasses(current: MinClassesRule | undefined, next: MinClassesRule): MinClassesRule {
  if (!current) return { count: next.count, of: [...next.of] };
  return next.count > current.count ? { count: next.count, of: [...next.of] } : current;
}

function dropUndefined(rules: SiteRules): SiteRules {
  return Object.fromEntries(Object.entries(rules).filter(([, value]) => value !== undefined)) as SiteRules;
}

// Patterns come from pages, so the cache is kept small for a long-lived background.
const compiledPatterns = new Map<string, RegExp | null>();
const PATTERN_CACHE_SIZE = 64;

/**
 * An HTML pattern attribute as the browser applies it: anchored to the whole value, compiled
 * with the `v` flag, or `u` where `v` is unsupported. Null when it does not compile, in which
 * case browsers ignore it too.
 */
export function compilePattern(pattern: string): RegExp | null {
  if (compiledPatterns.has(pattern)) return compiledPatterns.get(pattern)!;
  let compiled: RegExp | null = null;
  for (const flags of ['v', 'u']) {
    try {
      compiled = new RegExp(`^(?:${pattern})$`, flags);
      break;
    } catch {
      // Try the next flag; an engine without `v` throws on the flag itself.
    }
  }
  if (compiledPatterns.size >= PATTERN_CACHE_SIZE) compiledPatterns.clear();
  compiledPatterns.set(pattern, compiled);
  return compiled;
}

export function longestRun(password: string): number {
  let longest = 0;
  let run = 0;
  let previous: string | undefined;
  for (const c of chars(password)) {
    run = c === previous ? run + 1 : 1;
    previous = c;
    longest = Math.max(longest, run);
  }
  return longest;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Whether the password meets every rule, and a readable line for each one it breaks. */
export function satisfiesRules(password: string, rules: SiteRules): { ok: boolean; failures: string[] } {
  const failures: string[] = [];
  const length = chars(password).length;
  if (rules.minLength !== undefined && length < rules.minLength) {
    failures.push(`is ${length} characters long, fewer than the minimum of ${rules.minLength}`);
  }
  if (rules.maxLength !== undefined && length > rules.maxLength) {
    failures.push(`is ${length} characters long, more than the maximum of ${rules.maxLength}`);
  }
  if (rules.allowed !== undefined) {
    const allowed = new Set(chars(rules.allowed));
    const refused = unionChars(...chars(password).filter((c) => !allowed.has(c)));
    if (refused) failures.push(`contains characters the site does not allow: "${refused}"`);
  }
  if (rules.asciiOnly && !PRINTABLE_ASCII.test(password)) {
    failures.push('contains characters outside printable ASCII');
  }
  for (const requiredSet of rules.requiredSets) {
    const set = requiredSetCharacters(requiredSet);
    if (!hasAnyOf(password, set)) failures.push(`needs at least one of ${describeCharacters(set)}`);
  }
  if (rules.maxConsecutive !== undefined && longestRun(password) > rules.maxConsecutive) {
    failures.push(`repeats a character more than ${rules.maxConsecutive} times in a row`);
  }
  if (rules.minClasses) {
    const { count, of } = rules.minClasses;
    const present = of.filter((set) => hasAnyOf(password, set)).length;
    if (present < count) {
      failures.push(`uses ${present} of the character classes ${of.map(describeCharacters).join(', ')}; needs ${count}`);
    }
  }
  for (const pattern of rules.patterns ?? []) {
    const regex = compilePattern(pattern);
    if (regex && !regex.test(password)) failures.push(`does not match the pattern ${pattern}`);
  }
  return { ok: failures.length === 0, failures };
}

/** Throws a TypeError when `rules` is not shaped like SiteRules; contradictions are not checked here. */
export function validateSiteRules(rules: SiteRules): void {
  if (typeof rules !== 'object' || rules === null) throw new TypeError('Site rules must be an object');
  for (const key of ['minLength', 'maxLength'] as const) {
    const value = rules[key];
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) {
      throw new TypeError(`Site rule "${key}" must be a whole number of 0 or more, got ${String(value)}`);
    }
  }
  const { maxConsecutive } = rules;
  if (maxConsecutive !== undefined && (!Number.isSafeInteger(maxConsecutive) || maxConsecutive < 1)) {
    throw new TypeError(`Site rule "maxConsecutive" must be a whole number of 1 or more, got ${String(maxConsecutive)}`);
  }
  if (!Array.isArray(rules.requiredSets) || !rules.requiredSets.every(isStringArray)) {
    throw new TypeError('Site rule "requiredSets" must be an array of arrays of strings');
  }
  if (rules.allowed !== undefined && typeof rules.allowed !== 'string') {
    throw new TypeError('Site rule "allowed" must be a string of characters');
  }
  if (rules.minClasses !== undefined) {
    const { count, of } = rules.minClasses;
    if (!Number.isSafeInteger(count) || count < 0 || !isStringArray(of)) {
      throw new TypeError('Site rule "minClasses" must be { count: whole number, of: array of strings }');
    }
  }
  if (rules.patterns !== undefined && !isStringArray(rules.patterns)) {
    throw new TypeError('Site rule "patterns" must be an array of strings');
  }
  if (!isStringArray(rules.source)) throw new TypeError('Site rule "source" must be an array of strings');
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
