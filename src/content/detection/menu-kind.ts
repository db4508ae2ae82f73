// Which inline menu, if any, a field gets: the one decision detection makes for
// the person. The controller asks it on a press; the detection benchmark
// (test/bench/detection.bench.ts) asks it for every input of real pages.
import type { MenuFieldKind } from '../../shared/protocol';
import { fieldRole } from './field-role';
import { formContextOf, type FormContext } from './form-context';

const LOGIN_FORMS = new Set(['login', 'identifier', 'password-only', 'change-password', 'reset-password', 'registration', 'verification-code']);

/**
 * A sign-up form's own fields get no saved login: its password fields get the
 * generator, its email or username box nothing. In a sign-in form only the
 * username the password belongs to gets logins, not a phone or name box beside it.
 */
export function menuKindFor(field: HTMLInputElement, context: FormContext = formContextOf(field)): MenuFieldKind | null {
  if (!LOGIN_FORMS.has(context.kind)) return null;
  const role = context.fields.find((candidate) => candidate.input === field)?.role ?? fieldRole(field);
  switch (role) {
    case 'username':
      if (context.kind === 'registration' || context.kind === 'reset-password') return null;
      return field === context.username ? 'username' : null;
    case 'current-password':
      return 'password';
    case 'new-password':
    case 'confirm-password':
      return 'new-password';
    case 'one-time-code':
      return 'one-time-code';
    default:
      return null;
  }
}
