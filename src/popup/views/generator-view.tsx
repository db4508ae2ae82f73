// The generator in the popup: passwords or passphrases, with their strength in
// bits, and the history of generated passwords kept in the vault.
import { useEffect, useState } from 'preact/hooks';
import { generatePassphrase, passphraseEntropyBits } from '../../generator/passphrase';
import { generatePassword, passwordEntropyBits } from '../../generator/password';
import { DEFAULT_PASSWORD_OPTIONS, type PasswordOptions } from '../../generator/password-options';
import { sendRequest } from '../../shared/messaging';
import { copySecret } from '../clipboard';

type Mode = 'password' | 'passphrase';

export function GeneratorView({ onBack }: { onBack: () => void }) {
  const [mode, setMode] = useState<Mode>('password');
  const [options, setOptions] = useState<PasswordOptions>({ ...DEFAULT_PASSWORD_OPTIONS });
  const [words, setWords] = useState(5);
  const [value, setValue] = useState('');
  const [message, setMessage] = useState<{ text: string; role: 'status' | 'alert' } | null>(null);
  const [history, setHistory] = useState<{ password: string; created: number; site: string }[]>([]);

  const regenerate = async () => {
    try {
      setValue(mode === 'password' ? generatePassword(options) : await generatePassphrase({ words, separator: '-', capitalize: true, includeNumber: true }));
      setMessage(null);
    } catch (failure) {
      setMessage({ text: (failure as Error).message, role: 'alert' });
    }
  };
  // eslint-disable-next-line react-hooks/exhaustive-deps -- regenerate is new each render; these are the state it reads
  useEffect(() => void regenerate(), [mode, options, words]);
  useEffect(() => {
    void sendRequest('generator.history', {}).then(({ entries }) => setHistory(entries));
  }, []);

  const copy = async () => {
    await copySecret(value);
    // Copied passwords are kept, encrypted, so one used on a site is never lost.
    await sendRequest('generator.remember', { password: value, site: '' });
    setHistory([{ password: value, created: Date.now(), site: '' }, ...history]);
    setMessage({ text: 'Copied', role: 'status' });
  };

  const bits = mode === 'password' ? passwordEntropyBits(options) : passphraseEntropyBits({ words, includeNumber: true });
  const toggle = (key: 'lower' | 'upper' | 'digits' | 'symbols' | 'avoidAmbiguous', label: string) => (
    <label class="check">
      <input type="checkbox" checked={options[key]} onChange={(e) => setOptions({ ...options, [key]: e.currentTarget.checked })} />
      {label}
    </label>
  );

  return (
    <div class="screen">
      <header class="toolbar">
        <button type="button" onClick={onBack}>Back</button>
        <h1>Generator</h1>
      </header>
      <div class="field">
        <label for="generated">Generated password</label>
        <input id="generated" class="secret" readOnly value={value} spellcheck={false} />
      </div>
      <p class="hint">About {Math.floor(bits)} bits of entropy</p>
      <div class="toolbar">
        <button type="button" onClick={() => void regenerate()}>Regenerate</button>
        <button type="button" class="primary" onClick={() => void copy()} disabled={!value}>Copy</button>
      </div>
      <fieldset class="section">
        <legend>Kind</legend>
        <label class="check"><input type="radio" name="mode" checked={mode === 'password'} onChange={() => setMode('password')} /> Password</label>
        <label class="check"><input type="radio" name="mode" checked={mode === 'passphrase'} onChange={() => setMode('passphrase')} /> Passphrase</label>
      </fieldset>
      {mode === 'password' ? (
        <>
          <div class="field">
            <label for="length">Length</label>
            <input id="length" type="range" min={8} max={128} value={options.length} onInput={(e) => setOptions({ ...options, length: Number(e.currentTarget.value) })} />
            <span class="hint">{options.length} characters</span>
          </div>
          {toggle('lower', 'Lowercase (a–z)')}
          {toggle('upper', 'Uppercase (A–Z)')}
          {toggle('digits', 'Digits (0–9)')}
          {toggle('symbols', 'Symbols (!@#…)')}
          {toggle('avoidAmbiguous', 'Avoid ambiguous characters (l, 1, O, 0…)')}
        </>
      ) : (
        <div class="field">
          <label for="words">Words</label>
          <input id="words" type="number" min={3} max={20} value={words} onInput={(e) => setWords(Math.min(20, Math.max(3, Number(e.currentTarget.value) || 3)))} />
        </div>
      )}
      {message && <p role={message.role} class={message.role === 'alert' ? 'error' : 'hint'}>{message.text}</p>}
      {history.length > 0 && (
        <details>
          <summary>Generator history ({history.length})</summary>
          <ul class="history">
            {history.slice(0, 20).map((entry) => (
              <li key={`${entry.created}-${entry.password.length}`}>
                <span class="secret">{entry.password}</span> <span class="hint">{entry.site || 'popup'} · {new Date(entry.created).toLocaleString()}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
