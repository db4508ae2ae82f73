// Fills one item's values into the form around the field the person chose.
// Only fields that are visible and meant for the value get one: never a hidden
// or honeypot field, never a code field with a password, never a search box.
import type { FillValues } from '../../shared/protocol';
import { formContextOf, type FormContext } from '../detection/form-context';
import { isFillable, isVisibleToPerson } from '../detection/visibility';
import { notifyBlur, setFieldValue } from './set-value';

export type FilledField = 'username' | 'password' | 'new-password' | 'one-time-code';

function write(input: HTMLInputElement | null, value: string | undefined, filled: FilledField[], as: FilledField) {
  if (!input || value === undefined || value === '' || !isVisibleToPerson(input)) return;
  setFieldValue(input, value);
  notifyBlur(input);
  filled.push(as);
}

export function fillForm(anchor: HTMLInputElement, values: FillValues): { filled: FilledField[]; context: FormContext } {
  const context = formContextOf(anchor);
  const filled: FilledField[] = [];
  if (values.newPassword !== undefined) {
    write(context.newPassword, values.newPassword, filled, 'new-password');
    write(context.confirmPassword, values.newPassword, filled, 'new-password');
  }
  write(context.username, values.username, filled, 'username');
  write(context.currentPassword, values.password, filled, 'password');
  write(context.oneTimeCode, values.oneTimeCode, filled, 'one-time-code');
  // Leave focus where a person would continue: the field they chose.
  if (filled.length > 0 && isFillable(anchor)) anchor.focus({ preventScroll: true });
  return { filled, context };
}
