// The inline menu shown under a focused field. It is an extension page, so the
// page around it cannot read it; it asks the background what to offer here and
// acts only on trusted clicks.
import { createContext, render } from 'preact';
import { useCallback, useContext, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { MenuLogin, MenuState } from '../../shared/protocol';
import { parseMenuHostMessage } from '../../shared/protocol-content';
import { sendRequest } from '../../shared/messaging';
import { isPersonClick, useArmed } from '../shared/armed';
import { UnlockInWindow } from '../shared/unlock-in-window';

/**
 * Tells the content script how tall the menu is, so the frame fits it. Through
 * the background, never by postMessage: the page shares the parent window and
 * would learn from the height how many logins the site has.
 */
let lastHeight = -1;
function reportSize(token: string): void {
  const height = Math.ceil(document.getElementById('menu')!.getBoundingClientRect().height);
  if (height === lastHeight) return;
  lastHeight = height;
  void sendRequest('menu.resize', { token, height }).catch(() => undefined);
}

/** Whether clicks count yet (see ../shared/armed.ts); buttons stay disabled until then. */
const Armed = createContext(false);

interface Opening {
  token: string;
  /** Asked as soon as the token arrives, before anything renders. */
  state: Promise<MenuState>;
}

/** Follows the token the page's content script gives; none while the menu is hidden. */
// Listened for from the first moment: the content script posts the token as soon
// as this frame has loaded, which can be before any component has mounted.
let latestOpening: Opening | null = null;
let onOpening: ((opening: Opening | null) => void) | null = null;
window.addEventListener('message', (event: MessageEvent) => {
  // The content script lives in the parent window. The page shares that window and
  // could post here too, but it never learns a token, and the background checks each.
  if (event.source !== window.parent) return;
  const data = parseMenuHostMessage(event.data);
  if (!data) return;
  if (data.type === 'latchkey:menu-open') {
    lastHeight = -1;
    latestOpening = { token: data.token, state: sendRequest('menu.state', { token: data.token }) };
  } else {
    latestOpening = null;
  }
  onOpening?.(latestOpening);
});

function useHostToken(): Opening | null {
  const [opening, setOpening] = useState<Opening | null>(latestOpening);
  useEffect(() => {
    onOpening = setOpening;
    setOpening(latestOpening);
    return () => {
      onOpening = null;
    };
  }, []);
  return opening;
}

/** A click handler that runs only for a person's click on an armed menu. */
function useTrusted() {
  const armed = useContext(Armed);
  return (handler: () => void) => (event: Event) => {
    if (armed && isPersonClick(event)) handler();
  };
}

/** Locked: "Unlock" opens Latchkey's own window; the menu continues once the vault is open. */
function UnlockForm({ onUnlocked }: { onUnlocked: () => void }) {
  const armed = useContext(Armed);
  const isReady = useCallback(async () => (await sendRequest('vault.status', {})).state === 'unlocked', []);
  return <UnlockInWindow purpose="unlock" armed={armed} isReady={isReady} onReady={onUnlocked} />;
}

function LoginButton({ login, picked, onChoose }: { login: MenuLogin; picked: boolean; onChoose: (login: MenuLogin) => void }) {
  const trusted = useTrusted();
  const armed = useContext(Armed);
  return (
    <button type="button" class={`login${picked ? ' picked' : ''}`} disabled={!armed} onClick={trusted(() => onChoose(login))}>
      <span class="name">{login.name}</span> <span class="username">{login.username}</span>
    </button>
  );
}

type MenuPasskey = NonNullable<MenuState['passkeys']>[number];

/**
 * The passkeys of the page's pending conditional request (a `webauthn` field), one
 * button each. A site that requires user verification gets it only after the person
 * typed the master password in Latchkey's window moments ago (background/presence.ts).
 */
function PasskeyButtons({ token, state, onError, onVerified }: { token: string; state: MenuState; onError: (message: string) => void; onVerified: () => void }) {
  const trusted = useTrusted();
  const armed = useContext(Armed);
  const [busy, setBusy] = useState(false);
  const isVerified = useCallback(async () => !(await sendRequest('menu.state', { token })).passkeyNeedsPassword, [token]);
  if (!state.passkeys?.length) return null;
  const use = async (passkey: MenuPasskey) => {
    if (busy) return;
    setBusy(true);
    try {
      await sendRequest('menu.usePasskey', { token, passkeyId: passkey.id });
      await sendRequest('menu.close', { token }).catch(() => undefined);
    } catch (failure) {
      onError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="logins" role="group" aria-label={`Passkeys for ${state.host}`}>
      {state.passkeyNeedsPassword && <UnlockInWindow purpose="verify" armed={armed} isReady={isVerified} onReady={onVerified} />}
      {state.passkeys.map((passkey) => (
        <button key={passkey.id} type="button" class="login passkey" disabled={!armed || state.passkeyNeedsPassword} onClick={trusted(() => void use(passkey))}>
          <span class="name">Passkey · {passkey.name}</span> <span class="username">{passkey.userName}</span>
        </button>
      ))}
    </div>
  );
}

/**
 * "Fill anyway" for a frame of another origin. A new question: its buttons arm
 * afresh, so a click meant for the login button cannot land on "Fill anyway".
 */
function ConfirmOrigin({ confirm, onFill, onCancel }: { confirm: { login: MenuLogin; origin: string }; onFill: () => void; onCancel: () => void }) {
  const armed = useArmed(true);
  const trusted = (handler: () => void) => (event: Event) => {
    if (armed && isPersonClick(event)) handler();
  };
  return (
    <div role="alertdialog" aria-labelledby="confirm-text">
      <p id="confirm-text">
        This field is in a frame from <strong>{confirm.origin}</strong>, not from the page you are on. Fill “{confirm.login.name}” there?
      </p>
      <div class="row">
        <button type="button" class="primary" disabled={!armed} onClick={trusted(onFill)}>
          Fill anyway
        </button>
        <button type="button" disabled={!armed} onClick={trusted(onCancel)}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function StepAside({ token }: { token: string }) {
  useEffect(() => void sendRequest('menu.close', { token }).catch(() => undefined), [token]);
  return null;
}

function Menu({ token, initialState }: { token: string; initialState: Promise<MenuState> }) {
  const trusted = useTrusted();
  const armed = useContext(Armed);
  const [state, setState] = useState<MenuState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<{ login: MenuLogin; origin: string } | null>(null);

  const load = (request: Promise<MenuState> = sendRequest('menu.state', { token })) =>
    request
      .then((loaded) => {
        setState(loaded);
        return loaded;
      })
      .catch((failure: Error) => {
        setError(failure.message);
        return null;
      });
  // Once per menu: a new token mounts a new Menu (MenuRoot keys it by token).
  // eslint-disable-next-line react-hooks/exhaustive-deps -- load and initialState belong to this mount
  useLayoutEffect(() => void load(initialState), []);
  // Unlocking was the first half of a fill: with one login for this site, finish it.
  const afterUnlock = async () => {
    const loaded = await load();
    if (loaded?.logins.length === 1) await fill(loaded.logins[0]!);
  };
  useLayoutEffect(() => reportSize(token));
  // For `npm run bench`: when this opening of the menu first shows what it offers.
  const marked = useRef(false);
  useEffect(() => {
    if (state && !marked.current) {
      performance.mark('latchkey:menu-rendered');
      marked.current = true;
    }
  }, [state]);

  const fill = async (login: MenuLogin, allowOrigin?: string) => {
    try {
      const answer = await sendRequest('menu.fill', { token, itemId: login.id, ...(allowOrigin ? { allowOrigin } : {}) });
      if (answer.result === 'confirm-origin') setConfirm({ login, origin: answer.origin });
      else if (answer.result === 'nothing-filled') setError('There was no field to fill here.');
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  const generate = async () => {
    try {
      const answer = await sendRequest('menu.generate', { token });
      if (answer.result === 'nothing-filled') setError('There was no new-password field to fill here.');
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  const close = () => void sendRequest('menu.close', { token }).catch(() => undefined);

  if (error) return <p role="alert" class="error">{error}</p>;
  if (!state) return <p class="muted">Latchkey…</p>;
  if (confirm) return <ConfirmOrigin confirm={confirm} onFill={() => void fill(confirm.login, confirm.origin)} onCancel={close} />;
  switch (state.vault) {
    case 'none':
      return <p>No vault yet. Open Latchkey from the toolbar to create one.</p>;
    case 'locked':
      return <UnlockForm onUnlocked={() => void afterUnlock()} />;
    case 'unlocked': {
      if (state.canGenerate) {
        return (
          <div class="logins" role="group" aria-label={`Latchkey for ${state.host}`}>
            <button type="button" class="primary" disabled={!armed} onClick={trusted(() => void generate())}>
              Generate strong password
            </button>
            {state.logins.map((login) => (
              <LoginButton key={login.id} login={login} picked={login.id === state.pickedId} onChoose={(chosen) => void fill(chosen)} />
            ))}
          </div>
        );
      }
      const passkeys = <PasskeyButtons token={token} state={state} onError={setError} onVerified={() => void load()} />;
      if (state.logins.length === 0) {
        if (state.passkeys?.length) return passkeys;
        // Nothing to offer on a code field: step aside rather than cover the page's buttons.
        if (state.fieldKind === 'one-time-code') return <StepAside token={token} />;
        return <p class="muted">No logins saved for {state.host}.</p>;
      }
      return (
        <>
          {passkeys}
          <div class="logins" role="group" aria-label={`Logins for ${state.host}`}>
            {state.logins.map((login) => (
              <LoginButton key={login.id} login={login} picked={login.id === state.pickedId} onChoose={(chosen) => void fill(chosen)} />
            ))}
          </div>
        </>
      );
    }
  }
}

function MenuRoot() {
  const opening = useHostToken();
  const armed = useArmed(opening !== null);
  useEffect(() => {
    if (!opening) return undefined;
    const observer = new ResizeObserver(() => reportSize(opening.token));
    observer.observe(document.getElementById('menu')!);
    return () => observer.disconnect();
  }, [opening]);
  // A new token is a new menu: nothing carries over from the last field.
  return (
    <Armed.Provider value={armed}>
      {opening ? <Menu key={opening.token} token={opening.token} initialState={opening.state} /> : null}
    </Armed.Provider>
  );
}

render(<MenuRoot />, document.getElementById('menu')!);
