// First run: choose a master password. Its strength is checked with zxcvbn,
// loaded only once the person starts typing.
import { useEffect, useState } from 'preact/hooks';
import { estimateStrength, MASTER_PASSWORD_MIN_SCORE, type Strength } from '../../generator/strength';
import type { VaultStatus } from '../../shared/protocol';
import { sendRequest } from '../../shared/messaging';
import { PasswordInput } from './password-input';

const SCORE_WORDS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'];

export function CreateVault({ onCreated }: { onCreated: (status: VaultStatus) => void }) {
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [strength, setStrength] = useState<Strength | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!password) return setStrength(null);
    const timer = setTimeout(() => void estimateStrength(password, ['latchkey']).then(setStrength), 150);
    return () => clearTimeout(timer);
  }, [password]);

  async function submit(event: Event) {
    event.preventDefault();
    setError(null);
    if (password !== confirmation) return setError('The two passwords do not match.');
    const checked = await estimateStrength(password, ['latchkey']);
    if (checked.score < MASTER_PASSWORD_MIN_SCORE) {
      const reason = checked.warning || 'It would be too easy to guess.';
      return setError(`Choose a stronger master password. ${reason} ${checked.suggestions.join(' ')}`.trim());
    }
    setBusy(true);
    try {
      onCreated(await sendRequest('vault.create', { password }));
    } catch (failure) {
      setError((failure as Error).message);
      setBusy(false);
    }
  }

  return (
    <form class="screen narrow" onSubmit={submit}>
      <h1>Welcome to Latchkey</h1>
      <p class="hint">Your master password unlocks your vault. It is never stored and cannot be recovered: keep it safe.</p>
      <PasswordInput id="master" label="Master password" value={password} onInput={setPassword} autoComplete="new-password" autoFocus />
      {strength && (
        <p class={`strength score-${strength.score}`} aria-live="polite">
          <meter min={0} max={4} value={strength.score} aria-label="Master password strength" /> {SCORE_WORDS[strength.score]}
          {strength.warning && <span> — {strength.warning}</span>}
        </p>
      )}
      <PasswordInput id="confirm" label="Confirm master password" value={confirmation} onInput={setConfirmation} autoComplete="new-password" />
      {error && <p role="alert" class="error">{error}</p>}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? 'Creating…' : 'Create vault'}
      </button>
    </form>
  );
}
