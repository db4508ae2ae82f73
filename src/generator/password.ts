// Random passwords: reserved positions for every required kind of character, the rest from the
// pool, then a shuffle so the reserved characters sit anywhere. A candidate is only returned
// after satisfiesRules accepts it, so a site's rules are met or a RulesConflictError is thrown.
import { CHARACTER_CLASSES, CHARACTER_CLASS_NAMES, chars, unionChars, withoutAmbiguous } from './charsets';
import type { CharacterClassName } from './charsets';
import { buildPasswordPlan } from './password-plan';
import type { PasswordPlan } from './password-plan';
import { MINIMUM_OPTION, resolvePasswordOptions } from './password-options';
import type { PasswordOptions } from './password-options';
import { cryptoRandomSource, randomChoice, shuffle } from './random';
import type { RandomSource } from './random';
import { RulesConflictError, emptyRules, satisfiesRules } from './site-rules';
import type { SiteRules } from './site-rules';

// Without a pattern or a repeat limit the first candidate always passes; these attempts only
// bound the search for one matching a pattern, which is tried, never inverted.
export const MAX_GENERATION_ATTEMPTS = 1000;
const ATTEMPTS_WITH_OWN_CLASSES = 100;
const ATTEMPTS_PER_OTHER_CLASS_MIX = 30;

export function generatePassword(
  options: Partial<PasswordOptions> = {},
  rules?: SiteRules | null,
  random: RandomSource = cryptoRandomSource,
): string {
  const resolved = resolvePasswordOptions(options);
  const siteRules = rules ?? emptyRules();
  // Throws at once when the rules contradict each other or the person's options.
  const ownPlan = buildPasswordPlan(resolved, siteRules);
  if (!siteRules.patterns?.length) {
    const result = searchPassword(ownPlan, siteRules, MAX_GENERATION_ATTEMPTS, random);
    if (result.password !== undefined) return result.password;
    throw conflictAfterSearch(result.failures);
  }
  // A pattern often rules out a whole class ("letters and digits only", "6 digits"). Since it is
  // not inverted, other mixes of classes are tried when the person's own mix keeps failing.
  let failures: string[] = [];
  for (const [index, variant] of classMixes(resolved).entries()) {
    const plan = index === 0 ? ownPlan : planOrNull(variant, siteRules);
    if (!plan) continue;
    const attempts = index === 0 ? ATTEMPTS_WITH_OWN_CLASSES : ATTEMPTS_PER_OTHER_CLASS_MIX;
    const result = searchPassword(plan, siteRules, attempts, random);
    if (result.password !== undefined) return result.password;
    failures = result.failures;
  }
  throw conflictAfterSearch(failures);
}

function searchPassword(
  plan: PasswordPlan,
  rules: SiteRules,
  attempts: number,
  random: RandomSource,
): { password?: string; failures: string[] } {
  let failures: string[] = [];
  for (let attempt = 0; attempt < attempts; attempt++) {
    const candidate = drawPassword(plan, random);
    const verdict = satisfiesRules(candidate, rules);
    if (verdict.ok) return { password: candidate, failures: [] };
    failures = verdict.failures;
  }
  return { failures };
}

function conflictAfterSearch(failures: string[]): RulesConflictError {
  return new RulesConflictError(`No password meeting every site rule turned up after many tries; the last one ${failures.join('; ')}`);
}

function planOrNull(options: PasswordOptions, rules: SiteRules): PasswordPlan | null {
  try {
    return buildPasswordPlan(options, rules);
  } catch (error) {
    if (error instanceof RulesConflictError) return null;
    throw error;
  }
}

/**
 * The person's options first, then the same options over every other non-empty mix of classes:
 * mixes within the person's own classes before those adding others, more classes before fewer.
 * Minimums are kept for classes that stay on.
 */
function classMixes(options: PasswordOptions): PasswordOptions[] {
  const own = CHARACTER_CLASS_NAMES.filter((name) => options[name]);
  const mixes: CharacterClassName[][] = [];
  for (let mask = 1; mask < 1 << CHARACTER_CLASS_NAMES.length; mask++) {
    mixes.push(CHARACTER_CLASS_NAMES.filter((_, bit) => mask & (1 << bit)));
  }
  const withinOwn = (mix: CharacterClassName[]): boolean => mix.every((name) => own.includes(name));
  const isOwn = (mix: CharacterClassName[]): boolean => withinOwn(mix) && mix.length === own.length;
  mixes.sort((a, b) => Number(withinOwn(b)) - Number(withinOwn(a)) || b.length - a.length);
  const variants = mixes.filter((mix) => !isOwn(mix)).map((mix) => {
    const variant = { ...options };
    for (const name of CHARACTER_CLASS_NAMES) {
      variant[name] = mix.includes(name);
      if (!variant[name]) variant[MINIMUM_OPTION[name]] = 0;
    }
    return variant;
  });
  return [options, ...variants];
}

function drawPassword(plan: PasswordPlan, random: RandomSource): string {
  const picked = plan.reserved.map((set) => randomChoice(set, random));
  if (plan.classChoice) {
    const { count, preferred, others } = plan.classChoice;
    const sets = [...shuffle([...preferred], random), ...shuffle([...others], random)].slice(0, count);
    picked.push(...sets.map((set) => randomChoice(set, random)));
  }
  while (picked.length < plan.length) picked.push(randomChoice(plan.pool, random));
  return shuffle(picked, random).join('');
}

/**
 * Entropy in bits of `length` characters drawn uniformly from a set: length × log2(set size).
 * Given options, the set is their enabled classes. Reserved positions make the true figure very
 * slightly lower; this is the figure to show, not a security proof.
 */
export function passwordEntropyBits(source: Partial<PasswordOptions> | string, length?: number): number {
  let charset: string;
  let count: number;
  if (typeof source === 'string') {
    if (length === undefined) throw new TypeError('passwordEntropyBits: give a length with a character set');
    charset = unionChars(source);
    count = length;
  } else {
    const options = resolvePasswordOptions(source);
    const classes = CHARACTER_CLASS_NAMES.filter((name) => options[name]).map((name) => CHARACTER_CLASSES[name]);
    charset = unionChars(...classes.map((set) => (options.avoidAmbiguous ? withoutAmbiguous(set) : set)));
    count = length ?? options.length;
  }
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`passwordEntropyBits: length must be a whole number of 0 or more, got ${count}`);
  }
  const size = chars(charset).length;
  return size <= 1 ? 0 : count * Math.log2(size);
}
