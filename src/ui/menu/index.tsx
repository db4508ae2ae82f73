// The inline menu shown under a focused field. It is an extension page, so the
// page around it cannot read it; it asks the background what to offer here and
// acts only on trusted clicks.
import { render } from 'preact';
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import type { MenuLogin, MenuState } from '../../shared/protocol';
import { sendRequest } from '../../shared/messaging';

const token = location.hash.slice(1);

/** Tells the content script how tall the menu is, so the frame fits it. */
function reportSize(): void {
  const height = document.getElementById('menu')!.getBoundingClientRect().height;
  window.parent.postMessage({ type: 'latchkey:menu-size', height }, '*');
}

function trusted(handler: () => void) {
  return (event: Event) => {
    if (event.isTrusted) handler();
  };
}

function UnlockForm({ onUnlocked }: { onUnlocked: () => void }) {
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  if (!open) {
    return (
      <button type="button" class="primary" onClick={trusted(() => setOpen(true))}>
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
      setPassword('');
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

function LoginButton({ login, picked, onChoose }: { login: MenuLogin; picked: boolean; onChoose: (login: MenuLogin) => void }) {
  return (
    <button type="button" class={`login${picked ? ' picked' : ''}`} onClick={trusted(() => onChoose(login))}>
      <span class="name">{login.name}</span> <span class="username">{login.username}</span>
    </button>
  );
}

function Menu() {
  const [state, setState] = useState<MenuState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<{ login: MenuLogin; origin: string } | null>(null);

  const load = () =>
    sendRequest('menu.state', { token })
      .then((loaded) => {
        setState(loaded);
        return loaded;
      })
      .catch((failure: Error) => {
        setError(failure.message);
        return null;
      });
  useEffect(() => void load(), []);
  // Unlocking was the first half of a fill: with one login for this site, finish it.
  const afterUnlock = async () => {
    const loaded = await load();
    if (loaded?.logins.length === 1) await fill(loaded.logins[0]!);
  };
  useLayoutEffect(reportSize);

  const fill = async (login: MenuLogin, allowOrigin?: string) => {
    try {
      const answer = await sendRequest('menu.fill', { token, itemId: login.id, ...(allowOrigin ? { allowOrigin } : {}) });
      if (answer.result === 'confirm-origin') setConfirm({ login, origin: answer.origin });
      else if (answer.result === 'nothing-filled') setError('There was no field to fill here.');
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  const close = () => void sendRequest('menu.close', { token }).catch(() => undefined);

  if (error) return <p role="alert" class="error">{error}</p>;
  if (!state) return <p class="muted">Latchkey…</p>;
  if (confirm) {
    return (
      <div role="alertdialog" aria-labelledby="confirm-text">
        <p id="confirm-text">
          This field is in a frame from <strong>{confirm.origin}</strong>, not from the page you are on. Fill “{confirm.login.name}” there?
        </p>
        <div class="row">
          <button type="button" class="primary" onClick={trusted(() => void fill(confirm.login, confirm.origin))}>
            Fill anyway
          </button>
          <button type="button" onClick={trusted(close)}>
            Cancel
          </button>
        </div>
      </div>
    );
  }
  switch (state.vault) {
    case 'none':
      return <p>No vault yet. Open Latchkey from the toolbar to create one.</p>;
    case 'locked':
      return <UnlockForm onUnlocked={() => void afterUnlock()} />;
    case 'unlocked':
      if (state.logins.length === 0) {
        const what = state.fieldKind === 'one-time-code' ? 'No login with a one-time code' : 'No logins';
        return <p class="muted">{what} saved for {state.host}.</p>;
      }
      return (
        <div class="logins" role="group" aria-label={`Logins for ${state.host}`}>
          {state.logins.map((login) => (
            <LoginButton key={login.id} login={login} picked={login.id === state.pickedId} onChoose={(chosen) => void fill(chosen)} />
          ))}
        </div>
      );
  }
}

render(<Menu />, document.getElementById('menu')!);
new ResizeObserver(reportSize).observe(document.getElementById('menu')!);
