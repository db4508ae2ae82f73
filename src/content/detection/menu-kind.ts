// Which inline menu, if any, a field gets: the one decision detection makes for
// the person. The controller asks it on a press; the detection benchmark
// (test/bench/detection.bench.ts) asks it for every input of real pages.
import type { MenuFieldKind } from '../../shared/protocol';
import { fieldRole } from './field-role';
import { formContextOf, type FormContext } from './form-context';

const LOGIN_FORMS = new Set(['login', 'identifier', 'password-only', 'change-password', 'reset-password', 'registration', 'verification-code']);

export function menuKindFor(field: HTMLInputElement, context: FormContext = formContextOf(field)): MenuFieldKind | null {
  if (!LOGIN_FORMS.has(context.kind)) return null;
  switch (fieldRole(field)) {
    case 'username':
      return 'username';
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
