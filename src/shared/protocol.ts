// Every message the extension exchanges, in one place: who may send it, what it
// carries and what it answers. The background router checks all three before a
// handler runs; callers get typed answers through sendRequest().
import {
  array,
  boolean,
  integer,
  literal,
  object,
  optional,
  string,
  unknownValue,
  type Infer,
} from './validate';
import type { KdfPreset } from '../vault/kdf-presets';
import { dataProtocol } from './protocol-data';
import { passkeyProtocol } from './protocol-passkeys';
import { syncProtocol } from './protocol-sync';
import { request } from './request';
import type { PackedSummaries } from './summary-pack';

export type { SenderKind } from './request';

export type VaultState = 'none' | 'locked' | 'unlocked';

export interface VaultStatus {
  state: VaultState;
  /** While repeated wrong passwords are being slowed down: when the next try is allowed. */
  retryAfter: number | null;
  /** Something the person must know about the open vault, e.g. that the latest save was damaged. */
  notice: string | null;
}

export interface ItemSummary {
  id: string;
  type: 'login' | 'note' | 'card' | 'identity' | 'passkey';
  name: string;
  subtitle: string;
  favorite: boolean;
  folderId: string | null;
  hosts: string[];
  updated: number;
  /** Normalised extra text to search in besides name, subtitle and hosts: notes, full website addresses (never a secret). */
  searchText: string;
  /** The login is for the site in the tab the popup was opened over. */
  forCurrentSite: boolean;
  hasTotp: boolean;
}

export interface Settings {
  autoLockMinutes: number;
  lockOnSystemLock: boolean;
  clipboardClearSeconds: number;
  /** Off by default: fill a single exact match in the top frame when a page loads. */
  fillOnPageLoad: boolean;
  theme: 'system' | 'light' | 'dark';
}

export interface VaultHealthReport {
  reused: { id: string; name: string; username: string; sharedWith: number }[];
  old: { id: string; name: string; username: string; ageDays: number }[];
  toCheck: { id: string; name: string; username: string; password: string }[];
}

export interface DiagnosticsInfo {
  version: string;
  /** When this background instance (service worker or event page) started. */
  backgroundStartedAt: number;
}

/** Which kind of field the inline menu was opened on. */
export type MenuFieldKind = 'username' | 'password' | 'new-password' | 'one-time-code';

export interface MenuLogin {
  id: string;
  name: string;
  username: string;
  hasTotp: boolean;
}

export interface MenuState {
  vault: VaultState;
  /** The host of the frame the menu serves, for display. */
  host: string;
  fieldKind: MenuFieldKind;
  logins: MenuLogin[];
  /** The login picked a moment ago in this tab (identifier-first flows), shown first. */
  pickedId: string | null;
  /** A new-password field: offer to generate one that meets the site's rules. */
  canGenerate: boolean;
  /** A `webauthn` field while the frame waits on a conditional passkey request: its passkeys. */
  passkeys?: { id: string; name: string; userName: string }[];
  /** Those passkeys need the master password typed again (the site requires user verification). */
  passkeyNeedsPassword?: boolean;
}

export interface MenuOpened {
  /** Presented by the menu page to prove which frame it serves. */
  token: string;
}

/** What a new-password field says about the passwords its site accepts. */
export interface FieldRuleAttributes {
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  passwordrules?: string;
}

/** Values the background hands to a content script to write into one form. */
export interface FillValues {
  username?: string;
  password?: string;
  newPassword?: string;
  oneTimeCode?: string;
}

export type MenuFillResult =
  | { result: 'filled'; fields: string[] }
  | { result: 'confirm-origin'; origin: string }
  | { result: 'nothing-filled' };

export type CaptureKind = 'login' | 'change' | 'reset';
/** Whose password a submission set: the person's own, or another user's (an admin resetting it). */
export type CaptureAccount = 'self' | 'other-user';
export type PromptAnswer = 'save' | 'update' | 'not-now' | 'never';

export interface PromptState {
  action: 'save' | 'update';
  host: string;
  username: string;
  /** The saved login an update would change. */
  itemName: string | null;
}

export type { ContentCommand } from './protocol-content';

const password = string({ min: 1, max: 4096 });
const itemId = string({ min: 1, max: 100 });
const menuToken = string({ min: 16, max: 64 });


