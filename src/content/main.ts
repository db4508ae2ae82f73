// The content script's main part, loaded by the bootstrap (index.ts) only on
// pages that have input fields, once they have loaded, or on the first press.
import { AutofillController } from './autofill-controller';
import type { Gesture } from './person-gesture';

export function startAutofill(woke: Gesture | null): AutofillController {
  const controller = new AutofillController();
  controller.start(woke);
  return controller;
}
