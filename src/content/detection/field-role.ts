// What a single input is for, from the signals a page gives: autocomplete, type,
// name, id, labels, placeholder and aria attributes. Cheap: no layout reads.
import { labelText } from './dom';
import { CARD_OR_ID_WORDS, CONFIRM_WORDS, CURRENT_WORDS, NEW_WORDS } from './words';

export type FieldRole =
  | 'username'
  | 'current-password'
  | 'new-password'
  | 'confirm-password'
  | 'one-time-code'
  | 'search'
  | 'other';

const TEXT_TYPES = new Set(['text', 'email', 'tel', 'number', '']);

const OTP_HINT = /\b(otc|otp|one[-_ ]?time|totp|2fa|mfa|passcode|verification[-_ ]?code|security[-_ ]?code|auth(entication)?[-_ ]?code|sms[-_ ]?code|ott(text)?|verify[-_ ]?code|enter[-_ ]?code)\b|ottext|verificationcode|saotcc/i;
const USERNAME_HINT = /user(name)?|login|e-?mail|account|identifier|loginfmt|signin[-_]?name|upn|\bphone\b|membername|customer[-_ ]?(id|number|no)/i;
const NEW_PASSWORD_HINT = /\bnew\b|create|choose|set[-_ ]?password|newpassword|new[-_]password|ipassword\b/i;
const CONFIRM_HINT = /confirm|re-?enter|retype|repeat|verify|again|re[-_]?type|reenter/i;
const CURRENT_PASSWORD_HINT = /current|\bold|existing|curpassword/i;
const SEARCH_HINT = /\bsearch\b|^q$|query/i;
const NEWSLETTER_HINT = /newsletter|subscribe|subscription|mailing[-_ ]?list/i;

/** "ucLoginPassword" and "new_pwd" as words: "uc Login Password", "new pwd". */
export function splitNames(text: string): string {
  return text.replace(/([\p{Ll}\d])(\p{Lu})/gu, '$1 $2').replace(/[_$.[\]:]+/g, ' ');
}

export function signalsOf(input: HTMLInputElement): string {
  return [input.name, input.id, input.placeholder, input.getAttribute('data-testid') ?? '', labelText(input)].join(' ');
}

function autocompleteTokens(input: HTMLInputElement): string[] {
  return (input.getAttribute('autocomplete') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

/** Card, payment and identity fields: never a login's, even when typed as a password. */
function isCardOrIdField(input: HTMLInputElement, tokens: string[], signals: string): boolean {
  if (tokens.some((token) => token.startsWith('cc-'))) return true;
  return !tokens.includes('current-password') && !tokens.includes('new-password') && CARD_OR_ID_WORDS.test(signals);
}

/**
 * What a password-typed field says it is, or null when it says nothing (then
 * the form decides: see form-context.ts). `declared` tells whether only the
 * autocomplete attribute said it, which sites also set to keep browsers out.
 */
export function declaredPasswordRole(input: HTMLInputElement): { role: FieldRole; byAutocompleteOnly: boolean } | null {
  const tokens = autocompleteTokens(input);
  const signals = splitNames(signalsOf(input));
  if (tokens.includes('one-time-code')) return { role: 'one-time-code', byAutocompleteOnly: false };
  if (isCardOrIdField(input, tokens, signals)) return { role: 'other', byAutocompleteOnly: false };
  const confirm = CONFIRM_HINT.test(signals) || CONFIRM_WORDS.test(signals);
  // "current-password-input" with autocomplete="new-password": the name is the page's own word for it.
  if (tokens.includes('new-password') && !confirm && CURRENT_WORDS.test(signals)) return { role: 'current-password', byAutocompleteOnly: false };
  if (tokens.includes('new-password')) return { role: confirm ? 'confirm-password' : 'new-password', byAutocompleteOnly: !confirm && !NEW_WORDS.test(signals) };
  if (tokens.includes('current-password')) return { role: 'current-password', byAutocompleteOnly: !CURRENT_WORDS.test(signals) };
  if (OTP_HINT.test(signalsOf(input))) return { role: 'one-time-code', byAutocompleteOnly: false };
  if (CURRENT_PASSWORD_HINT.test(signals) || CURRENT_WORDS.test(signals)) return { role: 'current-password', byAutocompleteOnly: false };
  if (confirm) return { role: 'confirm-password', byAutocompleteOnly: false };
  if (NEW_PASSWORD_HINT.test(signals) || NEW_WORDS.test(signals)) return { role: 'new-password', byAutocompleteOnly: false };
  return null;
}

export function fieldRole(input: HTMLInputElement): FieldRole {
  const type = input.type.toLowerCase();
  const tokens = autocompleteTokens(input);
  const signals = signalsOf(input);

  if (tokens.includes('one-time-code')) return 'one-time-code';
  if (type === 'password') return declaredPasswordRole(input)?.role ?? 'current-password';
  if (type === 'search' || input.getAttribute('role') === 'searchbox') return 'search';
  if (!TEXT_TYPES.has(type)) return 'other';
  if (isCardOrIdField(input, tokens, signals)) return 'other';
  if (OTP_HINT.test(signals)) return 'one-time-code';
  if (tokens.includes('username') || tokens.includes('email') || tokens.includes('webauthn')) return 'username';
  if (SEARCH_HINT.test(`${input.name} ${input.id}`)) return 'search';
  if (type === 'email' || USERNAME_HINT.test(signals)) return NEWSLETTER_HINT.test(signals) ? 'other' : 'username';
  return 'other';
}

export function isPasswordRole(role: FieldRole): boolean {
  return role === 'current-password' || role === 'new-password' || role === 'confirm-password';
}

export { NEWSLETTER_HINT };
