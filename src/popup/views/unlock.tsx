import { useEffect, useState } from 'preact/hooks';
import type { VaultStatus } from '../../shared/protocol';
import { sendRequest } from '../../shared/messaging';
import { PasswordInput } from './password-input';

export function Unlock({ retryAfter, onUnlocked }: { retryAfter: number | null; onUnlocked: (s: VaultStatus) => void }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [waitUntil, setWaitUntil] = useState(retryAfter);
  const [, tick] = useState(0);

  useEffect(() => {
    if (!waitUntil) return;
    const timer = setInterval(() => (Date.now() >= waitUntil ? setWaitUntil(null) : tick((n) => n + 1)), 500);
    return () => clearInterval(timer);
  }, [waitUntil]);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onUnlocked(await sendRequest('vault.unlock', { password }));
    } catch (failure) {
      setError((failure as Error).message);
      setPassword('');
      const status = await sendRequest('vault.status', {}).catch(() => null);
      setWaitUntil(status?.retryAfter ?? null);
      setBusy(false);
    }
  }

  const waitSeconds = waitUntil ? Math.max(0, Math.ceil((waitUntil - Date.now()) / 1000)) : 0;
  return (
    <form class="screen narrow" onSubmit={submit}>
      <h1>Latchkey is locked</h1>
      <PasswordInput id="master" label="Master password" value={password} onInput={setPassword} autoComplete="current-password" autoFocus />
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {waitSeconds > 0 && <p class="hint">You can try again in {waitSeconds} s.</p>}
      <button type="submit" class="primary" disabled={busy || waitSeconds > 0 || !password}>
        {busy ? 'Unlocking…' : 'Unlock'}
      </button>
    </form>
  );
}
