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
import { currentPick, noteSubmittedUsername, rememberPick } from './picks';
import { loginMatchScore, matchingLogins } from './site-match';

/** The browser's tabs, as far as filling needs them. */
export interface TabsPort {
  /** The URL of the tab's top-level document, or null if unknown. */
  topUrl(tabId: number): Promise<string | null>;
  sendToFrame(tabId: number, frameId: number, command: ContentCommand): Promise<unknown>;
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
  constructor(private readonly deps: AutofillDeps) {
    this.now = deps.now ?? Date.now;
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
    const pick = await currentPick(this.deps.session, menu.tabId, this.now());
    const pickedId = pick && logins.some((item) => item.id === pick.itemId) ? pick.itemId : null;
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
    const values: FillValues = { newPassword: password };
    // On a change form, the current password comes from the one login saved for the site.
    const logins = await this.loginsFor(menu.url);
    if (logins.length === 1) values.password = logins[0]!.password;
    const fields = await this.fillFrame(menu.tabId, menu.frameId, { type: 'content.fill', token, values });
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
    const fields = await this.fillFrame(menu.tabId, menu.frameId, { type: 'content.fill', token, values });
    if (fields.length === 0) return { result: 'nothing-filled' };
    await rememberPick(this.deps.session, menu.tabId, item.id, this.now());
    return { result: 'filled', fields };
  }

  /** The same login's next value, for the next view of an identifier-first sign-in. */
  async continueFill(fieldKind: 'password' | 'one-time-code', sender: SenderContext): Promise<FillValues | null> {
    if (sender.kind !== 'content') return null;
    if (!(await this.deps.vault.isUnlocked())) return null;
    const pick = await currentPick(this.deps.session, sender.tabId, this.now());
    if (!pick) return null;
    // Never into a frame of another origin than the page: that would need a confirmation.
    if (sender.frameId !== 0 && originOf(await this.deps.tabs.topUrl(sender.tabId)) !== sender.origin) return null;
    const logins = await this.loginsFor(sender.url);
    let item = logins.find((candidate) => candidate.id === pick.itemId) ?? null;
    if (pick.submittedUsername !== null && (!item || !sameUsername(item.username, pick.submittedUsername))) {
      // The person changed the username after picking: follow what they submitted, if unambiguous.
      const byUsername = logins.filter((candidate) => sameUsername(candidate.username, pick.submittedUsername!));
      item = byUsername.length === 1 ? byUsername[0]! : null;
    }
    if (!item) return null;
    if (fieldKind === 'password') return item.password ? { password: item.password } : null;
    const values = await this.valuesFor(item, fieldKind);
    return values.oneTimeCode ? values : null;
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
    await rememberPick(this.deps.session, sender.tabId, logins[0]!.id, this.now());
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
    const values = await this.valuesFor(item, 'password');
    const filled = await this.fillFrame(tabId, 0, { type: 'content.fillPage', token: '', values });
    if (filled.length > 0) await rememberPick(this.deps.session, tabId, item.id, this.now());
    return filled;
  }

  async identifierSubmitted(username: string, sender: SenderContext): Promise<void> {
    if (sender.kind !== 'content' || username.trim() === '') return;
    await noteSubmittedUsername(this.deps.session, sender.tabId, username, this.now());
  }

  private async valuesFor(item: LoginItem, fieldKind: MenuFieldKind): Promise<FillValues> {
    if (fieldKind === 'one-time-code') {
      if (!item.totp) return {};
      return { oneTimeCode: await totpCode(parseTotp(item.totp), this.now()) };
    }
    // On a change-password form the saved password is the current one.
    return { username: item.username, password: item.password };
  }

  /** Sends a fill to one frame; answers which fields the content script filled. */
  private async fillFrame(tabId: number, frameId: number, command: ContentCommand): Promise<string[]> {
    const answer = (await this.deps.tabs.sendToFrame(tabId, frameId, command)) as { filled?: unknown } | undefined;
    return Array.isArray(answer?.filled) ? answer.filled.filter((field): field is string => typeof field === 'string') : [];
  }

  private async menuSessionFor(token: string, sender: SenderContext): Promise<MenuSession> {
    if (sender.kind !== 'inline-ui') throw new UserFacingError('forbidden-sender', 'Only the inline menu may ask.');
    return resolveMenuSession(this.deps.session, token, sender.tabId, this.now());
  }
}
