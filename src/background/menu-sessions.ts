// Binds an inline menu page to the frame it was opened over. The content script
// asks to open a menu (the background knows its tab, frame and origin from the
// sender) and receives a random token; the menu page presents that token, and
// only a menu page in the same tab gets answers about that frame.
import { UserFacingError } from '../shared/errors';
import type { FieldRuleAttributes, MenuFieldKind } from '../shared/protocol';
import { randomBytes, toBase64Url } from '../vault/bytes';
import type { StorageArea } from './storage-area';

const PREFIX = 'menu.';
const LIFETIME_MS = 10 * 60_000;

export interface MenuSession {
  tabId: number;
  frameId: number;
  origin: string;
  /** The frame's URL when the menu opened, for exact and starts-with website rules. */
  url: string;
  fieldKind: MenuFieldKind;
  /** For new-password fields: the field's own password rules. */
  fieldRules?: FieldRuleAttributes;
  /** The field's autocomplete names `webauthn` (conditional passkey requests). */
  webauthn?: boolean;
  /** The document the menu was opened in, where the browser reports document ids. */
  documentId?: string;
  expires: number;
}

// A menu asks about its session milliseconds after it was opened: answer from
// memory, and keep a copy in session storage for a worker that was restarted.
const recent = new Map<string, MenuSession>();

export async function openMenuSession(area: StorageArea, frame: Omit<MenuSession, 'expires'>, now = Date.now()): Promise<string> {
  const token = toBase64Url(randomBytes(16));
  const session: MenuSession = { ...frame, expires: now + LIFETIME_MS };
  recent.set(token, session);
  for (const [old, { expires }] of recent) if (expires < now) recent.delete(old);
  void area.set({ [PREFIX + token]: session }).catch(() => undefined);
  return token;
}

export async function closeMenuSession(area: StorageArea, token: string): Promise<void> {
  recent.delete(token);
  await area.remove(PREFIX + token);
}

export async function resolveMenuSession(area: StorageArea, token: string, tabId: number, now = Date.now()): Promise<MenuSession> {
  const key = PREFIX + token;
  const session = recent.get(token) ?? ((await area.get(key))[key] as MenuSession | undefined);
  if (!session || session.tabId !== tabId || session.expires < now) {
    throw new UserFacingError('forbidden-sender', 'This menu is no longer attached to the page. Focus the field again.');
  }
  return session;
}

/** On lock: the in-memory copies go with the session storage ones (lock.ts). */
export function forgetMenuSessions(): void {
  recent.clear();
}
