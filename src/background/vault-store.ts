// Persists the encrypted vault in an extension storage area, so that no save can
// leave it half-written. Layout:
//   vault.state          { current: Version, previous: Version | null, retired?: number[] }
//                        (one key: switches atomically)
//   vault.record.<gen>   EncryptedRecord for that generation
// A save writes the new record, reads it back and decrypts it, and only then
// switches vault.state. The previous good version stays until the next save.
// Records no version points to any more are listed in `retired` by the same
// switch and removed after it, so a crash never leaves one behind for good.
import { UserFacingError } from '../shared/errors';
import type { VaultData } from '../vault/model';
import { VaultIntegrityError } from '../vault/aead';
import {
  decryptVaultData,
  encryptVaultData,
  validateHeader,
  type EncryptedRecord,
  type VaultHeader,
} from '../vault/vault-file';
import type { StorageArea } from './storage-area';

export interface StoredVersion {
  header: VaultHeader;
  generation: number;
  savedAt: number;
}

export interface StoredState {
  current: StoredVersion;
  previous: StoredVersion | null;
  /** Generations whose records are no longer referenced and are to be removed. */
  retired?: number[];
}

export const STATE_KEY = 'vault.state';
export const recordKey = (generation: number) => `vault.record.${generation}`;

export interface OpenedVault {
  data: VaultData;
  version: StoredVersion;
  /** Set when the latest save was unreadable and the previous one was opened instead. */
  recoveredFrom: StoredVersion | null;
}

function parseState(value: unknown): StoredState | null {
  if (value === undefined) return null;
  const state = value as StoredState;
  if (!state || typeof state !== 'object' || !state.current) {
    throw new UserFacingError('integrity', 'The stored vault index is damaged and cannot be read.');
  }
  const parseVersion = (version: StoredVersion): StoredVersion => ({
    header: validateHeader(version.header),
    generation: Number(version.generation),
    savedAt: Number(version.savedAt),
  });
  const retired = Array.isArray(state.retired) ? state.retired.filter((g) => Number.isSafeInteger(g) && g >= 0) : [];
  return { current: parseVersion(state.current), previous: state.previous ? parseVersion(state.previous) : null, retired };
}

function describeWriteFailure(error: unknown): string {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  if (/quota/i.test(text)) return 'the browser’s storage for Latchkey is full. Free some disk space, then try again';
  return 'the browser refused to write to its storage';
}

/** The generations whose records a state points to. */
function liveGenerations(state: StoredState | null): number[] {
  if (!state) return [];
  return [state.current.generation, ...(state.previous ? [state.previous.generation] : [])];
}

export class VaultStore {
  constructor(private readonly area: StorageArea) {}

  async readState(): Promise<StoredState | null> {
    const stored = await this.area.get(STATE_KEY);
    return parseState(stored[STATE_KEY]);
  }

  async exists(): Promise<boolean> {
    return (await this.readState()) !== null;
  }

  private async readRecord(generation: number): Promise<EncryptedRecord> {
    const key = recordKey(generation);
    const stored = await this.area.get(key);
    const record = stored[key] as EncryptedRecord | undefined;
    if (!record) throw new VaultIntegrityError();
    return record;
  }

  /** Opens the current version, falling back to the previous one if the current is damaged.
   *  Both are under the same vault key: a rekey keeps no previous version. */
  async open(vaultKey: Uint8Array): Promise<OpenedVault> {
    const state = await this.readState();
    if (!state) throw new UserFacingError('no-vault', 'There is no vault yet.');
    // Records a crash left behind after their switch (e.g. those of an old vault key) go now.
    await this.removeRecords(state.retired ?? []);
    try {
      const data = await this.decryptVersion(state.current, vaultKey);
      return { data, version: state.current, recoveredFrom: null };
    } catch (error) {
      if (!(error instanceof VaultIntegrityError) || !state.previous) throw this.asIntegrityError(error);
      try {
        const data = await this.decryptVersion(state.previous, vaultKey);
        return { data, version: state.previous, recoveredFrom: state.current };
      } catch (fallbackError) {
        throw this.asIntegrityError(fallbackError);
      }
    }
  }

