// The passkey consent surface shown in the page: "Save passkey" on creation,
// one button per passkey on sign-in. It is an extension page in a closed shadow
// root, so the page cannot read or click it; it acts only on trusted clicks,
// and proves which ceremony it serves with the token the bridge handed it.
import { render } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { sendRequest } from '../../shared/messaging';
import type { PasskeyPrompt } from '../../shared/protocol-passkeys';
import { literal, object, string } from '../../shared/validate';
import { isPersonClick, useArmed } from '../shared/armed';
import { UnlockInWindow } from '../shared/unlock-in-window';

const openMessage = object({ type: literal('latchkey:passkey-open'), token: string({ min: 16, max: 64 }) });

// The token arrives from the bridge in the parent window once this page has
// loaded (possibly before any component mounted), so listen from the start.
// This page sends nothing back to the page (its frame has a fixed size).
let receivedToken: string | null = null;
let onToken: ((token: string) => void) | null = null;
window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== window.parent || receivedToken !== null) return;
  try {
    receivedToken = openMessage.parse(event.data, 'message').token;
    onToken?.(receivedToken);
  } catch {
    // not ours
  }
});

function useToken(): string | null {
  const [token, setToken] = useState<string | null>(receivedToken);
  useEffect(() => {
    onToken = setToken;
    if (receivedToken) setToken(receivedToken);
    return () => {
      onToken = null;
    };
  }, []);
  return token;
}

/** Clicks count only from a person, once the prompt has been visible for a moment (../shared/armed.ts). */
let armedNow = false;
function trusted(handler: () => void) {
  return (event: Event) => {
    if (armedNow && isPersonClick(event)) handler();
  };
}

function Consent({ token, armed }: { token: string; armed: boolean }) {
  const [prompt, setPrompt] = useState<PasskeyPrompt | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const load = () =>
    sendRequest('passkeys.prompt', { token })
      .then(setPrompt)
      .catch((failure: Error) => setError(failure.message));
  // Once per ceremony: Root keys this component by its token.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- load belongs to this mount
  useEffect(() => void load(), []);

  const act = async (step: () => Promise<unknown>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await step();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const decide = (choice: 'save' | 'use' | 'cancel', itemId?: string) =>
    act(async () => {
      await sendRequest('passkeys.decide', { token, choice, ...(itemId ? { itemId } : {}) });
      setDone(true);
    });
  // Waiting on Latchkey's window (unlock, or confirm for a site that requires user verification).
  const isUnlocked = useCallback(async () => (await sendRequest('passkeys.prompt', { token })).vault === 'unlocked', [token]);
  const isVerified = useCallback(async () => !(await sendRequest('passkeys.prompt', { token })).needsPassword, [token]);
  const reload = useCallback(() => void load(), []); // eslint-disable-line react-hooks/exhaustive-deps -- load belongs to this mount
  const cancel = (
    <button type="button" disabled={!armed} onClick={trusted(() => void decide('cancel'))}>
      Cancel
    </button>
  );

  if (done || prompt?.finished) return <p class="muted">Latchkey…</p>;
  if (!prompt) return error ? <p role="alert" class="error">{error}</p> : <p class="muted">Latchkey…</p>;
  const alert = error && <p role="alert" class="error">{error}</p>;
  const site = <strong>{prompt.rpId}</strong>;

  if (prompt.vault === 'none') {
    return (
      <>
        <p>Latchkey has no vault yet, so it cannot keep a passkey for {site}.</p>
        <div class="row">{cancel}</div>
      </>
    );
  }
  if (prompt.vault === 'locked') {
    return (
      <>
        <p>Unlock Latchkey to {prompt.operation === 'create' ? 'save a passkey for' : 'sign in to'} {site}.</p>
        {alert}
        <div class="row">
          <UnlockInWindow purpose="unlock" armed={armed} isReady={isUnlocked} onReady={reload} />
          {cancel}
        </div>
      </>
    );
  }
  const verify = prompt.needsPassword && (
    <>
      <p>{site} asks Latchkey to confirm it is you.</p>
      <UnlockInWindow purpose="verify" armed={armed} isReady={isVerified} onReady={reload} />
    </>
  );
  if (prompt.operation === 'create') {
    if (prompt.excluded) {
      return (
        <>
          <p>A passkey for this account on {site} is already saved in Latchkey.</p>
          <div class="row">{cancel}</div>
        </>
      );
    }
    return (
      <>
        <p>
          Save a passkey for <strong>{prompt.userName}</strong> on {site} in Latchkey?
        </p>
        {verify}
        {alert}
        <div class="row">
          <button type="button" class="primary" disabled={busy || !armed || prompt.needsPassword} onClick={trusted(() => void decide('save'))}>
            Save passkey
          </button>
          {cancel}
        </div>
      </>
    );
  }
  return (
    <>
      <p>Sign in to {site} with a passkey from Latchkey</p>
      {verify}
      {alert}
      <div class="logins" role="group" aria-label={`Passkeys for ${prompt.rpId}`}>
        {prompt.passkeys.map((passkey) => (
          <button key={passkey.id} type="button" class="login" disabled={busy || !armed || prompt.needsPassword} onClick={trusted(() => void decide('use', passkey.id))}>
            <span class="name">{passkey.userName}</span>
            {passkey.userDisplayName && passkey.userDisplayName !== passkey.userName && (
              <span class="username">{passkey.userDisplayName}</span>
            )}
          </button>
        ))}
      </div>
      <div class="row">{cancel}</div>
    </>
  );
}

function Root() {
  const token = useToken();
  armedNow = useArmed(token !== null);
  return token ? <Consent key={token} token={token} armed={armedNow} /> : null;
}

render(<Root />, document.getElementById('passkey')!);
