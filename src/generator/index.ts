// The generator's public API. strength.ts is left out on purpose: it pulls in zxcvbn's
// dictionaries and must stay a separate, lazily imported chunk.
export { cryptoRandomSource, randomChoice, randomInt, shuffle } from './random';
export type { RandomSource } from './random';
export {
  AMBIGUOUS,
  ASCII_PRINTABLE,
  CHARACTER_CLASSES,
  CHARACTER_CLASS_NAMES,
  DIGITS,
  GENERATOR_CHARACTERS,
  LOWER,
  SYMBOLS,
  UPPER,
  describeCharacters,
  hasAnyOf,
  intersectChars,
  isSubsetOf,
  subtractChars,
  unionChars,
  withoutAmbiguous,
} from './charsets';
export type { CharacterClassName } from './charsets';
export {
  DEFAULT_PASSWORD_OPTIONS,
  PASSWORD_LENGTH_MAX,
  PASSWORD_LENGTH_MIN,
  resolvePasswordOptions,
  validatePasswordOptions,
} from './password-options';
export type { PasswordOptions } from './password-options';
export { MAX_GENERATION_ATTEMPTS, generatePassword, passwordEntropyBits } from './password';
export { checkRulesConsistency } from './password-plan';
export type { ConsistencyResult } from './password-plan';
export {
  DEFAULT_PASSPHRASE_OPTIONS,
  PASSPHRASE_WORDS_MAX,
  PASSPHRASE_WORDS_MIN,
  generatePassphrase,
  loadWordList,
  passphraseEntropyBits,
  resolvePassphraseOptions,
} from './passphrase';
export type { PassphraseOptions } from './passphrase';
export { parsePasswordRules } from './password-rules';
export type { ParsedPasswordRules } from './password-rules';
export {
  RulesConflictError,
  compilePattern,
  emptyRules,
  mergeRules,
  satisfiesRules,
  validateSiteRules,
} from './site-rules';
export type { MinClassesRule, SiteRules } from './site-rules';
export { BUILTIN_SITE_RULES, ENTRA_SYMBOLS, builtinRulesForHost } from './site-rules-data';
export type { BuiltinSiteRules } from './site-rules-data';
export { rulesFromField } from './field-rules';
export type { FieldAttributes, FieldRules } from './field-rules';
