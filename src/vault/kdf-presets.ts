// The KDF strengths offered in settings. "Standard" is the default every new
// vault gets; the stronger ones cost more time and memory at each unlock.
import { DEFAULT_KDF, type KdfParams } from './kdf';

export type KdfPreset = 'standard' | 'strong' | 'strongest';

export const KDF_PRESETS: Record<KdfPreset, KdfParams> = {
  standard: { ...DEFAULT_KDF },
  strong: { algorithm: 'argon2id', memoryKiB: 131_072, iterations: 4, parallelism: 4 },
  strongest: { algorithm: 'argon2id', memoryKiB: 262_144, iterations: 5, parallelism: 4 },
};

/** The preset these parameters are, or null for custom parameters (e.g. from an import). */
export function presetOf(kdf: KdfParams): KdfPreset | null {
  for (const [name, preset] of Object.entries(KDF_PRESETS) as [KdfPreset, KdfParams][]) {
    if (preset.memoryKiB === kdf.memoryKiB && preset.iterations === kdf.iterations && preset.parallelism === kdf.parallelism) {
      return name;
    }
  }
  return null;
}
