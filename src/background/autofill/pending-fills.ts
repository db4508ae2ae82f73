// Values on their way into a page wait here until the content script of the
// frame they are for asks for them. The background never pushes secrets to a
// frame: it tells the frame "a fill is ready" with a token, the content script
// checks the person can see what they chose (the menu, the field), and asks.
// The answer goes to the document that asked, as the browser identifies it,
// and only if that is the tab, frame and origin the fill was decided for.
// Kept in memory only: a restarted worker drops them, which only fails the fill.
import { randomBytes, toBase64Url } from '../../vault/bytes';
import type { FillValues } from '../../shared/protocol';

const LIFETIME_MS = 10_000;

export interface FillTarget {
  tabId: number;
  frameId: number;
  origin: string;
  /** The document's id, where the browser reports one. */
  documentId?: string;
}

interface PendingFill extends FillTarget {
  values: FillValues;
  expires: number;
}

export class PendingFills {
  private readonly pending = new Map<string, PendingFill>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Holds values for one frame; `token` names the fill (a menu's token, or a fresh one). */
  offer(target: FillTarget, values: FillValues, token = toBase64Url(randomBytes(16))): string {
    const now = this.now();
    for (const [old, { expires }] of this.pending) if (expires <= now) this.pending.delete(old);
    this.pending.set(token, { ...target, values, expires: now + LIFETIME_MS });
    return token;
  }

  /** The values for the asking frame, once; null when the token, the frame or the document does not match. */
  take(token: string, asker: FillTarget): FillValues | null {
    const fill = this.pending.get(token);
    if (!fill) return null;
    this.pending.delete(token);
    if (fill.expires <= this.now()) return null;
    if (fill.tabId !== asker.tabId || fill.frameId !== asker.frameId || fill.origin !== asker.origin) return null;
    if (fill.documentId && asker.documentId && fill.documentId !== asker.documentId) return null;
    return fill.values;
  }

  withdraw(token: string): void {
    this.pending.delete(token);
  }

  clear(): void {
    this.pending.clear();
  }
}
