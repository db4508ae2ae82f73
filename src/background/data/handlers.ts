// Handlers for the import/export area's requests (src/shared/protocol-data.ts).
import type { VaultService } from '../vault-service';

export interface DataHandlerDeps {
  vault: VaultService;
}

export function createDataHandlers(deps: DataHandlerDeps) {
  void deps;
  return {};
}