  private asIntegrityError(error: unknown): unknown {
    if (error instanceof VaultIntegrityError) {
      return new UserFacingError(
        'integrity',
        'The saved vault failed its integrity check: it was damaged or tampered with. Nothing was changed.',
      );
    }
    return error;
  }

  private async decryptVersion(version: StoredVersion, vaultKey: Uint8Array): Promise<VaultData> {
    const record = await this.readRecord(version.generation);
    return decryptVaultData(version.header, vaultKey, record);
  }

  /**
   * Writes `data` as a new generation under `header` (the current header, or a new
   * one after a format upgrade) and makes it current once it reads back. The version
   * that was current becomes the previous one. `minGeneration` keeps the numbers
   * above one seen elsewhere (the rollback witness).
   */
  async save(header: VaultHeader, vaultKey: Uint8Array, data: VaultData, now = Date.now(), minGeneration = 0): Promise<StoredVersion> {
    const state = await this.readState();
    const previous = state?.current ?? null;
    return this.commit(state, header, vaultKey, data, now, minGeneration, previous);
  }

  /**
   * Replaces the whole vault with `data` under a new header and a new vault key
   * (master password or KDF change). Same steps as a save, but the switch keeps no
   * previous version: every record of the old key is retired by it and removed
   * right after, so once the switch is written the old password opens nothing.
   * Until then the old state is untouched and opens with the old password.
   */
  async rekey(header: VaultHeader, vaultKey: Uint8Array, data: VaultData, now = Date.now(), minGeneration = 0): Promise<StoredVersion> {
    const state = await this.readState();
    return this.commit(state, header, vaultKey, data, now, minGeneration, null);
  }

  private async commit(
    state: StoredState | null,
    header: VaultHeader,
    vaultKey: Uint8Array,
    data: VaultData,
    now: number,
    minGeneration: number,
    keep: StoredVersion | null,
  ): Promise<StoredVersion> {
    // Records retired by an earlier switch whose removal did not happen (a crash) go first.
    const leftover = await this.removeRecords(state?.retired ?? []);
    const generation = Math.max(0, minGeneration, ...liveGenerations(state), ...(state?.retired ?? [])) + 1;
    const record = await encryptVaultData(header, vaultKey, data, generation);
    const key = recordKey(generation);
    const version: StoredVersion = { header, generation, savedAt: now };
    const kept = new Set([generation, ...(keep ? [keep.generation] : [])]);
    const retired = [...new Set([...liveGenerations(state), ...leftover])].filter((g) => !kept.has(g));
    const next: StoredState = { current: version, previous: keep, retired };
    try {
      await this.area.set({ [key]: record });
      await decryptVaultData(header, vaultKey, await this.readRecord(generation));
      await this.area.set({ [STATE_KEY]: next });
    } catch (error) {
      await this.area.remove(key).catch(() => undefined);
      if (error instanceof UserFacingError) throw error;
      if (error instanceof VaultIntegrityError) {
        throw new UserFacingError('storage', 'Latchkey could not save: what it wrote did not read back intact. Your vault is unchanged.');
      }
      throw new UserFacingError('storage', `Latchkey could not save: ${describeWriteFailure(error)}. Your vault is unchanged.`);
    }
    // Only now are the retired records unreferenced; a crash here leaves them listed for the next save.
    await this.removeRecords(retired);
    return version;
  }

  /** Removes the given generations' records; returns those it could not remove. */
  private async removeRecords(generations: number[]): Promise<number[]> {
    if (generations.length === 0) return [];
    try {
      // Usually they are gone already (removed right after their switch): then nothing is written.
      const present = Object.keys(await this.area.get(generations.map(recordKey)));
      if (present.length > 0) await this.area.remove(present);
      return [];
    } catch {
      return generations;
    }
  }
}
