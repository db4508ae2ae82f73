// The popup: which screen to show follows the vault's state in the background.
import { useEffect, useState } from 'preact/hooks';
import type { VaultStatus } from '../shared/protocol';
import { sendRequest } from '../shared/messaging';
import { CreateVault } from './views/create-vault';
import { Unlock } from './views/unlock';
import { VaultHome } from './views/vault-home';

export function App() {
  const [status, setStatus] = useState<VaultStatus | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    sendRequest('vault.status', {})
      .then(setStatus)
      .catch((error: Error) => setFailure(error.message));
  }, []);

  if (failure) return <p role="alert">{failure}</p>;
  if (!status) return <p class="loading">Loading…</p>;
  switch (status.state) {
    case 'none':
      return <CreateVault onCreated={setStatus} />;
    case 'locked':
      return <Unlock retryAfter={status.retryAfter} onUnlocked={setStatus} />;
    case 'unlocked':
      return <VaultHome notice={status.notice} onLocked={setStatus} />;
  }
}
