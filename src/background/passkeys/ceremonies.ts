// Ceremonies in progress: one per create()/get() waiting for the person's
// choice. Kept in storage.session (trusted contexts only) so a restarted worker
// still knows them; waiters for an outcome live in memory and simply ask again.
import { UserFacingError } from '../../shared/errors';
import type { CeremonyOutcome } from '../../shared/protocol-passkeys';
import { randomBytes, toBase64Url } from '../../vault/bytes';
import type { StorageArea } from '../storage-area';

const PREFIX = 'passkeys.ceremony.';
const CONDITIONAL = 'passkeys.conditional.';
/** WebAuthn's recommended ceiling for a ceremony with user interaction. */
export const CEREMONY_LIFETIME_MS = 5 * 60_000;

export interface Ceremony {
  token: string;
  operation: 'create' | 'get';
  tabId: number;
  frameId: number;
  /** The calling frame's true origin, as the browser reported it. */
  origin: string;
  rpId: string;
  /** The page's options (WebAuthn JSON), parsed again where used. */
  options: unknown;
  expires: number;
  /** A conditional get (mediation: 'conditional'): offered in the inline menu, no consent page. */
  conditional?: boolean;
  /** Set once: the first decision wins, later ones are refused. */
  outcome: CeremonyOutcome | null;
}

type Waiter = (outcome: CeremonyOutcome) => void;

export class Ceremonies {
  private readonly waiters = new Map<string, Set<Waiter>>();
  /** Tokens whose decision is being carried out: a second click must not run it twice. */
  private readonly claimed = new Set<string>();

  constructor(
    private readonly area: StorageArea,
    private readonly now: () => number = Date.now,
  ) {}

  async open(fields: Omit<Ceremony, 'token' | 'expires' | 'outcome'>): Promise<Ceremony> {
    const ceremony: Ceremony = { ...fields, token: toBase64Url(randomBytes(16)), expires: this.now() + CEREMONY_LIFETIME_MS, outcome: null };
    await this.area.set({
      [PREFIX + ceremony.token]: ceremony,
      // The frame's pending conditional get, for its inline menu (one per frame, the newest).
      ...(ceremony.conditional ? { [CONDITIONAL + ceremony.tabId + '.' + ceremony.frameId]: ceremony.token } : {}),
    });
    return ceremony;
  }

  /** The open conditional get of this frame, if any (still undecided and unexpired). */
  async conditionalFor(tabId: number, frameId: number, origin: string): Promise<Ceremony | null> {
    const key = CONDITIONAL + tabId + '.' + frameId;
    const token = (await this.area.get(key))[key];
    if (typeof token !== 'string') return null;
    const ceremony = await this.find(token, tabId).catch(() => null);
    if (!ceremony?.conditional || ceremony.frameId !== frameId || ceremony.origin !== origin) return null;
    if (ceremony.outcome !== null || this.claimed.has(token) || ceremony.expires < this.now()) return null;
    return ceremony;
  }

  /** The ceremony, if it exists, has not expired and belongs to this tab. */
  async find(token: string, tabId: number): Promise<Ceremony> {
    const key = PREFIX + token;
    const ceremony = (await this.area.get(key))[key] as Ceremony | undefined;
    if (!ceremony || ceremony.tabId !== tabId) {
      throw new UserFacingError('not-found', 'This passkey request is no longer open.');
    }
    if (ceremony.expires < this.now() && ceremony.outcome === null && !this.claimed.has(token)) {
      const outcome: CeremonyOutcome = { kind: 'error', name: 'NotAllowedError', message: 'The passkey request timed out.' };
      await this.area.set({ [key]: { ...ceremony, outcome } });
      return { ...ceremony, outcome };
    }
    return ceremony;
  }

  /**
   * Runs `decide` for an open ceremony at most once and records what it returns.
   * A replayed or concurrent decision is refused before any work is done.
   */
  async decideOnce(ceremony: Ceremony, decide: () => Promise<CeremonyOutcome>): Promise<CeremonyOutcome> {
    if (ceremony.outcome !== null || this.claimed.has(ceremony.token)) {
      throw new UserFacingError('not-found', 'This passkey request was already answered.');
    }
    this.claimed.add(ceremony.token);
    try {
      const outcome = await decide();
      await this.settle(ceremony, outcome);
      return outcome;
    } finally {
      this.claimed.delete(ceremony.token);
    }
  }

  /** Records the outcome, once; a second decision on the same ceremony is refused. */
  async settle(ceremony: Ceremony, outcome: CeremonyOutcome): Promise<Ceremony> {
    const key = PREFIX + ceremony.token;
    const current = (await this.area.get(key))[key] as Ceremony | undefined;
    if (!current || current.outcome !== null) throw new UserFacingError('not-found', 'This passkey request was already answered.');
    const settled = { ...current, outcome };
    await this.area.set({ [key]: settled });
    for (const wake of this.waiters.get(ceremony.token) ?? []) wake(outcome);
    this.waiters.delete(ceremony.token);
    return settled;
  }

  /** Resolves with the outcome when it comes within `ms`, else null (the caller asks again). */
  async wait(ceremony: Ceremony, ms: number): Promise<CeremonyOutcome | null> {
    if (ceremony.outcome) return ceremony.outcome;
    return new Promise((resolve) => {
      const set = this.waiters.get(ceremony.token) ?? new Set<Waiter>();
      this.waiters.set(ceremony.token, set);
      const wake: Waiter = (outcome) => {
        clearTimeout(timer);
        resolve(outcome);
      };
      const timer = setTimeout(() => {
        set.delete(wake);
        resolve(null);
      }, Math.max(0, Math.min(ms, ceremony.expires - this.now())));
      set.add(wake);
    });
  }

  async close(token: string): Promise<void> {
    this.waiters.delete(token);
    await this.area.remove(PREFIX + token);
  }
}
