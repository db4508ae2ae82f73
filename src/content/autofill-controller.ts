// The content script's autofill lifecycle in one frame: offer the inline menu
// when the person clicks or keys into a field, fill what the person chose there,
// carry an identifier-first pick over to the next view, and tell the background
// when the person submits a step.
//
// The page is not trusted. A script can focus fields, click buttons and submit
// forms, and Chromium marks all of those events trusted; so nothing here acts
// on focus or on a submit alone: the menu opens on a real pointerdown or key in
// the field (person-gesture.ts), a fill happens only after the menu checked it
// was visible and unmoved (inline-menu-host.ts), into fields a person can see.
import { parseContentCommand, type ContentCommand } from '../shared/protocol-content';
import type { FieldRuleAttributes, FillValues, MenuFieldKind } from '../shared/protocol';
import { sendRequest } from '../shared/messaging';
import { fieldRole } from './detection/field-role';
import { formContextOf, type FormContext } from './detection/form-context';
import { menuKindFor } from './detection/menu-kind';
import { isFillable, isVisibleToPerson } from './detection/visibility';
import { FieldWatch } from './field-watch';
import { fillForm } from './fill/fill-form';
import { resetTargetUser } from './microsoft/admin-center';
import { gestureOf, gestureWasOn, type Gesture } from './person-gesture';
import { innermostTarget, shadowRootOf } from './shadow';
import { SubmitWatch } from './submit-watch';
import { InlineMenuHost } from './ui/inline-menu-host';
import { PromptHost } from './ui/prompt-host';

/** How long after the person's press or key a menu may still open for that field. */
const GESTURE_TO_MENU_MS = 1000;

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

/** The focused element inside `element`'s shadow roots (open or closed), or `element`. */
function deepActiveElement(element: Element): Element {
  let active = element;
  for (let root = shadowRootOf(active); root?.activeElement; root = shadowRootOf(active)) active = root.activeElement;
  return active;
}

export class AutofillController {
  private readonly menu = new InlineMenuHost();
  private readonly prompt = new PromptHost();
  /** What we filled into which field, so an unchanged fill is not offered for saving. */
  private readonly filledValues = new WeakMap<HTMLInputElement, string>();
  private readonly fieldWatch = new FieldWatch((inputs) => void this.onNewFields(inputs));
  private readonly submitWatch = new SubmitWatch((field, byPerson) => void this.onSubmitFrom(field, byPerson));
  private readonly continued = new WeakSet<HTMLInputElement>();
  private opening: HTMLInputElement | null = null;
  /** The person's last press or key, so the menu opens for them and never for a script's focus(). */
  private gesture: Gesture | null = null;

