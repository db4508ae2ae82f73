// What the inline menu offers and fills, decided here from the frame the menu
// was opened for (tab, frame, origin, URL as the browser reported them), never
// from what a page or a content script claims.
import { originOf } from '../frame-origin';
import { sameUsername } from './usernames';
import { UserFacingError } from '../../shared/errors';
import type { ContentCommand, FillValues, MenuFieldKind, MenuFillResult, MenuState } from '../../shared/protocol';
import type { LoginItem } from '../../vault/model';
import { parseTotp, totpCode } from '../../vault/totp';
import { generatePassword } from '../../generator/password';
import { DEFAULT_PASSWORD_OPTIONS } from '../../generator/password-options';
import { builtinRulesForHost } from '../../generator/site-rules-data';
import { mergeRules, RulesConflictError } from '../../generator/site-rules';
import { rulesFromField } from '../../generator/field-rules';
import { rememberGenerated } from './generated';
import { resolveMenuSession, type MenuSession } from '../menu-sessions';
import { conditionalMenuPasskeys } from '../passkeys/service';
import type { SenderContext } from '../sender';
import type { StorageArea } from '../storage-area';
import type { VaultService } from '../vault-service';
import { markSubmitted, pickedItemId, startContinuation, takeContinuation, type ContinuationField } from './continuations';
import { noteIdentifier } from './identifier-notes';
import { PendingFills, type FillTarget } from './pending-fills';
import { loginMatchScore, matchingLogins, siteKeyOf } from './site-match';

/** The browser's tabs, as far as filling needs them. */
export interface TabsPort {
  /** The URL of the tab's top-level document, or null if unknown. */
  topUrl(tabId: number): Promise<string | null>;
  /** Sends to one frame; with a documentId (where the browser has them), only to that document. */
  sendToFrame(tabId: number, frameId: number, command: ContentCommand, documentId?: string): Promise<unknown>;
  /** Sends to every frame of the tab. */
  sendToTab(tabId: number, command: ContentCommand): Promise<unknown>;
  /** The tab the person is looking at in the focused window. */
  activeTabId(): Promise<number | null>;
}

export interface AutofillDeps {
  vault: VaultService;
  session: StorageArea;
  tabs: TabsPort;
  now?: () => number;
}

const GESTURE_LIFETIME_MS = 3000;

export class AutofillService {
  private readonly now: () => number;
  private readonly fills: PendingFills;
  constructor(private readonly deps: AutofillDeps) {
    this.now = deps.now ?? Date.now;
    this.fills = new PendingFills(this.now);
  }

  private async loginsFor(url: string): Promise<LoginItem[]> {
    const data = await this.deps.vault.read();
    return matchingLogins(
      data.items.filter((item): item is LoginItem => item.type === 'login'),
      url,
    );
  }

  async menuState(token: string, sender: SenderContext): Promise<MenuState> {
    const menu = await this.menuSessionFor(token, sender);
    const host = new URL(menu.url).host;
    const { state } = await this.deps.vault.status();
    const canGenerate = menu.fieldKind === 'new-password';
    if (state !== 'unlocked') return { vault: state, host, fieldKind: menu.fieldKind, logins: [], pickedId: null, canGenerate };
    let logins = await this.loginsFor(menu.url);
    if (menu.fieldKind === 'one-time-code') logins = logins.filter((item) => item.totp !== '');
    const picked = await pickedItemId(this.deps.session, menu.tabId, this.now());
    const pickedId = picked && logins.some((item) => item.id === picked) ? picked : null;
    if (pickedId) logins = [...logins.filter((item) => item.id === pickedId), ...logins.filter((item) => item.id !== pickedId)];
    const offer = await conditionalMenuPasskeys({ vault: this.deps.vault, session: this.deps.session, now: this.now }, menu);
    return {
      vault: state,
      host,
      fieldKind: menu.fieldKind,
      logins: logins.map((item) => ({ id: item.id, name: item.name, username: item.username, hasTotp: item.totp !== '' })),
      pickedId,
      canGenerate,
      ...(offer ? { passkeys: offer.passkeys, passkeyNeedsPassword: offer.needsPassword } : {}),
    };
  }

