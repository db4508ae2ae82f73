// "Unlock" (or "Confirm with master password") in an in-page view: the master
// password is never typed here, inside the page, but in Latchkey's own window
// (background/unlock-window.ts). The view waits, asking the background every
// moment whether the vault is ready, and continues on its own once it is.
import { useEffect, useState } from 'preact/hooks';
import { sendRequest } from '../../shared/messaging';
import { isPersonClick } from './armed';

const POLL_MS = 500;

interface Props {
  purpose: 'unlock' | 'verify';
  /** Whether the view's clicks count yet (armed.ts). */
  armed: boolean;
  /** Asked every moment while waiting: true once the vault is ready for what the view was doing. */
  isReady: () => Promise<boolean>;
  onReady: () => void;
}

export function UnlockInWindow({ purpose, armed, isReady, onReady }: Props) {
  const [waiting, setWaiting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!waiting) return undefined;
    let stopped = false;
    const check = async () => {
      const ready = await isReady().catch(() => false);
      if (stopped) return;
      if (ready) onReady();
      else timer = setTimeout(() => void check(), POLL_MS);
    };
    let timer = setTimeout(() => void check(), POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [waiting, isReady, onReady]);

  const open = (event: Event) => {
    if (!armed || !isPersonClick(event)) return;
    setError(null);
    sendRequest('vault.openUnlockWindow', { purpose })
      .then(() => setWaiting(true))
      .catch((failure: Error) => setError(failure.message));
  };
  const label = purpose === 'unlock' ? 'Unlock' : 'Confirm with master password';
  return (
    <>
      {waiting && (
        <p class="muted" role="status">
          {purpose === 'unlock' ? 'Unlock Latchkey in its window. This continues here once it is unlocked.' : 'Confirm it is you in Latchkey’s window. This continues here once you have.'}
        </p>
      )}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <button type="button" class={waiting ? '' : 'primary'} disabled={!armed} onClick={open}>
        {label}
      </button>
    </>
  );
}
