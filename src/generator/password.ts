// Random passwords: reserved positions for every required kind of character, the rest from the
// pool, then a shuffle so the reserved characters sit anywhere. A candidate is only returned
// after satisfiesRules accepts it, so a site's rules are met or a RulesConflictError is thrown.
import { CHARACTER_CLASSES, CHARACTER_CLASS_NAMES, chars, unionChars, withoutAmbiguous } from './charsets';
import { buildPasswordPlan } from './password-plan';
import type { PasswordPlan } from './password-plan';
import { resolvePasswordOptions } from './password-options';
import type { PasswordOptions } from './password-options';
import { cryptoRandomSource, randomChoice, shuffle } from './random';
import type { RandomSource } from './random';
import { RulesConflictError, emptyRules, satisfiesRules } from './site-rules';
import type { SiteRules } from './site-rules';

// Without a pattern or a repeat limit the first candidate always passes; these only bound the
// search for one that matches a pattern, which is tried, never inverted.
export const MAX_GENERATION_ATTEMPTS = 1000;

export function generatePassword(
  options: Partial<PasswordOptions> = {},
  rules?: SiteRules | null,
  random: RandomSource = cryptoRandomSource,
): string {
  const resolved = resolvePasswordOptions(options);
  const siteRules = rules ?? emptyRules();
  const plan = buildPasswordPlan(resolved, siteRules);
  let failures: string[] = [];
  for (let attempt = 0; attempt < MAX_GENERATION_ATTEMPTS; attempt++) {
    const candidate = drawPassword(plan, random);
    const verdict = satisfiesRules(candidate, siteRules);
    if (verdict.ok) return candidate;
    failures = verdict.failures;
  }
  throw new RulesConflictError(
    `No password meeting every site rule turned up in ${MAX_GENERATION_ATTEMPTS} tries; the last one ${failures.join('; ')}`,
  );
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
