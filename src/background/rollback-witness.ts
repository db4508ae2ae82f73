// Remembers the highest generation of the vault that was ever saved, in a second
// storage area (storage.sync where the browser has it), so that storage holding an
// older but valid copy of the vault (restored from a backup, or copied back) is
// noticed at unlock. Each entry carries a MAC under a key derived from the vault
// key, so nothing without the vault key can write a believable "higher" number.
// Best effort: a witness that cannot be read or written never stops a save or an unlock.
import { generationMac } from '../vault/vault-file';
import type { StorageArea } from './storage-area';

export const witnessKey = (vaultId: string) => `vault.highestGeneration.${vaultId}`;

interface WitnessEntry {
  generation: number;
  mac: string;
}

export class RollbackWitness {
  constructor(private readonly area: StorageArea | null) {}

  /** The highest generation recorded for this vault and key, or null if none can be trusted. */
  async highest(vaultId: string, vaultKey: Uint8Array): Promise<number | null> {
    if (!this.area) return null;
    try {
      const key = witnessKey(vaultId);
      const entry = (await this.area.get(key))[key] as Partial<WitnessEntry> | undefined;
      if (!entry || !Number.isSafeInteger(entry.generation) || typeof entry.mac !== 'string') return null;
      const generation = entry.generation as number;
      return (await generationMac(vaultKey, vaultId, generation)) === entry.mac ? generation : null;
    } catch {
      return null;
    }
  }

  /** Records `generation` as saved; never throws. */
  async record(vaultId: string, vaultKey: Uint8Array, generation: number): Promise<void> {
    if (!this.area) return;
    try {
      const entry: WitnessEntry = { generation, mac: await generationMac(vaultKey, vaultId, generation) };
      await this.area.set({ [witnessKey(vaultId)]: entry });
    } catch {
      // Quota (storage.sync allows a limited number of writes a minute) or no sync area: the vault is saved anyway.
    }
  }
}
