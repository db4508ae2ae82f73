// What a single input is for, from the signals a page gives: autocomplete, type,
// name, id, labels, placeholder and aria attributes. Cheap: no layout reads.
import { labelText } from './dom';

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
const USERNAME_HINT = /user(name)?|login|e-?mail|account|identifier|loginfmt|signin[-_]?name|upn|\bphone\b|membername/i;
const NEW_PASSWORD_HINT = /\bnew\b|create|choose|set[-_ ]?password|newpassword|new[-_]password|ipassword\b/i;
const CONFIRM_HINT = /confirm|re-?enter|retype|repeat|verify|again|re[-_]?type|reenter/i;
const CURRENT_PASSWORD_HINT = /current|old|existing|curpassword/i;
const SEARCH_HINT = /\bsearch\b|^q$|query/i;
const NEWSLETTER_HINT = /newsletter|subscribe|subscription|mailing[-_ ]?list/i;

export function signalsOf(input: HTMLInputElement): string {
  return [input.name, input.id, input.placeholder, input.getAttribute('data-testid') ?? '', labelText(input)].join(' ');
}

function autocompleteTokens(input: HTMLInputElement): string[] {
  return (input.getAttribute('autocomplete') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

export function fieldRole(input: HTMLInputElement): FieldRole {
  const type = input.type.toLowerCase();
  const tokens = autocompleteTokens(input);
  const signals = signalsOf(input);

  if (tokens.includes('one-time-code')) return 'one-time-code';
  if (type === 'password') {
    if (tokens.includes('new-password')) return CONFIRM_HINT.test(signals) ? 'confirm-password' : 'new-password';
    if (tokens.includes('current-password')) return 'current-password';
    if (OTP_HINT.test(signals)) return 'one-time-code';
    if (CONFIRM_HINT.test(signals)) return 'confirm-password';
    if (CURRENT_PASSWORD_HINT.test(signals)) return 'current-password';
    if (NEW_PASSWORD_HINT.test(signals)) return 'new-password';
    return 'current-password';
  }
  if (type === 'search' || input.getAttribute('role') === 'searchbox') return 'search';
  if (!TEXT_TYPES.has(type)) return 'other';
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
