// The inline menu shown under a focused field. It is an extension page, so the
// page around it cannot read it; it asks the background what to offer here.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { MenuState } from '../../shared/protocol';
import { sendRequest } from '../../shared/messaging';

function UnlockForm({ onUnlocked }: { onUnlocked: () => void }) {
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  if (!open) {
    return (
      <button type="button" class="primary" onClick={(event) => event.isTrusted && setOpen(true)}>
        Unlock
      </button>
    );
  }
  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      await sendRequest('vault.unlock', { password });
      onUnlocked();
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  return (
    <form onSubmit={submit}>
      <label>
        Master password
        <input type="password" autoFocus autoComplete="current-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
      </label>
      {error && <p role="alert" class="error">{error}</p>}
      <button type="submit" class="primary">Unlock</button>
    </form>
  );
}

function Menu() {
  const [state, setState] = useState<MenuState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    sendRequest('menu.state', { token: location.hash.slice(1) })
      .then(setState)
      .catch((failure: Error) => setError(failure.message));
  useEffect(() => void load(), []);

  if (error) return <p role="alert" class="error">{error}</p>;
  if (!state) return <p class="muted">Latchkey…</p>;
  switch (state.vault) {
    case 'none':
      return <p>No vault yet. Open Latchkey from the toolbar to create one.</p>;
    case 'locked':
      return <UnlockForm onUnlocked={load} />;
    case 'unlocked':
      return <p class="muted">No logins saved for {new URL(state.origin).host}.</p>;
  }
}

render(<Menu />, document.getElementById('menu')!);
