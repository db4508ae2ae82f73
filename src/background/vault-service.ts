// The unlocked vault lives here and nowhere else. The vault key is kept in
// storage.session (memory only, trusted contexts only) so a killed and restarted
// service worker stays unlocked, while a browser restart starts locked.
import { UserFacingError } from '../shared/errors';
import type { VaultStatus } from '../shared/protocol';
import { fromBase64, toBase64 } from '../vault/bytes';
import type { VaultData } from '../vault/model';
import { emptyVaultData } from '../vault/model';
import { compositeKey } from '../vault/formats/kdbx/crypto';
import { recordDeletions } from '../vault/sync/merge';
import type { KdfParams } from '../vault/kdf';
import {
  createVault,
  rekeyVault,
  rewrapVaultKey,
  unwrapVaultKey,
  VAULT_FORMAT_VERSION,
  WrongPasswordError,
  type VaultHeader,
} from '../vault/vault-file';
import { RollbackWitness } from './rollback-witness';
import type { StorageArea } from './storage-area';
import { UnlockThrottle } from './unlock-throttle';
import { VaultStore, type OpenedVault, type StoredVersion } from './vault-store';

const SESSION_KEY = 'session.vaultKey';
const UNLOCKED_AT_KEY = 'session.unlockedAt';
/**
 * KeePass's composite key of the master password (SHA-256 twice), kept beside the vault key
 * while unlocked so sync can open and write the KDBX file on the server without asking for
 * the password again. It opens that file as the password would; it is never written to disk.
 */
const KDBX_KEY = 'session.kdbxKey';
export const MIN_MASTER_PASSWORD_LENGTH = 8;

/** The popup refuses weak master passwords with zxcvbn; this is the floor no request can go under. */
function assertLongEnough(password: string): void {
  if ([...password].length < MIN_MASTER_PASSWORD_LENGTH) {
    throw new UserFacingError('weak-password', `The master password must have at least ${MIN_MASTER_PASSWORD_LENGTH} characters.`);
  }
}

interface Unlocked {
  header: VaultHeader;
  vaultKey: Uint8Array;
  data: VaultData;
}

export interface VaultServiceDeps {
  local: StorageArea;
  session: StorageArea;
  /** A second place that remembers the highest generation saved (storage.sync), to notice a rolled-back `local`. */
  witness?: StorageArea | null;
  now?: () => number;
  /** KDF parameters for new vaults; tests use cheaper ones than the default. */
  kdf?: KdfParams;
}

export class VaultService {
  private readonly store: VaultStore;
  private readonly throttle: UnlockThrottle;
  private readonly witness: RollbackWitness;
  private readonly now: () => number;
  private unlocked: Unlocked | null = null;
  private notice: string | null = null;
  /** The highest generation the witness vouched for: saves continue above it. */
  private highestSeen = 0;
  /** Saves run one at a time so two edits never race to the same generation. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: VaultServiceDeps) {
    this.store = new VaultStore(deps.local);
    this.now = deps.now ?? Date.now;
    this.throttle = new UnlockThrottle(deps.local, this.now);
    this.witness = new RollbackWitness(deps.witness ?? null);
  }

  async status(): Promise<VaultStatus> {
    // Unlocked in memory answers without touching storage: the inline menu asks on every focus.
    if (this.unlocked) return { state: 'unlocked', retryAfter: null, notice: this.notice };
    if (!(await this.store.exists())) return { state: 'none', retryAfter: null, notice: null };
    const unlocked = await this.resume();
    if (unlocked) return { state: 'unlocked', retryAfter: null, notice: this.notice };
    return { state: 'locked', retryAfter: await this.throttle.retryAfter(), notice: null };
  }

  async create(masterPassword: string): Promise<VaultStatus> {
    if (await this.store.exists()) throw new UserFacingError('vault-exists', 'A vault already exists.');
    assertLongEnough(masterPassword);
    const { header, vaultKey } = await createVault(masterPassword, this.deps.kdf);
    const data = emptyVaultData();
    await this.saved(await this.store.save(header, vaultKey, data, this.now()), vaultKey);
    await this.startSession({ header, vaultKey, data }, masterPassword);
    return this.status();
  }

  async unlock(masterPassword: string): Promise<VaultStatus> {
    const state = await this.store.readState();
    if (!state) throw new UserFacingError('no-vault', 'There is no vault yet.');
    const retryAfter = await this.throttle.retryAfter();
    if (retryAfter !== null) {
      const seconds = Math.ceil((retryAfter - this.now()) / 1000);
      throw new UserFacingError('too-many-attempts', `Too many wrong passwords. Try again in ${seconds} s.`);
    }
    let vaultKey: Uint8Array;
    try {
      vaultKey = await unwrapVaultKey(state.current.header, masterPassword);
    } catch (error) {
      if (!(error instanceof WrongPasswordError)) throw error;
      const next = await this.throttle.recordFailure();
      const wait = next === null ? '' : ` Wait ${Math.ceil((next - this.now()) / 1000)} s before trying again.`;
      throw new UserFacingError('wrong-password', `Wrong master password.${wait}`);
    }
    await this.throttle.reset();
    this.notice = null;
    const opened = await this.store.open(vaultKey);
    await this.noteRecovery(opened, vaultKey);
    let header = opened.version.header;
    if (header.version < VAULT_FORMAT_VERSION) {
      // An older format is upgraded once, while the password is at hand to rewrap the key.
      header = await rewrapVaultKey(header, vaultKey, masterPassword);
      await this.saved(await this.store.save(header, vaultKey, opened.data, this.now(), this.highestSeen), vaultKey);
    }
    await this.startSession({ header, vaultKey, data: opened.data }, masterPassword);
    return this.status();
  }

  async lock(): Promise<VaultStatus> {
    this.unlocked = null;
    this.notice = null;
    await this.deps.session.remove([SESSION_KEY, UNLOCKED_AT_KEY, KDBX_KEY]);
    return this.status();
  }

  /** The master password's KeePass composite key (see KDBX_KEY), or null while locked. */
  async kdbxKey(): Promise<Uint8Array | null> {
    if (!(await this.isUnlocked())) return null;
    const stored = (await this.deps.session.get(KDBX_KEY))[KDBX_KEY];
    return typeof stored === 'string' ? fromBase64(stored) : null;
  }

