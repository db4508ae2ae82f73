// Generated passwords go into the vault's generator history the moment they are
// made, so that one the site accepted is never lost, even if the person leaves
// before saving it to a login.
import type { VaultData } from '../../vault/model';

export const GENERATOR_HISTORY_LIMIT = 100;

export function rememberGenerated(data: VaultData, password: string, site: string, now: number): void {
  data.generatorHistory = [{ password, created: now, site }, ...data.generatorHistory].slice(0, GENERATOR_HISTORY_LIMIT);
}
