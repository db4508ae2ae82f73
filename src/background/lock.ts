// Locking forgets everything the unlocked session gathered, not only the vault
// key: a password captured from a form and waiting for "Save", continuations,
// identifier notes, menu sessions, passkey ceremonies, the proof of presence,
// and values waiting to be filled. Only the clipboard's pending clear survives,
// so that a copied secret is still wiped from the clipboard after the delay.
import type { VaultStatus } from '../shared/protocol';
import type { StorageArea } from './storage-area';

/** Session keys that outlive a lock, by prefix. */
const KEPT_ACROSS_LOCK = ['clipboard.'];

export interface LockDeps {
  vault: { lock(): Promise<VaultStatus> };
  session: StorageArea;
  /** Forgets what lives in memory only (pending fills, recent menu sessions). */
  forgetInMemory: () => void;
}

export async function lockEverything({ vault, session, forgetInMemory }: LockDeps): Promise<VaultStatus> {
  forgetInMemory();
  const status = await vault.lock();
  const stored = await session.get(null);
  const leftovers = Object.keys(stored).filter((key) => !KEPT_ACROSS_LOCK.some((prefix) => key.startsWith(prefix)));
  if (leftovers.length > 0) await session.remove(leftovers);
  return status;
}
