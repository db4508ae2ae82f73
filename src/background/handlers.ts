// What each request does. The router has already checked the payload's shape
// and that the sender is allowed to ask; handlers check what the vault needs.
import browser from 'webextension-polyfill';
import { UserFacingError } from '../shared/errors';
import type { VaultStatus } from '../shared/protocol';
import { KDF_PRESETS, presetOf } from '../vault/kdf-presets';
import { newId, newItem, updateItem, validateVaultItem, type VaultItem } from '../vault/model';
import { restartAutoLockCountdown } from './auto-lock';
import { notePresence } from './presence';
import { openUnlockWindow } from './unlock-window';
import { rememberGenerated } from './autofill/generated';
import { MIN_CLEAR_SECONDS, scheduleClipboardClear } from './clipboard-clear';
import { vaultHealth } from './health';
import { SummaryCache } from './item-summaries';
import { createDataHandlers } from './data/handlers';
import { createPasskeyHandlers } from './passkeys/handlers';
import { createSyncHandlers } from './sync/handlers';
import type { CaptureService } from './autofill/capture';
import type { AutofillService, TabsPort } from './autofill/fill-service';
import { closeMenuSession, openMenuSession, resolveMenuSession } from './menu-sessions';
import type { Handlers } from './router';
import { readSettings, writeSettings } from './settings';
import type { StorageArea } from './storage-area';
import type { VaultService } from './vault-service';

export interface HandlerDeps {
  vault: VaultService;
  local: StorageArea;
  session: StorageArea;
  tabs: TabsPort;
  capture: CaptureService;
  autofill: AutofillService;
  startedAt: number;
  /** Locks and forgets every secret and pending state of the session (lock.ts). */
  lock: () => Promise<VaultStatus>;
}

/** Applies a draft from the editor to the vault: a new item, or an edit of an existing one. */
function applyDraft(items: VaultItem[], draft: unknown, now: number): VaultItem {
  if (typeof draft !== 'object' || draft === null) throw new UserFacingError('bad-request', 'The item is malformed.');
  const { id, type, ...fields } = draft as { id?: unknown; type?: unknown } & Record<string, unknown>;
  const index = typeof id === 'string' ? items.findIndex((item) => item.id === id) : -1;
  let next: VaultItem;
  try {
    if (index >= 0) {
      const existing = items[index]!;
      if (type !== undefined && type !== existing.type) throw new Error('the type of an item cannot change');
      next = validateVaultItem(updateItem(existing, fields as Partial<VaultItem>, now));
      items[index] = next;
    } else {
      if (typeof id === 'string') throw new UserFacingError('not-found', 'That item no longer exists.');
      next = validateVaultItem(newItem(type as VaultItem['type'], fields as Partial<VaultItem>, now));
      items.push(next);
    }
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    throw new UserFacingError('bad-request', `The item was refused: ${error instanceof Error ? error.message : 'invalid'}.`);
  }
  return next;
}

