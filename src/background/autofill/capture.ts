// After a person signs in, changes or resets a password, offer to save the new
// login or update the saved one. The content script reports what was submitted;
// what to offer, and where, is decided here from the frame the sender is in.
import { sameUsername } from './usernames';
import { UserFacingError } from '../../shared/errors';
import type { CaptureAccount, CaptureKind, PromptAnswer, PromptState } from '../../shared/protocol';
import { newItem, updateItem, type LoginItem } from '../../vault/model';
import { randomBytes, toBase64Url } from '../../vault/bytes';
import type { SenderContext } from '../sender';
import type { StorageArea } from '../storage-area';
import type { VaultService } from '../vault-service';
import { isNeverSaveSite, neverSaveSite } from './never-save';
import { pickedItemId } from './continuations';
import { recentIdentifier } from './identifier-notes';
import { matchingLogins, siteKeyOf, siteOf } from './site-match';

const PREFIX = 'capture.';
const CAPTURE_LIFETIME_MS = 2 * 60_000;

export interface Submission {
  kind: CaptureKind;
  /** 'other-user': an admin set someone else's password; never stored over the admin's login. */
  account?: CaptureAccount;
  username: string;
  /** The password typed or filled (for a change: the current one). */
  password: string;
  /** For change and reset forms. */
  newPassword: string;
}

interface PendingCapture {
  token: string;
  tabId: number;
  url: string;
  action: 'save' | 'update';
  itemId: string | null;
  username: string;
  password: string;
  /** The name a new login gets. */
  name: string;
  at: number;
}


function defaultName(url: string): string {
  const site = siteOf(url);
  return site ? site.host.replace(/^www\./, '') : 'Login';
}

export class CaptureService {
  constructor(
    private readonly vault: VaultService,
    private readonly session: StorageArea,
    private readonly local: StorageArea,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a submission; answers whether there is something to offer. */
  async submitted(submission: Submission, sender: SenderContext): Promise<{ offer: boolean }> {
    if (sender.kind !== 'content') throw new UserFacingError('forbidden-sender', 'Only a page reports submissions.');
    const password = submission.kind === 'login' ? submission.password : submission.newPassword;
    if (!password || !(await this.vault.isUnlocked())) return { offer: false };
    if (await isNeverSaveSite(this.local, sender.url)) return { offer: false };

    const otherUser = submission.account === 'other-user';
    let username = submission.username.trim();
    if (otherUser && !username) return { offer: false };
    // The identifier step's username belongs to the person signing in, never to another user.
    if (!username && !otherUser) {
      const site = siteKeyOf(sender.url);
      username = (site ? await recentIdentifier(this.session, sender.tabId, site, this.now()) : null) ?? '';
    }

    const logins = matchingLogins(
      (await this.vault.read()).items.filter((item): item is LoginItem => item.type === 'login'),
      sender.url,
    );
    const existing = otherUser
      ? (logins.find((item) => sameUsername(item.username, username)) ?? null)
      : (this.existingFor(logins, username, submission) ?? (await this.pickedFor(logins, username, submission, sender.tabId)));
    if (existing && existing.password === password) return { offer: false };

    const pending: PendingCapture = {
      token: toBase64Url(randomBytes(16)),
      tabId: sender.tabId,
      url: sender.url,
      action: existing ? 'update' : 'save',
      itemId: existing?.id ?? null,
      username: existing && !username ? existing.username : username,
      password,
      name: otherUser ? username : defaultName(sender.url),
      at: this.now(),
    };
    await this.session.set({ [PREFIX + sender.tabId]: pending });
    return { offer: true };
  }

  /**
   * A change or reset in several steps: the current password was picked on an earlier view
   * (and is not on this one), so the login picked moments ago in this tab is the one changed.
   */
  private async pickedFor(logins: LoginItem[], username: string, submission: Submission, tabId: number): Promise<LoginItem | null> {
    if (submission.kind === 'login' || submission.password) return null;
    const picked = await pickedItemId(this.session, tabId, this.now());
    const item = logins.find((candidate) => candidate.id === picked) ?? null;
    return item && (!username || sameUsername(item.username, username)) ? item : null;
  }

  /** Which saved login a submission is about, if any. */
  private existingFor(logins: LoginItem[], username: string, submission: Submission): LoginItem | null {
    if (username) return logins.find((item) => sameUsername(item.username, username)) ?? null;
    // No username on a change form: the login whose password was the current one.
    if (submission.kind === 'change' && submission.password) {
      return logins.find((item) => item.password === submission.password) ?? null;
    }
    return null;
  }

  /** After a navigation in the tab: the prompt to show in its top frame, if one waits. */
  async pendingTokenForTab(tabId: number): Promise<string | null> {
    return (await this.pending(tabId))?.token ?? null;
  }

  /** The token of the prompt to show in this tab's top frame, if a submission on its site is waiting. */
  async pendingPrompt(sender: SenderContext): Promise<{ token: string | null }> {
    if (sender.kind !== 'content' || sender.frameId !== 0) return { token: null };
    const pending = await this.pending(sender.tabId);
    if (!pending) return { token: null };
    const from = siteOf(pending.url);
    const here = siteOf(sender.url);
    // The prompt appears on the site that was submitted to, or where it went right after.
    if (!from || !here || (from.domain !== here.domain && this.now() - pending.at > 15_000)) return { token: null };
    return { token: pending.token };
  }

  async promptState(token: string, sender: SenderContext): Promise<PromptState> {
    const pending = await this.pendingForToken(token, sender);
    const item = pending.itemId ? ((await this.vault.read()).items.find((candidate) => candidate.id === pending.itemId) ?? null) : null;
    return {
      action: pending.action,
      host: siteOf(pending.url)?.host ?? '',
      username: pending.username,
      itemName: item?.name ?? null,
    };
  }

  async promptAnswer(token: string, answer: PromptAnswer, sender: SenderContext): Promise<{ done: true }> {
    const pending = await this.pendingForToken(token, sender);
    await this.session.remove(PREFIX + pending.tabId);
    if (answer === 'never') await neverSaveSite(this.local, pending.url);
    if (answer === 'save') {
      const origin = new URL(pending.url).origin;
      await this.vault.update((data) => {
        data.items.push(
          newItem('login', {
            name: pending.name,
            username: pending.username,
            password: pending.password,
            websites: [{ url: origin }],
          }, this.now()),
        );
      });
    }
    if (answer === 'update') {
      if (!pending.itemId) throw new UserFacingError('not-found', 'There is no saved login to update.');
      await this.vault.update((data) => {
        const index = data.items.findIndex((item) => item.id === pending.itemId);
        const item = data.items[index];
        if (!item || item.type !== 'login') throw new UserFacingError('not-found', 'That login no longer exists.');
        data.items[index] = updateItem(item, { password: pending.password }, this.now());
      });
    }
    return { done: true };
  }

  private async pending(tabId: number): Promise<PendingCapture | null> {
    const pending = (await this.session.get(PREFIX + tabId))[PREFIX + tabId] as PendingCapture | undefined;
    if (!pending || this.now() - pending.at > CAPTURE_LIFETIME_MS) return null;
    return pending;
  }

  private async pendingForToken(token: string, sender: SenderContext): Promise<PendingCapture> {
    if (sender.kind !== 'inline-ui') throw new UserFacingError('forbidden-sender', 'Only the save prompt may ask.');
    const pending = await this.pending(sender.tabId);
    if (!pending || pending.token !== token) {
      throw new UserFacingError('not-found', 'This prompt has expired.');
    }
    return pending;
  }
}