  async isUnlocked(): Promise<boolean> {
    return (await this.resume()) !== null;
  }

  /** The decrypted vault, or a 'locked' error. */
  async read(): Promise<VaultData> {
    return (await this.requireUnlocked()).data;
  }

  /**
   * Applies `change` to a copy of the vault and saves it. The in-memory vault is
   * replaced only after the save succeeded, so a failed save changes nothing.
   */
  async update<T>(change: (draft: VaultData) => T): Promise<T> {
    const run = async () => {
      const unlocked = await this.requireUnlocked();
      const draft = structuredClone(unlocked.data);
      const result = change(draft);
      // Whatever the change deleted leaves a tombstone, so sync carries the deletion.
      recordDeletions(unlocked.data, draft, this.now());
      await this.saved(await this.store.save(unlocked.header, unlocked.vaultKey, draft, this.now(), this.highestSeen), unlocked.vaultKey);
      this.unlocked = { ...unlocked, data: draft };
      return result;
    };
    return this.serialised(run);
  }

  private serialised<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** After a save: the witness learns the generation, and later saves go above it. */
  private async saved(version: StoredVersion, vaultKey: Uint8Array): Promise<void> {
    this.highestSeen = Math.max(this.highestSeen, version.generation);
    await this.witness.record(version.header.vaultId, vaultKey, version.generation);
  }

  /** Checks the master password again, for actions that must be confirmed (export). */
  async verifyMasterPassword(password: string): Promise<void> {
    const unlocked = await this.requireUnlocked();
    // Guessing through a confirmation is slowed down exactly like guessing at unlock.
    const retryAfter = await this.throttle.retryAfter();
    if (retryAfter !== null) {
      const seconds = Math.ceil((retryAfter - this.now()) / 1000);
      throw new UserFacingError('too-many-attempts', `Too many wrong passwords. Try again in ${seconds} s.`);
    }
    try {
      await unwrapVaultKey(unlocked.header, password);
    } catch (error) {
      if (!(error instanceof WrongPasswordError)) throw error;
      await this.throttle.recordFailure();
      throw new UserFacingError('wrong-password', 'Wrong master password.');
    }
    await this.throttle.reset();
  }

  /** The KDF parameters the vault is protected with now. */
  async kdf(): Promise<KdfParams> {
    return (await this.requireUnlocked()).header.kdf;
  }

