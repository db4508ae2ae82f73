// The person's choices for a random password, their defaults, and the checks that reject a
// combination no password could meet, with a message that names the offending option.
import { CHARACTER_CLASS_NAMES } from './charsets';
import type { CharacterClassName } from './charsets';

export interface PasswordOptions {
  /** 8 to 128; default 20. */
  length: number;
  lower: boolean;
  upper: boolean;
  digits: boolean;
  symbols: boolean;
  minLower: number;
  minUpper: number;
  minDigits: number;
  minSymbols: number;
  /** Leave out characters easily confused with one another (see AMBIGUOUS). */
  avoidAmbiguous: boolean;
}

export const PASSWORD_LENGTH_MIN = 8;
export const PASSWORD_LENGTH_MAX = 128;

export const DEFAULT_PASSWORD_OPTIONS: Readonly<PasswordOptions> = Object.freeze({
  length: 20,
  lower: true,
  upper: true,
  digits: true,
  symbols: true,
  minLower: 1,
  minUpper: 1,
  minDigits: 1,
  minSymbols: 1,
  avoidAmbiguous: false,
});

export type MinimumOptionName = 'minLower' | 'minUpper' | 'minDigits' | 'minSymbols';

export const MINIMUM_OPTION: Readonly<Record<CharacterClassName, MinimumOptionName>> = Object.freeze({
  lower: 'minLower',
  upper: 'minUpper',
  digits: 'minDigits',
  symbols: 'minSymbols',
});

/** The options filled in from the defaults and checked; throws on the first problem found. */
export function resolvePasswordOptions(options: Partial<PasswordOptions> = {}): PasswordOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('Password options must be an object');
  }
  const resolved: PasswordOptions = { ...DEFAULT_PASSWORD_OPTIONS, ...withoutUndefined(options) };
  validatePasswordOptions(resolved);
  return resolved;
}

export function validatePasswordOptions(options: PasswordOptions): void {
  const { length } = options;
  if (!Number.isInteger(length) || length < PASSWORD_LENGTH_MIN || length > PASSWORD_LENGTH_MAX) {
    throw new RangeError(
      `Password length must be a whole number from ${PASSWORD_LENGTH_MIN} to ${PASSWORD_LENGTH_MAX}, got ${String(length)}`,
    );
  }
  for (const name of [...CHARACTER_CLASS_NAMES, 'avoidAmbiguous'] as const) {
    if (typeof options[name] !== 'boolean') {
      throw new TypeError(`Password option "${name}" must be true or false, got ${String(options[name])}`);
    }
  }
  let minimumTotal = 0;
  for (const name of CHARACTER_CLASS_NAMES) {
    const key = MINIMUM_OPTION[name];
    const minimum = options[key];
    if (typeof minimum !== 'number' || !Number.isInteger(minimum) || minimum < 0) {
      throw new RangeError(`Password option "${key}" must be a whole number of 0 or more, got ${String(minimum)}`);
    }
    if (minimum > 0 && !options[name]) {
      throw new RangeError(`Password option "${key}" is ${minimum}, but ${name} are turned off`);
    }
    minimumTotal += minimum;
  }
  if (!CHARACTER_CLASS_NAMES.some((name) => options[name])) {
    throw new RangeError('Turn on at least one kind of character: lower, upper, digits or symbols');
  }
  if (minimumTotal > length) {
    throw new RangeError(`The minimums add up to ${minimumTotal} characters, more than the length of ${length}`);
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
