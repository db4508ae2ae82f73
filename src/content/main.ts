// The content script's main part, loaded by the bootstrap (index.ts) only on
// pages that have input fields, once they have loaded, or on the first focus.
import { AutofillController } from './autofill-controller';

export function startAutofill(focused: HTMLInputElement | null): AutofillController {
  const controller = new AutofillController();
  controller.start(focused);
  return controller;
}
