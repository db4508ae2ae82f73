// The form around a focused field: which fields belong together and what kind
// of form they make. A <form> element is the natural scope; without one (page
// apps), the scope is the smallest ancestor that also holds the field's partners.
import { deepInputs, parentAcrossShadow } from './dom';
import { fieldRole, isPasswordRole, NEWSLETTER_HINT, type FieldRole } from './field-role';
import { isFillable } from './visibility';

export type FormKind =
  | 'login'
  | 'identifier' // identifier-first: the username step, password comes later
  | 'password-only' // the password step of an identifier-first flow
  | 'change-password'
  | 'reset-password' // new password (and confirmation) without the current one
  | 'registration'
  | 'verification-code'
  | 'unknown';

export interface ClassifiedField {
  input: HTMLInputElement;
  role: FieldRole;
}

export interface FormContext {
  kind: FormKind;
  scope: Element;
  fields: ClassifiedField[];
  username: HTMLInputElement | null;
  currentPassword: HTMLInputElement | null;
  newPassword: HTMLInputElement | null;
  confirmPassword: HTMLInputElement | null;
  oneTimeCode: HTMLInputElement | null;
}

const SIGN_IN_WORDS = /\b(next|continue|sign[- ]?in|log[- ]?in|login|weiter|suivant|anmelden|connexion)\b/i;
const MAX_SCOPE_DEPTH = 12;

function buttonsText(scope: Element): string {
  const buttons = scope.querySelectorAll('button, input[type=submit], input[type=button], [role=button]');
  return Array.from(buttons, (button) => (button instanceof HTMLInputElement ? button.value : button.textContent ?? '')).join(' ');
}

function fillableFieldsIn(scope: Element): ClassifiedField[] {
  return deepInputs(scope)
    .filter(isFillable)
    .map((input) => ({ input, role: fieldRole(input) }))
    .filter((field) => field.role !== 'other' && field.role !== 'search');
}

/** Smallest ancestor (a form, or any element) holding the anchor and a partner field. */
function scopeOf(anchor: HTMLInputElement): Element {
  if (anchor.form) return anchor.form;
  let scope: Element = anchor;
  let best: Element | null = null;
  for (let depth = 0; depth < MAX_SCOPE_DEPTH; depth++) {
    const parent = parentAcrossShadow(scope);
    if (!parent || parent === document.documentElement) break;
    scope = parent;
    if (scope instanceof HTMLFormElement) return scope;
    const fields = fillableFieldsIn(scope);
    if (fields.length > 1) return scope;
    // A single field with a button beside it is a whole step of a page app.
    if (!best && fields.length === 1 && scope.querySelector('button, input[type=submit], [role=button]')) best = scope;
  }
  return best ?? parentAcrossShadow(anchor) ?? anchor;
}

function kindOf(context: Omit<FormContext, 'kind'>): FormKind {
  const { username, currentPassword, newPassword, confirmPassword, oneTimeCode, scope } = context;
  if (currentPassword && (newPassword || confirmPassword)) return 'change-password';
  if (newPassword || confirmPassword) return username ? 'registration' : 'reset-password';
  if (currentPassword) return username ? 'login' : 'password-only';
  if (oneTimeCode) return 'verification-code';
  if (username) {
    // An email box alone is a newsletter as often as a sign-in step: ask the page.
    const declared = username.autocomplete.toLowerCase().includes('username');
    const text = `${buttonsText(scope)} ${scope instanceof HTMLFormElement ? scope.action : ''}`;
    if (NEWSLETTER_HINT.test(text)) return 'unknown';
    if (declared || SIGN_IN_WORDS.test(text)) return 'identifier';
  }
  return 'unknown';
}

export function formContextOf(anchor: HTMLInputElement): FormContext {
  const scope = scopeOf(anchor);
  const fields = fillableFieldsIn(scope);
  const first = (role: FieldRole) => fields.find((field) => field.role === role)?.input ?? null;
  const passwords = fields.filter((field) => isPasswordRole(field.role));
  const firstPassword = passwords[0]?.input;
  // The username is the one before the first password (a page may have more text fields).
  const usernames = fields.filter((field) => field.role === 'username');
  const username =
    usernames.filter((field) => !firstPassword || field.input.compareDocumentPosition(firstPassword) & Node.DOCUMENT_POSITION_FOLLOWING).pop()?.input ??
    usernames[0]?.input ??
    null;
  // Two "new password" fields without a telling name: the second confirms the first.
  const newPasswords = fields.filter((field) => field.role === 'new-password').map((field) => field.input);
  const partial = {
    scope,
    fields,
    username,
    currentPassword: first('current-password'),
    newPassword: newPasswords[0] ?? null,
    confirmPassword: first('confirm-password') ?? newPasswords[1] ?? null,
    oneTimeCode: first('one-time-code'),
  };
  return { ...partial, kind: kindOf(partial) };
}
