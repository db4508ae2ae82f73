// The content script's autofill lifecycle in one frame: offer the inline menu on
// focus, fill what the background sends, carry an identifier-first pick over to
// the next view, and tell the background when an identifier step is submitted.
import type { ContentCommand, FieldRuleAttributes, FillValues, MenuFieldKind } from '../shared/protocol';
import { sendRequest } from '../shared/messaging';
import { fieldRole } from './detection/field-role';
import { formContextOf, type FormContext } from './detection/form-context';
import { isFillable } from './detection/visibility';
import { FieldWatch } from './field-watch';
import { fillForm } from './fill/fill-form';
import { InlineMenuHost } from './inline-menu-host';
import { resetTargetUser } from './microsoft/admin-center';
import { PromptHost } from './prompt-host';
import { SubmitWatch } from './submit-watch';

const PROMPT_WAIT_MS = 20_000;

/** The password rules a new-password field states, for the generator. */
function fieldRuleAttributes(field: HTMLInputElement): FieldRuleAttributes | undefined {
  const rules: FieldRuleAttributes = {};
  if (field.minLength > 0) rules.minLength = field.minLength;
  if (field.maxLength > 0) rules.maxLength = field.maxLength;
  if (field.pattern) rules.pattern = field.pattern.slice(0, 2048);
  const passwordrules = field.getAttribute('passwordrules');
  if (passwordrules) rules.passwordrules = passwordrules.slice(0, 2048);
  return Object.keys(rules).length > 0 ? rules : undefined;
}

/** What a submitted form says about the person's password, if anything worth saving. */
function submissionOf(context: FormContext): CaptureSubmission | null {
  const username = context.username?.value ?? '';
  const current = context.currentPassword?.value ?? '';
  const next = context.newPassword?.value ?? '';
  const confirmation = context.confirmPassword?.value;
  if (next && confirmation !== undefined && confirmation !== next) return null; // the site will refuse it
  switch (context.kind) {
    case 'login':
    case 'password-only':
      return current ? { kind: 'login', username, password: current, newPassword: '' } : null;
    case 'change-password':
      return next ? { kind: 'change', username, password: current, newPassword: next } : null;
    case 'reset-password':
      return next ? { kind: 'reset', username, password: '', newPassword: next } : null;
    case 'registration':
      return next ? { kind: 'login', username, password: next, newPassword: '' } : null;
    default:
      return null;
  }
}

type CaptureSubmission = {
  kind: 'login' | 'change' | 'reset';
  username: string;
  password: string;
  newPassword: string;
  account?: 'self' | 'other-user';
};

const LOGIN_FORMS = new Set(['login', 'identifier', 'password-only', 'change-password', 'reset-password', 'registration', 'verification-code']);

