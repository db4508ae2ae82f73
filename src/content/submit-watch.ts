// Notices when a person submits a sign-in step: a form submit, a click on a
// button, or Enter in a field. Page apps rarely submit real forms, so clicks
// and Enter count too. Costs nothing until one of those happens.
import { deepInputs } from './detection/dom';

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

export class SubmitWatch {
  private readonly onClick = (event: Event) => {
    const target = event.composedPath()[0];
    if (!(target instanceof Element)) return;
    const button = target.closest('button, input[type=submit], input[type=button], input[type=image], [role=button]');
    if (button && isForwardButton(button)) this.report(button);
  };
  private readonly onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.isComposing) return;
    const target = event.composedPath()[0];
    if (target instanceof HTMLInputElement) this.onSubmitFrom(target);
  };
  private readonly onSubmit = (event: Event) => {
    if (event.target instanceof HTMLFormElement) this.report(event.target);
  };

  constructor(private readonly onSubmitFrom: (field: HTMLInputElement) => void) {}

  start(): void {
    document.addEventListener('click', this.onClick, true);
    document.addEventListener('keydown', this.onKeydown, true);
    document.addEventListener('submit', this.onSubmit, true);
  }

  stop(): void {
    document.removeEventListener('click', this.onClick, true);
    document.removeEventListener('keydown', this.onKeydown, true);
    document.removeEventListener('submit', this.onSubmit, true);
  }

  /** Finds the field a submitting element belongs to: its form's, or the nearest one around it. */
  private report(element: Element): void {
    const form = element instanceof HTMLFormElement ? element : (element as HTMLButtonElement).form ?? element.closest('form');
    let scope: Element | null = form ?? element.parentElement;
    for (let depth = 0; scope && depth < 8; depth++, scope = scope.parentElement) {
      const field = deepInputs(scope).find((input) => input.type !== 'hidden' && input.type !== 'submit' && input.type !== 'button');
      if (field) {
        this.onSubmitFrom(field);
        return;
      }
      if (form) return;
    }
  }
}