  private readonly onFocusIn = (event: FocusEvent) => {
    // Focus opens nothing (a script's focus() is a trusted event too); focus moving
    // to anything but the field and its menu closes the menu.
    const target = innermostTarget(event);
    if (this.menu.anchor && target !== this.menu.anchor && !this.menu.isHost(target)) this.menu.close();
  };
  private readonly onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.menu.anchor) {
      this.menu.close();
      return;
    }
    const gesture = this.personGesture(event);
    if (!gesture) return;
    this.gesture = gesture;
    // ArrowDown in a field asks for the menu, as in a browser's own autofill.
    if (event.key === 'ArrowDown' && gesture.target instanceof HTMLInputElement && !this.menu.isOpenFor(gesture.target)) void this.offerMenu(gesture.target);
  };
  private readonly onKeyUp = (event: KeyboardEvent) => {
    // Tabbing into a field is the keyboard's way of choosing it: Tab's keyup lands on the new field.
    if (event.key !== 'Tab') return;
    const gesture = this.personGesture(event);
    if (gesture?.target instanceof HTMLInputElement && gesture.target.value === '') {
      this.gesture = gesture;
      void this.offerMenu(gesture.target);
    }
  };
  private readonly onPointerDown = (event: PointerEvent) => {
    const target = innermostTarget(event);
    if (this.menu.isOpenFor(target) || this.menu.isHost(target)) return;
    this.menu.close();
    const gesture = this.personGesture(event);
    if (!gesture) return;
    this.gesture = gesture;
    if (target instanceof HTMLInputElement) void this.offerMenu(target);
  };

  /** A person's gesture, its target looked up inside closed shadow roots too (shadow.ts). */
  private personGesture(event: PointerEvent | KeyboardEvent): Gesture | null {
    const gesture = gestureOf(event);
    return gesture && { ...gesture, target: innermostTarget(event) };
  }

  /** Starts after the page loaded (the bootstrap decides when); `woke` is the person's press that woke us, if any. */
  start(woke: Gesture | null): void {
    // The bootstrap saw only the host of a closed shadow root; the press has focused the field inside by now.
    if (woke?.target && !(woke.target instanceof HTMLInputElement)) {
      const inner = deepActiveElement(woke.target);
      woke = inner instanceof HTMLInputElement ? { ...woke, target: inner } : woke;
    }
    document.addEventListener('focusin', this.onFocusIn, true);
    document.addEventListener('keydown', this.onKeyDown, true);
    document.addEventListener('keyup', this.onKeyUp, true);
    document.addEventListener('pointerdown', this.onPointerDown, true);
    this.submitWatch.start();
    if (woke?.target instanceof HTMLInputElement) {
      this.gesture = woke;
      void this.offerMenu(woke.target);
    }
    if (document.readyState === 'complete') this.whenIdle(() => this.afterLoad());
    else window.addEventListener('load', () => this.whenIdle(() => this.afterLoad()), { once: true });
  }

  /** Messages from our background (the bootstrap checked the sender), parsed on receipt: anything else gets no answer. */
  command(message: unknown): Promise<unknown> {
    const command = parseContentCommand(message);
    return command ? this.handleCommand(command) : Promise.resolve(undefined);
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
    document.removeEventListener('keyup', this.onKeyUp, true);
    document.removeEventListener('pointerdown', this.onPointerDown, true);
    this.fieldWatch.stop();
    this.submitWatch.stop();
    this.menu.close();
  }

  private async offerMenu(field: HTMLInputElement): Promise<void> {
    if (!gestureWasOn(this.gesture, field, GESTURE_TO_MENU_MS)) return;
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
    switch (command.type) {
      case 'content.showPrompt':
        if (window === window.top) this.prompt.show(command.token);
        return { shown: window === window.top };
      case 'content.closePrompt':
        if (command.token === this.prompt.token) this.prompt.close();
        return { closed: true };
      case 'content.fillRequested':
        return { filled: await this.onFillRequested() };
      case 'content.fillPage': {
        // The popup's "Fill": for this page's login form, if this is still the page it was checked against.
        const anchor = window === window.top && command.origin === location.origin ? this.pageLoginField() : null;
        if (!anchor) return { filled: [] };
        return { filled: await this.takeAndFill(command.token, anchor) };
      }
      case 'content.closeMenu':
        if (command.token === this.menu.token) this.menu.close();
        return { closed: true };
      case 'content.menuSize':
        this.menu.resize(command.token, command.height);
        return { ok: true };
      case 'content.fill': {
        if (command.token !== this.menu.token || command.origin !== location.origin) return { filled: [] };
        const anchor = this.menu.anchor;
        // The person must have seen what they clicked, where it was, over the field it was opened for.
        const ready = this.menu.readyToFill();
        this.menu.close();
        if (!anchor || !ready || !isVisibleToPerson(anchor)) return { filled: [] };
        return { filled: await this.takeAndFill(command.token, anchor) };
      }
    }
  }

  /** Asks the background for the values of a fill it prepared for this document, and fills them. */
  private async takeAndFill(token: string, anchor: HTMLInputElement): Promise<string[]> {
    const { values } = await sendRequest('autofill.takeFill', { token }).catch(() => ({ values: null }));
    if (!values || !anchor.isConnected) return [];
    return this.fill(anchor, values);
  }

  private focusedField(): Element | null {
    return document.activeElement && deepActiveElement(document.activeElement);
  }

  private fill(anchor: HTMLInputElement, values: FillValues): string[] {
    const { filled, context } = fillForm(anchor, values);
    for (const { input } of context.fields) if (input.value) this.filledValues.set(input, input.value);
    return filled;
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
    if (openMenu) {
      // The shortcut or context menu was the person's gesture, from outside the page.
      this.gesture = { target: focused.field, kind: 'key', key: '', at: performance.now() };
      void this.offerMenu(focused.field);
    }
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
      if (this.continued.has(input) || !isVisibleToPerson(input) || input.value !== '') continue;
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
        if (values && input.isConnected && input.value === '' && isVisibleToPerson(input)) {
          this.fill(input, values);
          // The field is done: a menu the page's autofocus opened over it would only be in the way.
          if (this.menu.anchor && formContextOf(input).fields.some((field) => field.input === this.menu.anchor)) this.menu.close();
        }
      } catch {
        // Locked, or nothing picked: the person uses the menu as usual.
      }
    }
  }

  private async onSubmitFrom(field: HTMLInputElement, byPerson: boolean): Promise<void> {
    const context = formContextOf(field);
    // Only the person's own submit lets the next view of a sign-in be filled (continuations.ts).
    if (byPerson && ['identifier', 'login', 'password-only', 'verification-code'].includes(context.kind)) {
      await sendRequest('autofill.stepSubmitted', { username: context.username?.value ?? '' }).catch(() => undefined);
    }
    if (context.kind === 'identifier') return;
    const submission = submissionOf(context);
    if (!submission) return;
    const watched = [context.username, context.currentPassword, context.newPassword].filter((input): input is HTMLInputElement => input !== null);
    // A sign-in with what Latchkey filled, unchanged, is already saved. A sign-up's
    // password that the generator filled is not: it is exactly what must be saved.
    if (submission.kind === 'login' && context.kind !== 'registration' && watched.every((input) => !input.value || this.filledValues.get(input) === input.value)) return;
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
