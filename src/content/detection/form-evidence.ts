// Whether a form signs a person up or in, from what it says and how it is built.
// Each signal adds points to one side, with a reason a person can read (see
// `explain` in tests and the benchmark): words in the submit button, the
// heading, the form's action and names, the form's text; the fields around the
// password (name, birthday, terms, captcha, many text fields); the password
// field's own rules (minlength, passwordrules, "at least 8 characters"). The
// weights are hand-set and checked on the tuning split of the Fathom corpus
// (test/bench/detection.bench.ts); the figures on its held-out split are the
// honest ones. Cheap: a few querySelectorAll and one textContent per form, only
// when a person presses into a field or a field appears.
import { labelText } from './dom';
import { splitNames } from './field-role';
import { CARD_OR_ID_WORDS, NEW_EMAIL, PASSWORD_RULES_HINT, SIGN_IN, SIGN_IN_EXTRAS, SIGN_UP, SIGN_UP_FIELD } from './words';

export interface Evidence {
  signUp: number;
  signIn: number;
  reasons: string[];
}

/** Points per signal: one table, so a reader sees what weighs most. */
export const WEIGHTS = {
  submitSaysSignUp: 4,
  submitSaysSignIn: 4,
  headingSaysSignUp: 3,
  headingSaysSignIn: 3,
  namesSaySignUp: 3,
  namesSaySignIn: 3,
  textSaysSignUp: 1,
  textSaysSignIn: 1,
  forgotOrRemember: 3,
  titleSaysSignUp: 1,
  titleSaysSignIn: 1,
  manyTextFields: 3,
  oneTextField: 1,
  signUpField: 2,
  declaredNewPassword: 5,
  newEmailBox: 8,
  declaredCurrentPassword: 5,
  passwordRules: 2,
  rulesHintInText: 2,
} as const;

const TEXT_TYPES = new Set(['text', 'email', 'tel', 'number', '']);
const MAX_TEXT = 4000;
const BUTTONS = 'button, input[type=submit], input[type=button], input[type=image], [role=button], a[class*=btn], a[class*=button]';
const HEADINGS = 'h1, h2, h3, h4, h5, legend, [role=heading], [class*=title], [class*=header]';

function buttonText(element: Element): string {
  const own = element instanceof HTMLInputElement ? element.value || element.alt : element.textContent ?? '';
  return `${own} ${element.getAttribute('aria-label') ?? ''} ${element.getAttribute('title') ?? ''}`.slice(0, 200);
}

function namesOf(element: Element): string {
  const action = element instanceof HTMLFormElement ? (element.getAttribute('action') ?? '') : '';
  return `${action} ${element.id} ${element.getAttribute('name') ?? ''} ${element.getAttribute('class') ?? ''}`;
}

/**
 * The nearest heading before the scope: among the few elements just before it
 * and its close ancestors, or their children. Bounded (4 levels, 6 siblings,
 * 12 children each), so a 20,000-node page costs what a small one does.
 */
function headingBefore(scope: Element): string {
  let node: Element | null = scope;
  for (let depth = 0; node && depth < 4; depth++, node = node.parentElement) {
    let sibling = node.previousElementSibling;
    for (let steps = 0; sibling && steps < 6; steps++, sibling = sibling.previousElementSibling) {
      if (sibling.matches(HEADINGS) && sibling.textContent?.trim()) return sibling.textContent.slice(0, 200);
      const children = sibling.children;
      for (let index = Math.min(children.length, 12) - 1; index >= 0; index--) {
        const child = children[index]!;
        if (child.matches(HEADINGS) && child.textContent?.trim()) return child.textContent.slice(0, 200);
      }
    }
  }
  return '';
}

function fieldSignals(input: HTMLInputElement | HTMLSelectElement): string {
  const placeholder = input instanceof HTMLInputElement ? input.placeholder : '';
  return splitNames(`${input.name} ${input.id} ${placeholder} ${input.getAttribute('autocomplete') ?? ''} ${labelText(input)}`);
}

/**
 * Where to read what the form says: the form, or for a page app the field's
 * scope widened until it holds a button and some text (a scope of one field
 * says nothing of what it is for).
 */
