// Handlers for the passkeys area's requests (src/shared/protocol-passkeys.ts).
import type { StorageArea } from '../storage-area';
import type { TabsPort } from '../autofill/fill-service';
import type { VaultService } from '../vault-service';

export interface PasskeyHandlerDeps {
  vault: VaultService;
  local: StorageArea;
  session: StorageArea;
  tabs: TabsPort;
}

export function createPasskeyHandlers(deps: PasskeyHandlerDeps) {
  void deps;
  return {};
}
