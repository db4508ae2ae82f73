// Master password change and KDF strength: both rewrap the vault key, so both
// ask for the current master password.
import { useEffect, useState } from 'preact/hooks';
import { estimateStrength, MASTER_PASSWORD_MIN_SCORE } from '../../generator/strength';
import { sendRequest } from '../../shared/messaging';
import type { KdfPreset } from '../../vault/kdf-presets';
import { PasswordInput } from './password-input';

type Message = { text: string; role: 'status' | 'alert' } | null;

const PRESET_LABELS: Record<KdfPreset, string> = {
  standard: 'Standard (Argon2id, 64 MiB)',
  strong: 'Strong (Argon2id, 128 MiB)',
  strongest: 'Strongest (Argon2id, 256 MiB, slower unlock)',
};

export function ChangeMasterPassword() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (next !== confirmation) return setMessage({ text: 'The new passwords do not match.', role: 'alert' });
    const strength = await estimateStrength(next, ['latchkey']);
    if (strength.score < MASTER_PASSWORD_MIN_SCORE) {
      return setMessage({ text: `Choose a stronger master password. ${strength.warning || 'It would be too easy to guess.'}`, role: 'alert' });
    }
    setBusy(true);
    try {
      await sendRequest('vault.changePassword', { current, next });
      setCurrent('');
      setNext('');
      setConfirmation('');
      setMessage({ text: 'Master password changed.', role: 'status' });
    } catch (failure) {
      setMessage({ text: (failure as Error).message, role: 'alert' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="section" onSubmit={submit}>
      <h2>Change master password</h2>
      <PasswordInput id="current-master" label="Current master password" value={current} onInput={setCurrent} autoComplete="current-password" />
      <PasswordInput id="new-master" label="New master password" value={next} onInput={setNext} autoComplete="new-password" />
      <PasswordInput id="confirm-new-master" label="Confirm new master password" value={confirmation} onInput={setConfirmation} autoComplete="new-password" />
      {message && <p role={message.role} class={message.role === 'alert' ? 'error' : 'hint'}>{message.text}</p>}
      <button type="submit" disabled={busy || !current || !next}>
        Change master password
      </button>
    </form>
  );
}

export function KdfStrength() {
  const [preset, setPreset] = useState<KdfPreset | null>(null);
  const [chosen, setChosen] = useState<KdfPreset>('standard');
  const [current, setCurrent] = useState('');
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void sendRequest('vault.kdf', {}).then(({ preset }) => {
      setPreset(preset);
      if (preset) setChosen(preset);
    });
  }, []);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    try {
      await sendRequest('vault.setKdf', { current, preset: chosen });
      setPreset(chosen);
      setCurrent('');
      setMessage({ text: 'Key derivation strength changed.', role: 'status' });
    } catch (failure) {
      setMessage({ text: (failure as Error).message, role: 'alert' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="section" onSubmit={submit}>
      <h2>Key derivation strength</h2>
      <div class="field">
        <label for="kdf">KDF strength</label>
        <select id="kdf" value={chosen} onChange={(e) => setChosen(e.currentTarget.value as KdfPreset)}>
          {(Object.keys(PRESET_LABELS) as KdfPreset[]).map((name) => (
            <option value={name}>{PRESET_LABELS[name]}</option>
          ))}
        </select>
        {preset === null && <p class="hint">Your vault uses custom parameters.</p>}
      </div>
      <PasswordInput id="kdf-master" label="Master password to confirm" value={current} onInput={setCurrent} autoComplete="current-password" />
      {message && <p role={message.role} class={message.role === 'alert' ? 'error' : 'hint'}>{message.text}</p>}
      <button type="submit" disabled={busy || !current || chosen === preset}>
        Apply strength
      </button>
    </form>
  );
}