export function evidenceRegion(scope: Element): Element {
  if (scope instanceof HTMLFormElement) return scope;
  let region = scope;
  for (let depth = 0; depth < 5; depth++) {
    if (region.querySelector(BUTTONS) && (region.textContent ?? '').trim().length >= 120) break;
    const parent = region.parentElement;
    if (!parent || parent === document.body || parent === document.documentElement) break;
    region = parent;
  }
  return region;
}

export function formEvidence(scope: Element, passwords: HTMLInputElement[], visibleInputs: HTMLInputElement[]): Evidence {
  const evidence: Evidence = { signUp: 0, signIn: 0, reasons: [] };
  const add = (side: 'signUp' | 'signIn', weight: keyof typeof WEIGHTS) => {
    evidence[side] += WEIGHTS[weight];
    evidence.reasons.push(`${weight} +${WEIGHTS[weight]}`);
  };
  const says = (text: string, up: keyof typeof WEIGHTS, inWeight: keyof typeof WEIGHTS) => {
    if (SIGN_UP.test(text)) add('signUp', up);
    if (SIGN_IN.test(text)) add('signIn', inWeight);
  };

  const submits = Array.from(scope.querySelectorAll(BUTTONS)).filter((button) => !(button instanceof HTMLInputElement) || button.type !== 'button' || button.value);
  says(submits.map(buttonText).join(' | '), 'submitSaysSignUp', 'submitSaysSignIn');
  const headings = Array.from(scope.querySelectorAll(HEADINGS), (heading) => heading.textContent?.slice(0, 200) ?? '').join(' | ');
  says(`${headings} | ${headingBefore(scope)}`, 'headingSaysSignUp', 'headingSaysSignIn');
  const containers = [scope, scope.parentElement, scope.parentElement?.parentElement].filter((element): element is Element => !!element);
  const names = splitNames([...containers, ...passwords].map(namesOf).join(' '));
  says(names, 'namesSaySignUp', 'namesSaySignIn');
  const text = (scope.textContent ?? '').slice(0, MAX_TEXT);
  says(text, 'textSaysSignUp', 'textSaysSignIn');
  if (SIGN_IN_EXTRAS.test(text)) add('signIn', 'forgotOrRemember');
  if (SIGN_UP.test(document.title)) add('signUp', 'titleSaysSignUp');
  if (SIGN_IN.test(document.title)) add('signIn', 'titleSaysSignIn');

  const others = visibleInputs.filter((input) => input.type !== 'password');
  const textFields = others.filter((input) => TEXT_TYPES.has(input.type.toLowerCase()));
  if (textFields.length >= 3) add('signUp', 'manyTextFields');
  else if (textFields.length === 1 && passwords.length === 1) add('signIn', 'oneTextField');
  // "New email": the person changes an address of an account they have, and proves it with the current password.
  if (others.some((input) => NEW_EMAIL.test(fieldSignals(input)))) add('signIn', 'newEmailBox');
  // Terms to accept, a captcha, a name or a birthday: checkboxes and selects count too.
  const extras = Array.from(scope.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input[type=checkbox], select'));
  if ([...others, ...extras].some((input) => SIGN_UP_FIELD.test(fieldSignals(input)))) add('signUp', 'signUpField');

  const tokens = passwords.map((input) => (input.getAttribute('autocomplete') ?? '').toLowerCase());
  if (tokens.some((token) => token.includes('new-password'))) add('signUp', 'declaredNewPassword');
  if (tokens.some((token) => token.includes('current-password'))) add('signIn', 'declaredCurrentPassword');
  if (passwords.some((input) => input.minLength >= 6 || input.hasAttribute('passwordrules') || (input.pattern && !CARD_OR_ID_WORDS.test(fieldSignals(input))))) add('signUp', 'passwordRules');
  if (PASSWORD_RULES_HINT.test(text)) add('signUp', 'rulesHintInText');
  return evidence;
}

export function saysSignUp(evidence: Evidence): boolean {
  return evidence.signUp > evidence.signIn;
}
