// Notices when a sign-in step is submitted: a form submit, a click on a
// button, or Enter in a field. Page apps rarely submit real forms, so clicks
// and Enter count too. Costs nothing until one of those happens.
//
// Each report says whether the person did it. A page's script can submit too
// (form.requestSubmit(), button.click(), all "trusted" events in Chromium), so
// a submit is the person's only when a real pointerdown on that control, or a
// real Enter in the form, came just before it (person-gesture.ts).
import { innermostTarget } from './shadow';
import { deepInputs } from './detection/dom';
import { gestureOf, gestureWasOn, type Gesture } from './person-gesture';

/** How long after the person's press a click or submit still counts as theirs. */
const PRESS_TO_SUBMIT_MS = 1500;

// Buttons that move a sign-in forward, and ones that clearly do not.
const FORWARD_WORDS = /\b(next|continue|sign[- ]?in|log[- ]?in|login|submit|save|change|reset|update|verify|finish|done|yes|ok|confirm|weiter|anmelden)\b/i;
const OTHER_WORDS = /\b(back|cancel|show|hide|forgot|close|no|use another|sign[- ]?up|create account|help)\b/i;

function isForwardButton(button: Element): boolean {
  const text = [
    button instanceof HTMLInputElement ? button.value : button.textContent ?? '',
    button.getAttribute('aria-label') ?? '',
    button.getAttribute('data-testid') ?? '',
  ].join(' ');
  if (OTHER_WORDS.test(text)) return false;
  const type = button.getAttribute('type');
  return type === 'submit' || FORWARD_WORDS.test(text) || /primary/i.test(text);
}

const SUBMIT_CONTROLS = 'button, input[type=submit], input[type=button], input[type=image], [role=button]';

export class SubmitWatch {
  /** The person's last real press or key, to tell their submits from a script's. */
  private press: Gesture | null = null;
  private readonly onPointerDown = (event: PointerEvent) => {
    this.press = gestureOf(event);
  };
  private readonly onClick = (event: Event) => {
    const target = event.composedPath()[0];
    if (!(target instanceof Element)) return;
    const button = target.closest(SUBMIT_CONTROLS);
    if (button && isForwardButton(button)) this.report(button, gestureWasOn(this.press, button, PRESS_TO_SUBMIT_MS));
  };
  private readonly onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.isComposing) return;
    const target = innermostTarget(event);
    const gesture = gestureOf(event);
    if (gesture) this.press = gesture;
    if (target instanceof HTMLInputElement) this.onSubmitFrom(target, gesture !== null);
  };
  private readonly onSubmit = (event: Event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    // Enter in a field or a press on a submit button of this form, just now.
    const submitter = (event as SubmitEvent).submitter;
    const byPerson = submitter ? gestureWasOn(this.press, submitter, PRESS_TO_SUBMIT_MS) : this.press?.kind === 'key' && gestureWasOn(this.press, form, PRESS_TO_SUBMIT_MS);
    this.report(form, byPerson);
  };

  constructor(private readonly onSubmitFrom: (field: HTMLInputElement, byPerson: boolean) => void) {}

  start(): void {
    document.addEventListener('pointerdown', this.onPointerDown, true);
    document.addEventListener('click', this.onClick, true);
    document.addEventListener('keydown', this.onKeydown, true);
    document.addEventListener('submit', this.onSubmit, true);
  }

  stop(): void {
    document.removeEventListener('pointerdown', this.onPointerDown, true);
    document.removeEventListener('click', this.onClick, true);
    document.removeEventListener('keydown', this.onKeydown, true);
    document.removeEventListener('submit', this.onSubmit, true);
  }

  /** Finds the field a submitting element belongs to: its form's, or the nearest one around it. */
  private report(element: Element, byPerson: boolean): void {
    const form = element instanceof HTMLFormElement ? element : (element as HTMLButtonElement).form ?? element.closest('form');
    let scope: Element | null = form ?? element.parentElement;
    for (let depth = 0; scope && depth < 8; depth++, scope = scope.parentElement) {
      const field = deepInputs(scope).find((input) => input.type !== 'hidden' && input.type !== 'submit' && input.type !== 'button');
      if (field) {
        this.onSubmitFrom(field, byPerson);
        return;
      }
      if (form) return;
    }
  }
}
