// The save/update prompt after a sign-in, password change or reset. It acts
// only on trusted clicks; the background knows what was submitted.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { PromptAnswer, PromptState } from '../../shared/protocol';
import { sendRequest } from '../../shared/messaging';
import { isPersonClick, useArmed } from '../shared/armed';

const token = location.hash.slice(1);

function Prompt() {
  const [state, setState] = useState<PromptState | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Clicks count once the prompt has been seen, unobstructed, for a moment (../shared/armed.ts).
  const armed = useArmed(state !== null);

  useEffect(() => {
    sendRequest('prompt.state', { token })
      .then(setState)
      .catch((failure: Error) => setError(failure.message));
  }, []);

  const answer = (choice: PromptAnswer) => (event: Event) => {
    if (!armed || !isPersonClick(event)) return;
    sendRequest('prompt.answer', { token, answer: choice }).catch((failure: Error) => setError(failure.message));
  };

  if (error) return <p role="alert" class="error">{error}</p>;
  if (!state) return <p class="muted">Latchkey…</p>;
  const who = state.username ? <strong>{state.username}</strong> : 'this login';
  return (
    <div role="dialog" aria-labelledby="prompt-title">
      <p id="prompt-title">
        {state.action === 'update' ? (
          <>Update the saved password for {who} on {state.host}{state.itemName ? ` (“${state.itemName}”)` : ''}?</>
        ) : (
          <>Save {who} for {state.host} in Latchkey?</>
        )}
      </p>
      <div class="row">
        {state.action === 'update' && (
          <button type="button" class="primary" disabled={!armed} onClick={answer('update')}>
            Update
          </button>
        )}
        <button type="button" class={state.action === 'save' ? 'primary' : ''} disabled={!armed} onClick={answer('save')}>
          Save
        </button>
        <button type="button" disabled={!armed} onClick={answer('not-now')}>
          Not now
        </button>
        <button type="button" disabled={!armed} onClick={answer('never')}>
          Never for this site
        </button>
      </div>
    </div>
  );
}

render(<Prompt />, document.getElementById('prompt')!);
