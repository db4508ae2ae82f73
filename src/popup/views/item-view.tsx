import { useEffect, useState } from 'preact/hooks';
import type { VaultItem } from '../../vault/model';
import { sendRequest } from '../../shared/messaging';
import { FIELDS, TYPE_LABELS, toFormValues } from './item-fields';
import { copySecret } from '../clipboard';
import { TotpCode } from './totp-code';

export function ItemView({ id, onEdit, onBack }: { id: string; onEdit: () => void; onBack: () => void }) {
  const [item, setItem] = useState<VaultItem | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [revealed, setRevealed] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    sendRequest('items.get', { id })
      .then(({ item }) => setItem(item as VaultItem))
      .catch((failure: Error) => setMessage(failure.message));
  }, [id]);

  if (!item) return <p class="loading">{message ?? 'Loading…'}</p>;
  const values = toFormValues(item);
  const fields = item.type === 'passkey' ? [] : FIELDS[item.type];

  const toggle = (key: string) => {
    const next = new Set(revealed);
    if (!next.delete(key)) next.add(key);
    setRevealed(next);
  };
  const remove = async () => {
    try {
      await sendRequest('items.delete', { ids: [id] });
      onBack();
    } catch (failure) {
      setMessage((failure as Error).message);
    }
  };
  const toggleFavorite = async () => {
    try {
      await sendRequest('items.save', { item: { id, favorite: !item.favorite } });
      setItem({ ...item, favorite: !item.favorite });
    } catch (failure) {
      setMessage((failure as Error).message);
    }
  };
  const fillPage = async () => {
    try {
      await sendRequest('items.fill', { id });
      setMessage('Filled');
    } catch (failure) {
      setMessage((failure as Error).message);
    }
  };
  const copy = async (label: string, value: string) => {
    await copySecret(value);
    setMessage(`${label} copied`);
  };

  return (
    <div class="screen">
      <header class="toolbar">
        <button type="button" onClick={onBack}>Back</button>
        <h1>{item.name}</h1>
        {item.type === 'login' && (
          <button type="button" onClick={() => void fillPage()}>
            Fill
          </button>
        )}
        {item.type !== 'passkey' && <button type="button" onClick={onEdit}>Edit</button>}
        <button type="button" aria-pressed={item.favorite} onClick={() => void toggleFavorite()}>
          {item.favorite ? '★ Favorite' : '☆ Favorite'}
        </button>
      </header>
      <p class="hint">{item.type === 'passkey' ? 'Passkey' : TYPE_LABELS[item.type]}</p>
      <dl class="details">
        {item.type === 'login' && item.totp && (
          <div>
            <dt>One-time code</dt>
            <dd>
              <TotpCode secret={item.totp} />
            </dd>
          </div>
        )}
        {fields
          .filter((field) => values[field.key] && field.key !== 'totp')
          .map((field) => (
            <div key={field.key}>
              <dt>{field.label}</dt>
              <dd>
                <span class={field.secret ? 'secret' : ''}>{field.secret && !revealed.has(field.key) ? '••••••••' : values[field.key]}</span>
                {field.secret && (
                  <button type="button" onClick={() => toggle(field.key)}>
                    {revealed.has(field.key) ? `Hide ${field.label.toLowerCase()}` : `Show ${field.label.toLowerCase()}`}
                  </button>
                )}
                {(field.key === 'username' || field.key === 'password') && (
                  <button type="button" onClick={() => copy(field.label, values[field.key]!)}>
                    Copy {field.label.toLowerCase()}
                  </button>
                )}
              </dd>
            </div>
          ))}
        {item.notes && (
          <div>
            <dt>Notes</dt>
            <dd class="notes">{item.notes}</dd>
          </div>
        )}
      </dl>
      {item.type === 'login' && item.passwordHistory.length > 0 && (
        <details>
          <summary>Password history ({item.passwordHistory.length})</summary>
          <ul>
            {item.passwordHistory.map((entry) => (
              <li key={entry.changed}>
                <span class="secret">••••••••</span> until {new Date(entry.changed).toLocaleString()}
              </li>
            ))}
          </ul>
        </details>
      )}
      {item.type === 'passkey' && (
        <dl class="details">
          <div><dt>Site</dt><dd>{item.rpId}</dd></div>
          <div><dt>User</dt><dd>{item.userName}</dd></div>
        </dl>
      )}
      {message && <p role="status">{message}</p>}
      {item.type === 'passkey' && (
        <button type="button" class="danger" onClick={() => setConfirmDelete(true)}>
          Delete
        </button>
      )}
      {confirmDelete && (
        <div role="dialog" aria-modal="true" aria-labelledby="confirm-title" class="dialog">
          <p id="confirm-title">Delete the passkey for {item.type === 'passkey' ? item.rpId : item.name}? You will no longer be able to sign in with it.</p>
          <button type="button" class="danger" onClick={() => void remove()}>Delete</button>
          <button type="button" onClick={() => setConfirmDelete(false)} autoFocus>Cancel</button>
        </div>
      )}
    </div>
  );
}
