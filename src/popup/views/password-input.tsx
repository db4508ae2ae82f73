import { useState } from 'preact/hooks';

interface Props {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  autoComplete: 'current-password' | 'new-password';
  autoFocus?: boolean;
}

/** A labelled master password field with a show/hide toggle. */
export function PasswordInput({ id, label, value, onInput, autoComplete, autoFocus = false }: Props) {
  const [visible, setVisible] = useState(false);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <div class="with-action">
        <input
          id={id}
          type={(visible ? 'text' : 'password') as 'text'}
          value={value}
          autoComplete={autoComplete}
          autoFocus={autoFocus}
          spellcheck={false}
          onInput={(event) => onInput(event.currentTarget.value)}
        />
        <button
          type="button"
          class="icon"
          aria-label={visible ? `Hide ${label.toLowerCase()}` : `Show ${label.toLowerCase()}`}
          aria-pressed={visible}
          onClick={() => setVisible(!visible)}
        >
          {visible ? '🙈' : '👁'}
        </button>
      </div>
    </div>
  );
}
