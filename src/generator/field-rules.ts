// Rules stated by a password <input> itself: minlength, maxlength, pattern and passwordrules.
// Values come straight from the page, so anything unreadable is reported and left out rather
// than thrown, as browsers do.
import { parsePasswordRules } from './password-rules';
import { compilePattern, emptyRules, mergeRules } from './site-rules';
import type { SiteRules } from './site-rules';

export interface FieldAttributes {
  /** The minlength attribute, or the input's minLength property (-1 when absent). */
  minLength?: number | string | null;
  maxLength?: number | string | null;
  pattern?: string | null;
  passwordrules?: string | null;
}

export interface FieldRules {
  rules: SiteRules;
  warnings: string[];
}

const FIELD_SOURCE = 'password field attributes';

export function rulesFromField(attributes: FieldAttributes): FieldRules {
  const warnings: string[] = [];
  const fieldRules = emptyRules([]);
  const minLength = readLength(attributes.minLength, 'minlength', warnings);
  const maxLength = readLength(attributes.maxLength, 'maxlength', warnings);
  if (minLength !== undefined && minLength > 0) fieldRules.minLength = minLength;
  if (maxLength !== undefined) fieldRules.maxLength = maxLength;

  const pattern = attributes.pattern;
  if (typeof pattern === 'string' && pattern !== '') {
    if (compilePattern(pattern)) fieldRules.patterns = [pattern];
    else warnings.push(`pattern "${pattern}" is not a valid regular expression; ignored, as browsers do`);
  }
  if (fieldRules.minLength !== undefined || fieldRules.maxLength !== undefined || fieldRules.patterns) {
    fieldRules.source.push(FIELD_SOURCE);
  }

  let rules = fieldRules;
  const text = attributes.passwordrules;
  if (typeof text === 'string' && text.trim() !== '') {
    const parsed = parsePasswordRules(text);
    warnings.push(...parsed.warnings.map((warning) => `passwordrules: ${warning}`));
    rules = mergeRules(fieldRules, parsed.rules);
  }
  return { rules, warnings };
}

// The DOM reports an absent minLength/maxLength as -1; attributes arrive as strings.
function readLength(value: number | string | null | undefined, name: string, warnings: string[]): number | undefined {
  if (value === undefined || value === null || value === '' || value === -1) return undefined;
  const number = typeof value === 'number' ? value : /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number < 0) {
    warnings.push(`${name} "${value}" is not a whole number; ignored`);
    return undefined;
  }
  return number;
}
