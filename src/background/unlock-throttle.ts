// Slows down repeated wrong master passwords. Kept in storage.local so that
// restarting the worker or the browser does not reset the count.
import type { StorageArea } from './storage-area';

const KEY = 'unlock.failures';
const FREE_ATTEMPTS = 3;
const MAX_DELAY_MS = 5 * 60_000;

interface Failures {
  count: number;
  last: number;
}

/** The wait after `count` consecutive failures: none for the first few, then doubling. */
export function delayAfterFailures(count: number): number {
  if (count < FREE_ATTEMPTS) return 0;
  return Math.min(1000 * 2 ** (count - FREE_ATTEMPTS), MAX_DELAY_MS);
}

export class UnlockThrottle {
  constructor(
    private readonly area: StorageArea,
    private readonly now: () => number = Date.now,
  ) {}

  private async read(): Promise<Failures> {
    const stored = (await this.area.get(KEY))[KEY] as Failures | undefined;
    return stored && Number.isFinite(stored.count) ? stored : { count: 0, last: 0 };
  }

  /** When the next attempt is allowed, or null if it is allowed now. */
  async retryAfter(): Promise<number | null> {
    const failures = await this.read();
    const allowedAt = failures.last + delayAfterFailures(failures.count);
    return failures.count > 0 && allowedAt > this.now() ? allowedAt : null;
  }

  async recordFailure(): Promise<number | null> {
    const failures = await this.read();
    await this.area.set({ [KEY]: { count: failures.count + 1, last: this.now() } });
    return this.retryAfter();
  }

  async reset(): Promise<void> {
    await this.area.remove(KEY);
  }
}
