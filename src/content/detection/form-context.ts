// The form around a focused field: which fields belong together and what kind
// of form they make. A <form> element is the natural scope; without one (page
// apps), the scope is the smallest ancestor that also holds the field's partners.
import { deepInputs, parentAcrossShadow } from './dom';
import { declaredPasswordRole, fieldRole, isPasswordRole, NEWSLETTER_HINT, signalsOf, splitNames, type FieldRole } from './field-role';
import { evidenceRegion, formEvidence, saysSignUp, type Evidence } from './form-evidence';
import { isFillable, isShown } from './visibility';
import { CONFIRM_WORDS, NEW_WORDS } from './words';

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
  /** Why the form was taken for a sign-up or a sign-in (computed when its passwords left it open). */
  evidence: Evidence | null;
}

const SIGN_IN_WORDS = /\b(next|continue|sign[- ]?in|log[- ]?in|login|weiter|suivant|anmelden|connexion)\b/i;
const MAX_SCOPE_DEPTH = 12;

function buttonsText(scope: Element): string {
  const buttons = scope.querySelectorAll('button, input[type=submit], input[type=button], [role=button]');
  return Array.from(buttons, (button) => (button instanceof HTMLInputElement ? button.value : button.textContent ?? '')).join(' ');
}

/** A readonly password field on screen still belongs to its form (it is never written). */
function belongs(input: HTMLInputElement): boolean {
  return isFillable(input) || (input.type === 'password' && input.readOnly && !input.disabled && isShown(input));
}

function fillableFieldsIn(scope: Element): ClassifiedField[] {
  return deepInputs(scope)
    .filter(belongs)
    .map((input) => ({ input, role: fieldRole(input) }))
    .filter((field) => field.role !== 'other' && field.role !== 'search');
}

const TEXT_TYPES = new Set(['text', 'email', 'tel', 'number', '']);
/** How far ahead sign-in must be for two unnamed passwords to be two sign-ins' rather than new and confirm. */
const STRONG_SIGN_IN = 6;

/**
 * Gives each password field of the form its part. Fields that say what they are
 * keep it; the others take theirs from the form's shape (three passwords:
 * current, new, confirm; two: new and confirm) and, for a lone password, from
 * what the form says (form-evidence.ts). A lone password that only its
 * autocomplete calls new or current is weighed too: sites set either to keep
 * browsers out.
 */
function assignPasswordRoles(scope: Element, fields: ClassifiedField[]): Evidence | null {
  const passwords = fields.filter((field) => field.input.type === 'password' && isPasswordRole(field.role));
  if (passwords.length === 0) return null;
  const declared = passwords.map((field) => declaredPasswordRole(field.input));
  // Three passwords all marked new-password by autocomplete alone (site builders): the first is the current one.
  if (passwords.length >= 3 && declared.every((said) => said?.role === 'new-password' && said.byAutocompleteOnly)) declared[0] = null;
  const open = passwords.filter((_, index) => declared[index] === null || (passwords.length === 1 && declared[index]!.byAutocompleteOnly));
  if (open.length === 0) return null;
  const region = evidenceRegion(scope);
  const visible = deepInputs(region).filter((input) => isShown(input) && (input.type === 'password' || TEXT_TYPES.has(input.type.toLowerCase())));
  const evidence = formEvidence(region, passwords.map((field) => field.input), visible);
  if (passwords.length === 1) {
    passwords[0]!.role = saysSignUp(evidence) ? 'new-password' : 'current-password';
    return evidence;
  }
  // Two sign-in forms inside one page-wide <form> (ASP.NET): two passwords, and the form says sign in.
  if (passwords.length === 2 && open.length === 2 && evidence.signIn - evidence.signUp >= STRONG_SIGN_IN) {
    for (const field of open) field.role = 'current-password';
    return evidence;
  }
  const hasCurrent = passwords.some((field, index) => declared[index]?.role === 'current-password');
  const hasNew = passwords.some((field, index) => declared[index]?.role === 'new-password');
  // Three or more without a declared current one: the first is the current password.
  let needCurrent = passwords.length >= 3 && !hasCurrent;
  let needNew = !hasNew;
  for (const field of open) {
    // Before a field that its label calls new ("New password"), an unnamed one is the current
    // password; before one only its autocomplete calls new, it is the new one and that one
    // confirms it (browsers ask for new-password on both; a multi-step sign-up's password step).
    const after = passwords.filter((other) => field.input.compareDocumentPosition(other.input) & Node.DOCUMENT_POSITION_FOLLOWING);
    const saidNewAfter = after.some((other) => declared[passwords.indexOf(other)]?.role === 'new-password' && !declared[passwords.indexOf(other)]!.byAutocompleteOnly);
    const markedNewAfter = after.filter((other) => declared[passwords.indexOf(other)]?.role === 'new-password' && declared[passwords.indexOf(other)]!.byAutocompleteOnly);
    if (!saidNewAfter && !hasCurrent && passwords.length === 2 && markedNewAfter.length === 1) {
      field.role = 'new-password';
      markedNewAfter[0]!.role = 'confirm-password';
      needNew = false;
    } else if (needCurrent || (saidNewAfter && !hasCurrent)) {
      field.role = 'current-password';
      needCurrent = false;
    } else if (needNew) {
      field.role = 'new-password';
      needNew = false;
    } else {
      field.role = 'confirm-password';
    }
  }
  return evidence;
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
    // A shipping, contact or sign-up step asks for more than the one identifier.
    const textFields = deepInputs(scope).filter((input) => TEXT_TYPES.has(input.type.toLowerCase()) && isShown(input)).length;
    if (textFields >= 3) return 'unknown';
    if (declared || SIGN_IN_WORDS.test(text)) return 'identifier';
  }
  return 'unknown';
}

function saysNewOrRepeat(input: HTMLInputElement): boolean {
  const signals = splitNames(signalsOf(input));
  return NEW_WORDS.test(signals) || CONFIRM_WORDS.test(signals);
}

export function formContextOf(anchor: HTMLInputElement): FormContext {
  const scope = scopeOf(anchor);
  const fields = fillableFieldsIn(scope);
  const evidence = assignPasswordRoles(scope, fields);
  const first = (role: FieldRole) => fields.find((field) => field.role === role)?.input ?? null;
  const passwords = fields.filter((field) => isPasswordRole(field.role));
  const firstPassword = passwords[0]?.input;
  // The username is the one before the first password (a page may have more text fields),
  // never a box for a new or repeated email ("New email" on an update-email form).
  const usernames = fields.filter((field) => field.role === 'username' && !saysNewOrRepeat(field.input));
  const username =
    usernames.filter((field) => !firstPassword || field.input.compareDocumentPosition(firstPassword) & Node.DOCUMENT_POSITION_FOLLOWING).pop()?.input ??
    usernames[0]?.input ??
    null;
  // Two "new password" fields without a telling name: the second confirms the first.
  const newPasswords = fields.filter((field) => field.role === 'new-password').map((field) => field.input);
  const partial = {
    evidence,
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