  /**
   * A strong password for a new-password field, meeting the site's rules (built-in
   * ones for sites that state them, and the field's own), filled into the new and
   * confirmation fields, and kept in the generator history at once.
   */
  async menuGenerate(token: string, sender: SenderContext): Promise<MenuFillResult> {
    const menu = await this.menuSessionFor(token, sender);
    if (menu.fieldKind !== 'new-password') throw new UserFacingError('bad-request', 'This field does not take a new password.');
    const host = new URL(menu.url).hostname;
    const rules = mergeRules(builtinRulesForHost(host), menu.fieldRules ? rulesFromField(menu.fieldRules).rules : undefined);
    let password: string;
    try {
      password = generatePassword(DEFAULT_PASSWORD_OPTIONS, rules);
    } catch (error) {
      if (error instanceof RulesConflictError) {
        throw new UserFacingError('bad-request', `This site’s password rules contradict each other (${error.reason}), so no password it accepts can be made.`);
      }
      throw error;
    }
    await this.deps.vault.update((data) => rememberGenerated(data, password, host, this.now()));
    // Only the new-password fields: the current password of a change form is the person's own pick.
    const fields = await this.deliver(menu, token, { newPassword: password }, 'content.fill');
    return fields.length > 0 ? { result: 'filled', fields } : { result: 'nothing-filled' };
  }

  async menuFill(token: string, itemId: string, allowOrigin: string | undefined, sender: SenderContext): Promise<MenuFillResult> {
    const menu = await this.menuSessionFor(token, sender);
    const item = (await this.deps.vault.read()).items.find((candidate) => candidate.id === itemId);
    if (!item || item.type !== 'login' || loginMatchScore(item, menu.url) === 0) {
      throw new UserFacingError('forbidden-sender', 'That login is not saved for this site.');
    }
    if (menu.frameId !== 0) {
      const topOrigin = originOf(await this.deps.tabs.topUrl(menu.tabId));
      if (topOrigin !== menu.origin && allowOrigin !== menu.origin) return { result: 'confirm-origin', origin: menu.origin };
    }
    const values = await this.valuesFor(item, menu.fieldKind);
    const fields = await this.deliver(menu, token, values, 'content.fill');
    if (fields.length === 0) return { result: 'nothing-filled' };
    // The next view of an identifier-first sign-in may get the rest of this login.
    const next: ContinuationField[] = fields.includes('password') ? ['one-time-code'] : ['password', 'one-time-code'];
    await startContinuation(this.deps.session, menu, item.id, next, this.now());
    return { result: 'filled', fields };
  }

  /**
   * The same login's next value, for the next view of an identifier-first sign-in:
   * only after a pick in the menu and a submit by the person (continuations.ts).
   */
  async continueFill(fieldKind: ContinuationField, sender: SenderContext): Promise<FillValues | null> {
    if (sender.kind !== 'content') return null;
    if (!(await this.deps.vault.isUnlocked())) return null;
    const continuation = await takeContinuation(this.deps.session, sender, fieldKind, this.now());
    if (!continuation) return null;
    // Never into a frame of another origin than the page: that would need a confirmation.
    if (sender.frameId !== 0 && originOf(await this.deps.tabs.topUrl(sender.tabId)) !== sender.origin) return null;
    const logins = await this.loginsFor(sender.url);
    let item = logins.find((candidate) => candidate.id === continuation.itemId) ?? null;
    const submitted = continuation.submittedUsername;
    if (submitted !== null && (!item || !sameUsername(item.username, submitted))) {
      // The person changed the username after picking: follow what they submitted, if unambiguous.
      const byUsername = logins.filter((candidate) => sameUsername(candidate.username, submitted));
      item = byUsername.length === 1 ? byUsername[0]! : null;
    }
    if (!item) return null;
    const values = fieldKind === 'password' ? (item.password ? { password: item.password } : null) : await this.valuesFor(item, fieldKind);
    if (!values || (fieldKind === 'one-time-code' && !values.oneTimeCode)) return null;
    // The view after this one (a code, or a forced change of this password) may follow, on the same terms.
    await startContinuation(this.deps.session, sender, item.id, ['password', 'one-time-code'], this.now());
    return values;
  }

  /** The person submitted a step in this frame: a continuation started here may now be used. */
  async stepSubmitted(username: string, sender: SenderContext): Promise<void> {
    if (sender.kind !== 'content') return;
    const trimmed = username.trim();
    await markSubmitted(this.deps.session, sender, trimmed === '' ? null : trimmed, this.now());
    const site = siteKeyOf(sender.url);
    if (trimmed !== '' && site) await noteIdentifier(this.deps.session, sender.tabId, trimmed, site, this.now());
  }

  /** The content script of the frame a fill was decided for asks for its values, once. */
  takeFill(token: string, sender: SenderContext): FillValues | null {
    if (sender.kind !== 'content') return null;
    return this.fills.take(token, sender);
  }