export function createHandlers({ vault, local, session, tabs, capture, autofill, startedAt, lock }: HandlerDeps): Handlers {
  const touch = async () => restartAutoLockCountdown(await readSettings(local));
  const summaries = new SummaryCache();
  return {
    ...createPasskeyHandlers({ vault, local, session, tabs }),
    ...createDataHandlers({ vault }),
    ...createSyncHandlers({ vault, local }),
    'vault.status': () => vault.status(),
    'vault.create': async ({ password }) => {
      const status = await vault.create(password);
      await notePresence(session);
      await touch();
      return status;
    },
    'vault.unlock': async ({ password }) => {
      const status = await vault.unlock(password);
      await notePresence(session);
      await touch();
      return status;
    },
    'vault.verify': async ({ password }) => {
      await vault.verifyMasterPassword(password);
      await notePresence(session);
      return { ok: true };
    },
    'vault.openUnlockWindow': async ({ purpose }) => {
      await openUnlockWindow(purpose);
      return { ok: true };
    },
    'vault.lock': () => lock(),
    'vault.changePassword': ({ current, next }) => vault.rekey(current, { password: next }),
    'vault.kdf': async () => ({ preset: presetOf(await vault.kdf()) }),
    'vault.setKdf': ({ current, preset }) => vault.rekey(current, { kdf: KDF_PRESETS[preset] }),
    'items.list': async ({ first }) => {
      const data = await vault.read();
      void touch();
      // The popup shows the logins for the page it was opened over first.
      const tabId = await tabs.activeTabId().catch(() => null);
      const url = tabId === null ? null : await tabs.topUrl(tabId).catch(() => null);
      const items = first === undefined ? summaries.packed(data, url) : summaries.firstPacked(data, url, first);
      return { items, total: data.items.length, folders: data.folders };
    },
    'folders.create': async ({ name }) => {
      const trimmed = name.trim();
      if (!trimmed) throw new UserFacingError('bad-request', 'Give the folder a name.');
      const id = await vault.update((data) => {
        const existing = data.folders.find((folder) => folder.name.toLowerCase() === trimmed.toLowerCase());
        if (existing) return existing.id;
        const folder = { id: newId(), name: trimmed };
        data.folders.push(folder);
        return folder.id;
      });
      return { id };
    },
    'items.get': async ({ id }) => {
      const item = (await vault.read()).items.find((candidate) => candidate.id === id);
      if (!item) throw new UserFacingError('not-found', 'That item no longer exists.');
      return { item };
    },
    'items.save': async ({ item }) => {
      const saved = await vault.update((draft) => applyDraft(draft.items, item, Date.now()));
      await touch();
      return { id: saved.id };
    },
    'items.delete': async ({ ids }) => {
      const wanted = new Set(ids);
      const deleted = await vault.update((draft) => {
        const before = draft.items.length;
        draft.items = draft.items.filter((item) => !wanted.has(item.id));
        return before - draft.items.length;
      });
      return { deleted };
    },
    'settings.get': () => readSettings(local),
    'settings.set': async (changes) => {
      const seconds = changes.clipboardClearSeconds;
      if (seconds !== undefined && seconds > 0 && seconds < MIN_CLEAR_SECONDS) {
        throw new UserFacingError('bad-request', `The clipboard can be cleared after ${MIN_CLEAR_SECONDS} seconds at the soonest (the browser does not allow sooner), or never (0).`);
      }
      const settings = await writeSettings(local, changes);
      if (await vault.isUnlocked()) await restartAutoLockCountdown(settings);
      return settings;
    },
    'diagnostics.info': () => ({ version: browser.runtime.getManifest().version, backgroundStartedAt: startedAt }),
    'autofill.openMenu': async ({ fieldKind, fieldRules, webauthn }, sender) => {
      if (sender.kind !== 'content') throw new UserFacingError('forbidden-sender', 'Only a page can open the menu.');
      const { tabId, frameId, origin, url, documentId } = sender;
      const extra = { ...(fieldRules ? { fieldRules } : {}), ...(webauthn ? { webauthn } : {}), ...(documentId ? { documentId } : {}) };
      return { token: await openMenuSession(session, { tabId, frameId, origin, url, fieldKind, ...extra }) };
    },
    'menu.generate': async ({ token }, sender) => {
      const result = await autofill.menuGenerate(token, sender);
      await touch();
      return result;
    },
    'generator.history': async () => ({ entries: (await vault.read()).generatorHistory }),
    'generator.remember': async ({ password, site }) => {
      await vault.update((data) => rememberGenerated(data, password, site, Date.now()));
      return { ok: true };
    },
    'autofill.fillHere': ({ fieldKind }, sender) => autofill.fillHere(fieldKind, sender),
    'autofill.onLoad': async (_payload, sender) => ({
      values: await autofill.onLoadFill(sender, (await readSettings(local)).fillOnPageLoad),
    }),
    'clipboard.copied': async ({ text }) => {
      const { clipboardClearSeconds } = await readSettings(local);
      await scheduleClipboardClear(session, local, text, clipboardClearSeconds);
      return { clearInSeconds: clipboardClearSeconds };
    },
    'vault.health': async () => vaultHealth(await vault.read(), Date.now()),
    'items.fill': async ({ id }) => {
      const tabId = await tabs.activeTabId();
      if (tabId === null) throw new UserFacingError('not-found', 'There is no page to fill.');
      const filled = await autofill.fillFromPopup(id, tabId);
      if (filled.length === 0) throw new UserFacingError('not-found', 'There is no login form on this page.');
      await touch();
      return { filled };
    },
    'autofill.continue': async ({ fieldKind }, sender) => ({ values: await autofill.continueFill(fieldKind, sender) }),
    'autofill.stepSubmitted': async ({ username }, sender) => {
      await autofill.stepSubmitted(username, sender);
      return { ok: true };
    },
    'autofill.takeFill': ({ token }, sender) => ({ values: autofill.takeFill(token, sender) }),
    'menu.state': ({ token }, sender) => autofill.menuState(token, sender),
    'menu.fill': async ({ token, itemId, allowOrigin }, sender) => {
      const result = await autofill.menuFill(token, itemId, allowOrigin, sender);
      await touch();
      return result;
    },
    'capture.submitted': (submission, sender) => capture.submitted(submission, sender),
    'capture.pending': (_payload, sender) => capture.pendingPrompt(sender),
    'prompt.state': ({ token }, sender) => capture.promptState(token, sender),
    'prompt.answer': async ({ token, answer }, sender) => {
      const done = await capture.promptAnswer(token, answer, sender);
      if (sender.kind === 'inline-ui') {
        await tabs.sendToFrame(sender.tabId, 0, { type: 'content.closePrompt', token }).catch(() => undefined);
      }
      return done;
    },
    'menu.close': async ({ token }, sender) => {
      if (sender.kind !== 'inline-ui') throw new UserFacingError('forbidden-sender', 'Only the inline menu may ask.');
      const menu = await resolveMenuSession(session, token, sender.tabId);
      await closeMenuSession(session, token);
      await tabs.sendToFrame(menu.tabId, menu.frameId, { type: 'content.closeMenu', token }, menu.documentId).catch(() => undefined);
      return { ok: true };
    },
    'menu.resize': async ({ token, height }, sender) => {
      if (sender.kind !== 'inline-ui') throw new UserFacingError('forbidden-sender', 'Only the inline menu may ask.');
      const menu = await resolveMenuSession(session, token, sender.tabId);
      await tabs.sendToFrame(menu.tabId, menu.frameId, { type: 'content.menuSize', token, height }, menu.documentId).catch(() => undefined);
      return { ok: true };
    },
  };
}
