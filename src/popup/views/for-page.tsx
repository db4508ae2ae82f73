// Latchkey's window opened for a page (background/unlock-window.ts): the inline
// menu or a passkey prompt waits for the vault to be unlocked, or for the person
// to confirm with the master password. Once done, this says so and closes: the
// page's own view continues by itself.
import { useEffect, useState } from 'preact/hooks';
import { sendRequest } from '../../shared/messaging';
import { PasswordInput } from './password-input';

export type PagePurpose = 'unlock' | 'verify';

export function pagePurpose(): PagePurpose | null {
  const value = new URLSearchParams(location.search).get('for');
  return value === 'unlock' || value === 'verify' ? value : null;
}

/** Shown once the page's request is satisfied; the window closes itself a moment later. */
export function BackToPage({ purpose }: { purpose: PagePurpose }) {
  useEffect(() => {
    const timer = setTimeout(() => window.close(), 1200);
    return () => clearTimeout(timer);
  }, []);
  return (
    <div class="screen narrow" role="status">
      <h1>{purpose === 'unlock' ? 'Latchkey is unlocked' : 'Thank you'}</h1>
      <p>Go back to the page: it continues on its own.</p>
    </div>
  );
}

/** The master password once more, for a site that requires user verification (a passkey). */
export function ConfirmPresence({ onConfirmed }: { onConfirmed: () => void }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await sendRequest('vault.verify', { password });
      onConfirmed();
    } catch (failure) {
      setError((failure as Error).message);
      setPassword('');
      setBusy(false);
    }
  };
  return (
    <form class="screen narrow" onSubmit={submit}>
      <h1>Confirm it is you</h1>
      <p>A site asks Latchkey to confirm it is you before it uses a passkey.</p>
      <PasswordInput id="master" label="Master password" value={password} onInput={setPassword} autoComplete="current-password" autoFocus />
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy || !password}>
        {busy ? 'Checking…' : 'Confirm'}
      </button>
    </form>
  );
}
