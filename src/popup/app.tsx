// The popup: which screen to show follows the vault's state in the background.
import { useEffect, useState } from 'preact/hooks';
import type { VaultStatus } from '../shared/protocol';
import { sendRequest } from '../shared/messaging';
import { CreateVault } from './views/create-vault';
import { BackToPage, ConfirmPresence, pagePurpose } from './views/for-page';
import { Unlock } from './views/unlock';
import { VaultHome } from './views/vault-home';

export function App() {
  const [status, setStatus] = useState<VaultStatus | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // Opened for a page (unlock-window.ts): once its need is met, say so and close.
  const [purpose] = useState(pagePurpose);
  const [confirmed, setConfirmed] = useState(false);

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
      // Unlocking is itself the proof of presence a verification asks for.
      return (
        <Unlock
          retryAfter={status.retryAfter}
          onUnlocked={(next) => {
            setConfirmed(true);
            setStatus(next);
          }}
        />
      );
    case 'unlocked':
      if (purpose === 'unlock' || (purpose === 'verify' && confirmed)) return <BackToPage purpose={purpose} />;
      if (purpose === 'verify') return <ConfirmPresence onConfirmed={() => setConfirmed(true)} />;
      return <VaultHome notice={status.notice} onLocked={setStatus} />;
  }
}
