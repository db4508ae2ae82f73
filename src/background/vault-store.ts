// Persists the encrypted vault in an extension storage area, so that no save can
// leave it half-written. Layout:
//   vault.state          { current: Version, previous: Version | null }  (one key: switches atomically)
//   vault.record.<gen>   EncryptedRecord for that generation
// A save writes the new record, reads it back and decrypts it, and only then
// switches vault.state. The previous good version stays until the next save.
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
  return { current: parseVersion(state.current), previous: state.previous ? parseVersion(state.previous) : null };
}

function describeWriteFailure(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/quota/i.test(text)) return 'the browser’s storage for Latchkey is full';
  return 'the browser refused to write to storage';
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
   *  The vault key survives master password changes, so one key opens both. */
  async open(vaultKey: Uint8Array): Promise<OpenedVault> {
    const state = await this.readState();
    if (!state) throw new UserFacingError('no-vault', 'There is no vault yet.');
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
   * one after a master password change) and makes it current once it reads back.
   */
  async save(header: VaultHeader, vaultKey: Uint8Array, data: VaultData, now = Date.now()): Promise<StoredVersion> {
    const state = await this.readState();
    const generation = (state ? Math.max(state.current.generation, state.previous?.generation ?? 0) : 0) + 1;
    const record = await encryptVaultData(header, vaultKey, data, generation);
    const key = recordKey(generation);
    const version: StoredVersion = { header, generation, savedAt: now };
    try {
      await this.area.set({ [key]: record });
      await decryptVaultData(header, vaultKey, await this.readRecord(generation));
      const next: StoredState = { current: version, previous: state?.current ?? null };
      await this.area.set({ [STATE_KEY]: next });
    } catch (error) {
      await this.area.remove(key).catch(() => undefined);
      if (error instanceof UserFacingError) throw error;
      throw new UserFacingError('storage', `Latchkey could not save: ${describeWriteFailure(error)}. Your vault is unchanged.`);
    }
    // Only now is the version before the previous one unreferenced.
    const stale = state?.previous?.generation;
    if (stale !== undefined && stale !== generation) await this.area.remove(recordKey(stale)).catch(() => undefined);
    return version;
  }
}