  /**
   * Changes the master password and/or the KDF strength. The data is re-encrypted
   * under a fresh random vault key and a new header, and every record of the old
   * key is removed (VaultStore.rekey), so neither the old password nor the old key
   * opens anything afterwards. Runs in the save queue, so no edit lands between.
   */
  async rekey(current: string, changes: { password?: string; kdf?: KdfParams }): Promise<VaultStatus> {
    await this.requireUnlocked();
    await this.verifyMasterPassword(current);
    const next = changes.password ?? current;
    if (changes.password !== undefined) assertLongEnough(next);
    await this.serialised(async () => {
      const unlocked = await this.requireUnlocked();
      const fresh = await rekeyVault(unlocked.header, next, changes.kdf);
      await this.saved(await this.store.rekey(fresh.header, fresh.vaultKey, unlocked.data, this.now(), this.highestSeen), fresh.vaultKey);
      // A worker stopped before this line finds the old key in the session, which opens nothing now: it starts locked.
      await this.deps.session.set({ [SESSION_KEY]: toBase64(fresh.vaultKey), [KDBX_KEY]: toBase64(compositeKey(next)) });
      this.unlocked = { ...unlocked, header: fresh.header, vaultKey: fresh.vaultKey };
    });
    return this.status();
  }

  /** When the master password was last entered (create, unlock), or null while locked. */
  async unlockedAt(): Promise<number | null> {
    if (!(await this.isUnlocked())) return null;
    const at = (await this.deps.session.get(UNLOCKED_AT_KEY))[UNLOCKED_AT_KEY];
    return typeof at === 'number' ? at : null;
  }

  private async startSession(unlocked: Unlocked, masterPassword: string): Promise<void> {
    await this.deps.session.set({
      [SESSION_KEY]: toBase64(unlocked.vaultKey),
      [UNLOCKED_AT_KEY]: this.now(),
      [KDBX_KEY]: toBase64(compositeKey(masterPassword)),
    });
    this.unlocked = unlocked;
  }

  /** After the worker was restarted, reopens the vault with the key kept in the session. */
  private async resume(): Promise<Unlocked | null> {
    if (this.unlocked) return this.unlocked;
    const stored = (await this.deps.session.get(SESSION_KEY))[SESSION_KEY];
    if (typeof stored !== 'string') return null;
    const vaultKey = fromBase64(stored);
    let opened: OpenedVault;
    try {
      opened = await this.store.open(vaultKey);
    } catch (error) {
      // The kept key no longer opens the vault (the master password was changed and the
      // worker stopped before the session learnt the new key, or storage was replaced):
      // start locked; the master password opens whatever is there, or says why not.
      if (error instanceof UserFacingError && error.code === 'integrity') {
        await this.deps.session.remove([SESSION_KEY, UNLOCKED_AT_KEY, KDBX_KEY]);
        return null;
      }
      throw error;
    }
    this.notice = null;
    await this.noteRecovery(opened, vaultKey);
    this.unlocked = { header: opened.version.header, vaultKey, data: opened.data };
    return this.unlocked;
  }

  /** Says, in the status, when what was opened is not the latest save. */
  private async noteRecovery(opened: OpenedVault, vaultKey: Uint8Array): Promise<void> {
    const notices: string[] = [];
    if (opened.recoveredFrom) {
      const when = new Date(opened.version.savedAt).toISOString();
      notices.push(
        `The latest save of your vault failed its integrity check (damaged or tampered with), so Latchkey opened the ` +
          `previous version, saved ${when}. Changes made after that may be missing; the damaged version is replaced at the next save.`,
      );
    }
    const latestOnDisk = (opened.recoveredFrom ?? opened.version).generation;
    const highest = await this.witness.highest(opened.version.header.vaultId, vaultKey);
    if (highest !== null) this.highestSeen = Math.max(this.highestSeen, highest);
    if (highest !== null && highest > latestOnDisk) {
      const missing = highest - latestOnDisk;
      notices.push(
        `This is an older copy of your vault: Latchkey saved it ${missing} more time${missing === 1 ? '' : 's'} after this copy was made ` +
          `(the browser's storage may have been restored from a backup or replaced). Anything you added or changed since then is not here. ` +
          `Latchkey opened this copy as it is; check your recent changes.`,
      );
    }
    this.notice = notices.length > 0 ? notices.join(' ') : null;
  }

  private async requireUnlocked(): Promise<Unlocked> {
    const unlocked = await this.resume();
    if (!unlocked) throw new UserFacingError('locked', 'The vault is locked.');
    return unlocked;
  }
}
