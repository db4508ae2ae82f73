// Decides who sent a message from what the browser tells us about the sender,
// never from anything the message claims about itself.
import type { SenderKind } from '../shared/protocol';

/** The parts of runtime.MessageSender we rely on (Chrome and Firefox both fill these). */
export interface RawSender {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
  documentId?: string;
}

export interface ExtensionIdentity {
  id: string;
  /** e.g. "chrome-extension://abc/" or "moz-extension://uuid/". */
  baseUrl: string;
}

export type SenderContext =
  | { kind: 'popup'; url: string }
  | { kind: 'inline-ui'; url: string; tabId: number; frameId: number }
  | { kind: 'content'; url: string; origin: string; tabId: number; frameId: number; documentId?: string };

export type Classification = { ok: true; sender: SenderContext } | { ok: false; reason: string };

const POPUP_PATH = '/popup/popup.html';
const INLINE_UI_PREFIX = '/ui/';

function webOrigin(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
    return parsed.origin;
  } catch {
    return null;
  }
}

/**
 * One of our own pages: at our base URL, or (Chrome, use_dynamic_url) at the
 * per-session dynamic URL of our in-page resources. The sender's extension id,
 * checked first, is the browser's word that it is ours; a web frame never has
 * an extension URL.
 */
function isOwnPage(url: string, self: ExtensionIdentity): boolean {
  if (url.startsWith(self.baseUrl)) return true;
  const scheme = new URL(self.baseUrl).protocol;
  return url.startsWith(`${scheme}//`);
}

export function classifySender(raw: RawSender, self: ExtensionIdentity): Classification {
  if (raw.id !== self.id) return { ok: false, reason: 'the sender is another extension' };
  if (typeof raw.url !== 'string') return { ok: false, reason: 'the sender has no URL' };

  if (isOwnPage(raw.url, self)) {
    const path = new URL(raw.url).pathname;
    if (path === POPUP_PATH) return { ok: true, sender: { kind: 'popup', url: raw.url } };
    if (path.startsWith(INLINE_UI_PREFIX)) {
      const tabId = raw.tab?.id;
      if (typeof tabId !== 'number' || tabId < 0 || typeof raw.frameId !== 'number') {
        return { ok: false, reason: 'an in-page extension view outside a tab' };
      }
      return { ok: true, sender: { kind: 'inline-ui', url: raw.url, tabId, frameId: raw.frameId } };
    }
    return { ok: false, reason: `the extension page ${path} may not send requests` };
  }

  const tabId = raw.tab?.id;
  if (typeof tabId !== 'number' || tabId < 0 || typeof raw.frameId !== 'number' || raw.frameId < 0) {
    return { ok: false, reason: 'a content script outside a tab frame' };
  }
  // Chrome reports the frame's true origin (also for about:blank and sandboxed
  // frames, where it is "null"); Firefox does not, so derive it from the URL.
  const origin = raw.origin ?? webOrigin(raw.url);
  if (!origin || origin === 'null' || webOrigin(origin) !== origin) {
    return { ok: false, reason: 'a frame without a web origin' };
  }
  const documentId = typeof raw.documentId === 'string' && raw.documentId !== '' ? { documentId: raw.documentId } : {};
  return { ok: true, sender: { kind: 'content', url: raw.url, origin, tabId, frameId: raw.frameId, ...documentId } };
}

export function senderKindOf(sender: SenderContext): SenderKind {
  return sender.kind;
}