/** Which menu, if any, a focused field gets. */
function menuKindFor(field: HTMLInputElement, context: FormContext): MenuFieldKind | null {
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

export class AutofillController {
  private readonly menu = new InlineMenuHost();
  private readonly prompt = new PromptHost();
  /** What we filled into which field, so an unchanged fill is not offered for saving. */
  private readonly filledValues = new WeakMap<HTMLInputElement, string>();
  private readonly fieldWatch = new FieldWatch((inputs) => void this.onNewFields(inputs));
  private readonly submitWatch = new SubmitWatch((field) => void this.onSubmitFrom(field));
  private readonly continued = new WeakSet<HTMLInputElement>();
  /** While we fill, fields gain focus because of us, not because the person chose them. */
  private filling = false;
  private opening: HTMLInputElement | null = null;

  private readonly onFocusIn = (event: FocusEvent) => {
    const target = event.composedPath()[0];
    // Focus alone (a page's autofocus, tabbing) opens the menu on empty fields only;
    // a filled field shows it when clicked.
    if (target instanceof HTMLInputElement && !this.filling && target.value === '') void this.offerMenu(target);
  };
  private readonly onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.menu.anchor) this.menu.close();
  };
  private readonly onPointerDown = (event: PointerEvent) => {
    const target = event.composedPath()[0] ?? null;
    if (this.menu.isOpenFor(target) || this.menu.isHost(target)) return;
    this.menu.close();
    if (target instanceof HTMLInputElement) void this.offerMenu(target);
  };

  /** Starts after the page loaded (the bootstrap decides when); `focused` is the field that woke us, if any. */
  start(focused: HTMLInputElement | null): void {
    document.addEventListener('focusin', this.onFocusIn, true);
    document.addEventListener('keydown', this.onKeyDown, true);
    document.addEventListener('pointerdown', this.onPointerDown, true);
    this.submitWatch.start();
    if (focused) void this.offerMenu(focused);
    if (document.readyState === 'complete') this.whenIdle(() => this.afterLoad());
    else window.addEventListener('load', () => this.whenIdle(() => this.afterLoad()), { once: true });
  }

  /** Commands from the background, handed over by the bootstrap after checking the sender. */
  command(message: unknown): Promise<unknown> {
    return this.handleCommand(message as ContentCommand);
  }

  private whenIdle(task: () => void): void {
    if ('requestIdleCallback' in window) requestIdleCallback(task, { timeout: 1000 });
    else setTimeout(task, 50);
  }

  private afterLoad(): void {
    this.fieldWatch.start();
    // A live collection the browser keeps: on a page without inputs this is all the work there is.
    const inputs = document.getElementsByTagName('input');
    if (inputs.length === 0) return;
    const fields = [...inputs].filter((input) => input.type !== 'hidden');
    // A password or code field already on the page may continue a pick from the previous page.
    const continuing = fields.filter((input) => input.type === 'password' || /one-time-code/.test(input.autocomplete) || input.name === 'otc');
    if (continuing.length > 0) {
      void this.onNewFields(continuing);
      void this.fillOnLoad();
    }
    if (fields.some((input) => input.type === 'password' || input.type === 'email' || /username/.test(input.autocomplete))) {
      this.menu.warm();
    }
  }

  /** Pages with sign-in fields get the menu frame loaded ahead, once the page is idle. */
  private warmMenuWhenIdle(): void {
    this.whenIdle(() => this.menu.warm());
  }

  stop(): void {
    document.removeEventListener('focusin', this.onFocusIn, true);
    document.removeEventListener('keydown', this.onKeyDown, true);
    document.removeEventListener('pointerdown', this.onPointerDown, true);
    this.fieldWatch.stop();
    this.submitWatch.stop();
    this.menu.close();
  }

  private async offerMenu(field: HTMLInputElement): Promise<void> {
    // A click fires pointerdown and then focusin: one menu, not two.
    if (this.menu.isOpenFor(field) || this.opening === field || !isFillable(field)) return;
    const fieldKind = menuKindFor(field, formContextOf(field));
    if (!fieldKind) return;
    let token: string;
    this.opening = field;
    try {
      // The background learns this frame's tab, origin and URL from the sender, not from us.
      const fieldRules = fieldKind === 'new-password' ? fieldRuleAttributes(field) : undefined;
      const webauthn = fieldKind === 'username' && (field.getAttribute('autocomplete') ?? '').toLowerCase().split(/\s+/).includes('webauthn');
      ({ token } = await sendRequest('autofill.openMenu', { fieldKind, ...(fieldRules ? { fieldRules } : {}), ...(webauthn ? { webauthn } : {}) }));
    } catch {
      return;
    } finally {
      this.opening = null;
    }
    if (field.isConnected && this.focusedField() === field) this.menu.open(field, token);
  }

  private async handleCommand(command: ContentCommand): Promise<unknown> {
    if (!command || typeof command !== 'object' || typeof command.token !== 'string') return undefined;
    if (command.type === 'content.showPrompt') {
      if (window === window.top) this.prompt.show(command.token);
      return { shown: window === window.top };
    }
    if (command.type === 'content.closePrompt') {
      if (command.token === this.prompt.token) this.prompt.close();
      return { closed: true };
    }
    if (command.type === 'content.fillRequested') return { filled: await this.onFillRequested() };
    if (command.type === 'content.fillPage') {
      const anchor = window === window.top ? this.pageLoginField() : null;
      return { filled: anchor ? this.fill(anchor, command.values) : [] };
    }
    if (command.token !== this.menu.token) return { filled: [] };
    if (command.type === 'content.closeMenu') {
      this.menu.close();
      return { closed: true };
    }
    if (command.type === 'content.fill') {
      const anchor = this.menu.anchor;
      this.menu.close();
      if (!anchor || !anchor.isConnected) return { filled: [] };
      return { filled: this.fill(anchor, command.values) };
    }
    return { filled: [] };
  }

  private focusedField(): Element | null {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active;
  }

  private fill(anchor: HTMLInputElement, values: FillValues): string[] {
    this.filling = true;
    try {
      const { filled, context } = fillForm(anchor, values);
      for (const { input } of context.fields) if (input.value) this.filledValues.set(input, input.value);
      return filled;
    } finally {
      this.filling = false;
    }
  }

  /** The focused field, if it is one the menu serves. */
  private focusedLoginField(): { field: HTMLInputElement; kind: MenuFieldKind } | null {
    const focused = this.focusedField();
    if (!(focused instanceof HTMLInputElement) || !document.hasFocus()) return null;
    const kind = menuKindFor(focused, formContextOf(focused));
    return kind ? { field: focused, kind } : null;
  }

  /** The page's sign-in field: the first visible password field's form, or a lone username step. */
  private pageLoginField(): HTMLInputElement | null {
    const focused = this.focusedLoginField();
    if (focused) return focused.field;
    const candidates = document.querySelectorAll<HTMLInputElement>('input[type=password], input[type=email], input[autocomplete~=username], input[type=text]');
    for (const input of candidates) {
      if (!isFillable(input)) continue;
      const context = formContextOf(input);
      if (['login', 'identifier', 'password-only', 'change-password'].includes(context.kind)) return context.username ?? context.currentPassword ?? input;
    }
    return null;
  }

  private async onFillRequested(): Promise<string[]> {
    const focused = this.focusedLoginField();
    if (!focused) return [];
    const { values, openMenu } = await sendRequest('autofill.fillHere', { fieldKind: focused.kind }).catch(() => ({ values: null, openMenu: false }));
    if (values) return this.fill(focused.field, values);
    if (openMenu) void this.offerMenu(focused.field);
    return [];
  }

  /** "Fill on page load", when the person turned it on: the background decides and usually says no. */
  private async fillOnLoad(): Promise<void> {
    if (window !== window.top) return;
    const anchor = this.pageLoginField();
    if (!anchor) return;
    const { values } = await sendRequest('autofill.onLoad', {}).catch(() => ({ values: null }));
    if (values && anchor.isConnected && anchor.value === '') this.fill(anchor, values);
  }

  /** New password or code fields: the next view of a sign-in where a login was just picked. */
  private async onNewFields(inputs: HTMLInputElement[]): Promise<void> {
    for (const input of inputs) {
      if (this.continued.has(input) || !isFillable(input) || input.value !== '') continue;
      const role = fieldRole(input);
      if (role !== 'other' && role !== 'search') this.warmMenuWhenIdle();
      const fieldKind = role === 'current-password' ? 'password' : role === 'one-time-code' ? 'one-time-code' : null;
      if (!fieldKind) continue;
      const context = formContextOf(input);
      // A password step, or a forced password change right after signing in (its current password).
      if (fieldKind === 'password' && !['password-only', 'login', 'change-password'].includes(context.kind)) continue;
      this.continued.add(input);
      try {
        const { values } = await sendRequest('autofill.continue', { fieldKind });
        if (values && input.isConnected && input.value === '') {
          this.fill(input, values);
          // The field is done: a menu the page's autofocus opened over it would only be in the way.
          if (this.menu.anchor && formContextOf(input).fields.some((field) => field.input === this.menu.anchor)) this.menu.close();
        }
      } catch {
        // Locked, or nothing picked: the person uses the menu as usual.
      }
    }
  }

  private async onSubmitFrom(field: HTMLInputElement): Promise<void> {
    const context = formContextOf(field);
    if (context.kind === 'identifier' && context.username && context.username.value.trim() !== '') {
      await sendRequest('autofill.identifierSubmitted', { username: context.username.value }).catch(() => undefined);
      return;
    }
    const submission = submissionOf(context);
    if (!submission) return;
    const watched = [context.username, context.currentPassword, context.newPassword].filter((input): input is HTMLInputElement => input !== null);
    // A sign-in with what Latchkey filled, unchanged, is already saved. (A generated
    // new password was filled by us too, but is exactly what must be saved.)
    if (submission.kind === 'login' && watched.every((input) => !input.value || this.filledValues.get(input) === input.value)) return;
    const otherUser = resetTargetUser(field);
    if (otherUser) Object.assign(submission, { username: otherUser, account: 'other-user' });
    try {
      const { offer } = await sendRequest('capture.submitted', submission);
      if (offer) this.promptWhenMovedOn(watched);
    } catch {
      // Locked or refused: nothing to offer.
    }
  }

  /**
   * A page app that accepts the submission replaces the form; one that refuses
   * it keeps the form and shows an error. Prompt only once the form is gone.
   * (A page that navigates gets its prompt from the background after loading.)
   */
  private promptWhenMovedOn(fields: HTMLInputElement[]): void {
    const started = Date.now();
    const check = async () => {
      if (fields.every((input) => input.isConnected && isFillable(input))) {
        if (Date.now() - started < PROMPT_WAIT_MS) setTimeout(check, 250);
        return;
      }
      const { token } = await sendRequest('capture.pending', {}).catch(() => ({ token: null }));
      if (token && window === window.top) this.prompt.show(token);
    };
    setTimeout(check, 250);
  }
}