const coreProtocol = {
  'vault.status': request<Record<string, never>, VaultStatus>(['popup', 'inline-ui'], object({})),
  'vault.create': request<{ password: string }, VaultStatus>(['popup'], object({ password })),
  // Only Latchkey's own windows take the master password: never a frame inside a page (unlock-window.ts).
  'vault.unlock': request<{ password: string }, VaultStatus>(['popup'], object({ password })),
  /** The person confirms it is them (a passkey that requires user verification), in Latchkey's window. */
  'vault.verify': request<{ password: string }, { ok: true }>(['popup'], object({ password })),
  /** The inline menu or passkey prompt needs the vault: open Latchkey's window to unlock (or confirm) there. */
  'vault.openUnlockWindow': request<{ purpose: 'unlock' | 'verify' }, { ok: true }>(
    ['inline-ui'],
    object({ purpose: literal('unlock', 'verify') }),
  ),
  'vault.lock': request<Record<string, never>, VaultStatus>(['popup'], object({})),
  'vault.changePassword': request<{ current: string; next: string }, VaultStatus>(
    ['popup'],
    object({ current: password, next: password }),
  ),
  'vault.kdf': request<Record<string, never>, { preset: KdfPreset | null }>(['popup'], object({})),
  'vault.setKdf': request<{ current: string; preset: KdfPreset }, VaultStatus>(
    ['popup'],
    object({ current: password, preset: literal('standard', 'strong', 'strongest') }),
  ),
  /**
   * The item list. With `first`, only that many items, in the list's default order
   * (this site's logins, favorites, then by name), so the popup can show them at
   * once and fetch the rest right after.
   */
  'items.list': request<{ first?: number }, { items: PackedSummaries; total: number; folders: { id: string; name: string }[] }>(
    ['popup'],
    object({ first: optional(integer({ min: 1, max: 1000 })) }),
  ),
  'folders.create': request<{ name: string }, { id: string }>(['popup'], object({ name: string({ min: 1, max: 200 }) })),
  'items.get': request<{ id: string }, { item: unknown }>(['popup'], object({ id: itemId })),
  /** `item` is checked in full by the vault model's validator before it is stored. */
  'items.save': request<{ item: unknown }, { id: string }>(['popup'], object({ item: unknownValue })),
  /** Reused and old passwords, and the logins whose strength the popup checks. */
  'vault.health': request<Record<string, never>, VaultHealthReport>(['popup'], object({})),
  /** "Fill" in the popup: fill this login into the active tab's page. */
  'items.fill': request<{ id: string }, { filled: string[] }>(['popup'], object({ id: itemId })),
  /** The popup copied a secret: clear it from the clipboard later, if it is still there. */
  'clipboard.copied': request<{ text: string }, { clearInSeconds: number }>(['popup'], object({ text: string({ min: 1, max: 65_536 }) })),
  'items.delete': request<{ ids: string[] }, { deleted: number }>(
    ['popup'],
    object({ ids: array(itemId, { max: 10_000 }) }),
  ),
  'settings.get': request<Record<string, never>, Settings>(['popup'], object({})),
  'settings.set': request<Partial<Settings>, Settings>(
    ['popup'],
    object({
      autoLockMinutes: optional(integer({ min: 0, max: 24 * 60 })),
      lockOnSystemLock: optional(boolean),
      clipboardClearSeconds: optional(integer({ min: 0, max: 600 })),
      fillOnPageLoad: optional(boolean),
      theme: optional(literal('system', 'light', 'dark')),
    }),
  ),
  'diagnostics.info': request<Record<string, never>, DiagnosticsInfo>(['popup'], object({})),
  /** A content script asks to open the inline menu over a field of its frame. */
  'autofill.openMenu': request<{ fieldKind: MenuFieldKind; fieldRules?: FieldRuleAttributes; webauthn?: boolean }, MenuOpened>(
    ['content'],
    object({
      fieldKind: literal('username', 'password', 'new-password', 'one-time-code'),
      /** The field's autocomplete names `webauthn`: a pending conditional passkey request may be offered. */
      webauthn: optional(boolean),
      fieldRules: optional(
        object({
          minLength: optional(integer({ min: -1, max: 100_000 })),
          maxLength: optional(integer({ min: -1, max: 100_000 })),
          pattern: optional(string({ max: 2048 })),
          passwordrules: optional(string({ max: 2048 })),
        }),
      ),
    }),
  ),
  /**
   * A password or code field appeared in a tab where a login was picked moments
   * ago (identifier-first flows): the background answers with that same login's
   * value for it, or nothing.
   */
  'autofill.continue': request<{ fieldKind: 'password' | 'one-time-code' }, { values: FillValues | null }>(
    ['content'],
    object({ fieldKind: literal('password', 'one-time-code') }),
  ),
  /**
   * After a fill gesture outside the page (shortcut, context menu): the login for
   * the focused field, when exactly one matches; otherwise the menu should open.
   */
  'autofill.fillHere': request<{ fieldKind: MenuFieldKind }, { values: FillValues | null; openMenu: boolean }>(
    ['content'],
    object({ fieldKind: literal('username', 'password', 'new-password', 'one-time-code') }),
  ),
  /** On page load, when "fill on page load" is on: the single exact match for this top frame. */
  'autofill.onLoad': request<Record<string, never>, { values: FillValues | null }>(['content'], object({})),
  /**
   * The person submitted a sign-in step (a real pointer or key action on the page's
   * submit control or in its field), with the username it showed, if any.
   */
  'autofill.stepSubmitted': request<{ username: string }, { ok: true }>(
    ['content'],
    object({ username: string({ max: 512 }) }),
  ),
  /** The content script checked that the person can see what a fill is for, and asks for its values. */
  'autofill.takeFill': request<{ token: string }, { values: FillValues | null }>(['content'], object({ token: menuToken })),
  /** The inline menu page asks what to show for the frame it was opened over. */
  'menu.state': request<{ token: string }, MenuState>(['inline-ui'], object({ token: menuToken })),
  /** The person chose a login in the inline menu. */
  'menu.fill': request<{ token: string; itemId: string; allowOrigin?: string }, MenuFillResult>(
    ['inline-ui'],
    object({ token: menuToken, itemId, allowOrigin: optional(string({ max: 2048 })) }),
  ),
  'menu.close': request<{ token: string }, { ok: true }>(['inline-ui'], object({ token: menuToken })),
  /** The menu's content height, passed to the content script through the background (never through the page). */
  'menu.resize': request<{ token: string; height: number }, { ok: true }>(
    ['inline-ui'],
    object({ token: menuToken, height: integer({ min: 0, max: 10_000 }) }),
  ),
  /** "Generate strong password" in the menu of a new-password field. */
  'menu.generate': request<{ token: string }, MenuFillResult>(['inline-ui'], object({ token: menuToken })),
  /** Generated passwords, newest first, kept in the vault so none is lost. */
  'generator.history': request<Record<string, never>, { entries: { password: string; created: number; site: string }[] }>(
    ['popup'],
    object({}),
  ),
  'generator.remember': request<{ password: string; site: string }, { ok: true }>(
    ['popup'],
    object({ password: string({ min: 1, max: 4096 }), site: string({ max: 512 }) }),
  ),
  /** A sign-in, change or reset form was submitted with these values. */
  'capture.submitted': request<
    { kind: CaptureKind; username: string; password: string; newPassword: string; account?: CaptureAccount },
    { offer: boolean }
  >(
    ['content'],
    object({
      kind: literal('login', 'change', 'reset'),
      account: optional(literal('self', 'other-user')),
      username: string({ max: 512 }),
      password: string({ max: 4096 }),
      newPassword: string({ max: 4096 }),
    }),
  ),
  /** The page moved on after a submission: should a save prompt show here? */
  'capture.pending': request<Record<string, never>, { token: string | null }>(['content'], object({})),
  'prompt.state': request<{ token: string }, PromptState>(['inline-ui'], object({ token: menuToken })),
  'prompt.answer': request<{ token: string; answer: PromptAnswer }, { done: true }>(
    ['inline-ui'],
    object({ token: menuToken, answer: literal('save', 'update', 'not-now', 'never') }),
  ),
} as const;

/** Every request, by area. An area that grows its own messages keeps them in its own file. */
export const protocol = { ...coreProtocol, ...passkeyProtocol, ...dataProtocol, ...syncProtocol } as const;

export type RequestType = keyof typeof protocol;
export type PayloadOf<T extends RequestType> = Infer<(typeof protocol)[T]['payload']>;
export type AnswerOf<T extends RequestType> = (typeof protocol)[T]['answer'];

export type ErrorCode =
  | 'bad-request'
  | 'unknown-type'
  | 'forbidden-sender'
  | 'wrong-password'
  | 'too-many-attempts'
  | 'locked'
  | 'no-vault'
  | 'vault-exists'
  | 'weak-password'
  | 'not-found'
  | 'storage'
  | 'integrity'
  | 'internal';

export type Answer<A> = { ok: true; value: A } | { ok: false; error: { code: ErrorCode; message: string } };

export interface RequestMessage<T extends RequestType = RequestType> {
  type: T;
  payload: PayloadOf<T>;
}

export function isRequestType(type: unknown): type is RequestType {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(protocol, type);
}