  /** On lock: values waiting to be taken are dropped. */
  forget(): void {
    this.fills.clear();
  }

  /** A fill gesture from outside the page (shortcut, context menu) allows one fill in that tab, briefly. */
  async noteFillGesture(tabId: number): Promise<void> {
    await this.deps.session.set({ [`gesture.${tabId}`]: this.now() });
  }

  private async takeFillGesture(tabId: number): Promise<boolean> {
    const key = `gesture.${tabId}`;
    const at = (await this.deps.session.get(key))[key];
    await this.deps.session.remove(key);
    return typeof at === 'number' && this.now() - at < GESTURE_LIFETIME_MS;
  }

  async fillHere(fieldKind: MenuFieldKind, sender: SenderContext): Promise<{ values: FillValues | null; openMenu: boolean }> {
    if (sender.kind !== 'content' || !(await this.takeFillGesture(sender.tabId))) return { values: null, openMenu: false };
    if (!(await this.deps.vault.isUnlocked())) return { values: null, openMenu: true };
    if (sender.frameId !== 0 && originOf(await this.deps.tabs.topUrl(sender.tabId)) !== sender.origin) {
      return { values: null, openMenu: true }; // a frame of another origin: the menu asks first
    }
    let logins = await this.loginsFor(sender.url);
    if (fieldKind === 'one-time-code') logins = logins.filter((item) => item.totp !== '');
    if (logins.length !== 1) return { values: null, openMenu: true };
    return { values: await this.valuesFor(logins[0]!, fieldKind), openMenu: false };
  }

  /** "Fill on page load": only a single match on exactly this host, only in the top frame. */
  async onLoadFill(sender: SenderContext, enabled: boolean): Promise<FillValues | null> {
    if (!enabled || sender.kind !== 'content' || sender.frameId !== 0) return null;
    if (!(await this.deps.vault.isUnlocked())) return null;
    const logins = await this.loginsFor(sender.url);
    const exact = logins.filter((item) => loginMatchScore(item, sender.url) >= 2);
    if (logins.length !== 1 || exact.length !== 1) return null;
    return this.valuesFor(exact[0]!, 'password');
  }

  /** "Fill" in the popup: the active tab's top frame must match the login. */
  async fillFromPopup(itemId: string, tabId: number): Promise<string[]> {
    const item = (await this.deps.vault.read()).items.find((candidate) => candidate.id === itemId);
    const url = await this.deps.tabs.topUrl(tabId);
    if (!item || item.type !== 'login' || !url || loginMatchScore(item, url) === 0) {
      throw new UserFacingError('forbidden-sender', 'This login is not saved for the page in this tab.');
    }
    const origin = originOf(url);
    if (!origin) throw new UserFacingError('forbidden-sender', 'This login is not saved for the page in this tab.');
    // Only the document on that origin in the tab's top frame can take the values (pending-fills.ts).
    return this.deliver({ tabId, frameId: 0, origin }, null, await this.valuesFor(item, 'password'), 'content.fillPage');
  }

  private async valuesFor(item: LoginItem, fieldKind: MenuFieldKind): Promise<FillValues> {
    if (fieldKind === 'one-time-code') {
      if (!item.totp) return {};
      return { oneTimeCode: await totpCode(parseTotp(item.totp), this.now()) };
    }
    // On a change-password form the saved password is the current one.
    return { username: item.username, password: item.password };
  }

  /**
   * Holds the values for one frame and tells it a fill is ready; the frame's content
   * script checks what the person sees and takes them. Answers which fields it filled.
   */
  private async deliver(target: FillTarget, menuToken: string | null, values: FillValues, type: 'content.fill' | 'content.fillPage'): Promise<string[]> {
    const token = this.fills.offer(target, values, menuToken ?? undefined);
    try {
      const command: ContentCommand = { type, token, origin: target.origin };
      const answer = (await this.deps.tabs.sendToFrame(target.tabId, target.frameId, command, target.documentId)) as { filled?: unknown } | undefined;
      return Array.isArray(answer?.filled) ? answer.filled.filter((field): field is string => typeof field === 'string') : [];
    } finally {
      this.fills.withdraw(token);
    }
  }

  private async menuSessionFor(token: string, sender: SenderContext): Promise<MenuSession> {
    if (sender.kind !== 'inline-ui') throw new UserFacingError('forbidden-sender', 'Only the inline menu may ask.');
    return resolveMenuSession(this.deps.session, token, sender.tabId, this.now());
  }
}
