// Turns options and site rules into a plan for drawing passwords: how long, which characters
// fill free positions, and which positions are reserved for required kinds of characters.
// Every contradiction it can prove is thrown here as a RulesConflictError, before any drawing.
//
// Where the site and the person's toggles disagree, the site wins, because a password the site
// refuses is useless: the length moves into the site's range, a class the site requires is used
// even if switched off, and a minimum for a class the site refuses is dropped.
import { CHARACTER_CLASSES, CHARACTER_CLASS_NAMES, GENERATOR_CHARACTERS, chars, describeCharacters } from './charsets';
import { intersectChars, isSubsetOf, unionChars, withoutAmbiguous } from './charsets';
import { MINIMUM_OPTION, resolvePasswordOptions } from './password-options';
import type { PasswordOptions } from './password-options';
import { RulesConflictError, requiredSetCharacters, validateSiteRules } from './site-rules';
import type { SiteRules } from './site-rules';

export interface PasswordPlan {
  length: number;
  /** Characters for the positions no requirement reserves. */
  pool: string[];
  /** One entry per reserved position: the characters that position is drawn from. */
  reserved: string[][];
  /** For an "n of these classes" rule not already met by `reserved`: draw from `count` of these sets. */
  classChoice?: ClassChoice;
}

export interface ClassChoice {
  count: number;
  /** Sets that overlap the pool (classes the person left on), used before `others`. */
  preferred: string[][];
  others: string[][];
}

// A guard against absurd site minimums (minlength="100000"), not a limit anyone should reach.
export const MAX_GENERATED_LENGTH = 4096;

function conflict(reason: string): never {
  throw new RulesConflictError(reason);
}

export function buildPasswordPlan(options: PasswordOptions, rules: SiteRules): PasswordPlan {
  validateSiteRules(rules);
  const { minLength, maxLength, maxConsecutive } = rules;
  if (maxLength !== undefined && maxLength < 1) conflict(`The site's maximum length is ${maxLength}, so no password fits`);
  if (minLength !== undefined && maxLength !== undefined && minLength > maxLength) {
    conflict(`The site's minimum length (${minLength}) is above its maximum length (${maxLength})`);
  }
  if (minLength !== undefined && minLength > MAX_GENERATED_LENGTH) {
    conflict(`The site's minimum length (${minLength}) is above the ${MAX_GENERATED_LENGTH} characters Latchkey generates`);
  }

  const allowed = rules.allowed === undefined ? GENERATOR_CHARACTERS : intersectChars(GENERATOR_CHARACTERS, rules.allowed);
  if (allowed === '') conflict('The site allows none of the characters Latchkey generates (letters, digits and ASCII symbols)');
  const prefer = (set: string): string => (options.avoidAmbiguous ? withoutAmbiguous(set) : set);

  const enabled = unionChars(...CHARACTER_CLASS_NAMES.filter((name) => options[name]).map((name) => CHARACTER_CLASSES[name]));
  let pool = prefer(intersectChars(enabled, allowed)) || prefer(allowed);
  // Reserved characters come from the pool when they can, so the toggles hold wherever the site lets them.
  const pickFrom = (usable: string): string => intersectChars(usable, pool) || prefer(usable);

  const reserved: string[] = [];
  for (const name of CHARACTER_CLASS_NAMES) {
    const minimum = options[MINIMUM_OPTION[name]];
    const usable = intersectChars(CHARACTER_CLASSES[name], allowed);
    if (!options[name] || minimum === 0 || usable === '') continue;
    for (let i = 0; i < minimum; i++) reserved.push(prefer(usable));
  }
  reserved.push(...siteReservations(rules, allowed, reserved, pickFrom));

  const classChoice = rules.minClasses ? planClassChoice(rules.minClasses, allowed, reserved, pool, pickFrom) : undefined;
  const reservedCount = reserved.length + (classChoice?.count ?? 0);

  let length = options.length;
  if (minLength !== undefined) length = Math.max(length, minLength);
  if (maxLength !== undefined) length = Math.min(length, maxLength);
  if (reservedCount > length) {
    if (maxLength !== undefined && reservedCount > maxLength) {
      conflict(
        `The site allows at most ${maxLength} characters, fewer than the ${reservedCount} needed for every required kind of character (the site's and your minimums)`,
      );
    }
    length = reservedCount;
  }

  if (maxConsecutive !== undefined && maxConsecutive < length) {
    if (chars(allowed).length === 1) {
      conflict(`The site allows only "${allowed}" but no more than ${maxConsecutive} of it in a row, so ${length} characters cannot fit`);
    }
    // A one-character pool would repeat itself; widen it to everything the site allows.
    if (chars(pool).length === 1) pool = prefer(allowed);
  }

  const plan: PasswordPlan = { length, pool: chars(pool), reserved: reserved.map(chars) };
  if (classChoice && classChoice.count > 0) plan.classChoice = classChoice;
  return plan;
}

/** One reservation per site requirement, leaving out those another reservation already meets. */
function siteReservations(
  rules: SiteRules,
  allowed: string,
  fromMinimums: readonly string[],
  pickFrom: (usable: string) => string,
): string[] {
  const sets = rules.requiredSets.map(requiredSetCharacters);
  const picks: (string | null)[] = sets.map((set) => {
    const usable = intersectChars(set, allowed);
    if (usable === '') conflict(`The site requires one of ${describeCharacters(set)} but allows none of them`);
    return pickFrom(usable);
  });
  // Any character drawn from a pick inside `set` meets `set` too. Identical sets are kept once,
  // since only picks not yet dropped count as covering.
  sets.forEach((set, i) => {
    const covered =
      fromMinimums.some((pick) => isSubsetOf(pick, set)) ||
      picks.some((pick, j) => j !== i && pick !== null && isSubsetOf(pick, set));
    if (covered) picks[i] = null;
  });
  return picks.filter((pick): pick is string => pick !== null);
}

function planClassChoice(
  minClasses: NonNullable<SiteRules['minClasses']>,
  allowed: string,
  reserved: readonly string[],
  pool: string,
  pickFrom: (usable: string) => string,
): ClassChoice {
  const { count, of } = minClasses;
  const usableSets = of.map((set) => intersectChars(set, allowed));
  const available = usableSets.filter((set) => set !== '').length;
  if (count > available) {
    conflict(
      `The site needs characters from ${count} of these classes: ${of.map(describeCharacters).join(', ')}; it allows only ${available} of them`,
    );
  }
  const isCovered = (set: string): boolean => reserved.some((pick) => isSubsetOf(pick, set));
  const coveredCount = of.filter(isCovered).length;
  const preferred: string[][] = [];
  const others: string[][] = [];
  of.forEach((set, i) => {
    const usable = usableSets[i]!;
    if (usable === '' || isCovered(set)) return;
    (intersectChars(usable, pool) ? preferred : others).push(chars(pickFrom(usable)));
  });
  return { count: Math.max(0, count - coveredCount), preferred, others };
}

export type ConsistencyResult = { ok: true } | { ok: false; reason: string };

/**
 * Whether a password can meet these rules with these options. What it cannot prove in advance
 * (a `pattern`, or a repeat limit over a tiny alphabet) generatePassword finds by trying, and
 * reports with the same RulesConflictError.
 */
export function checkRulesConsistency(rules: SiteRules, options: Partial<PasswordOptions> = {}): ConsistencyResult {
  const resolved = resolvePasswordOptions(options);
  try {
    buildPasswordPlan(resolved, rules);
    return { ok: true };
  } catch (error) {
    if (error instanceof RulesConflictError) return { ok: false, reason: error.reason };
    throw error;
  }
}
