import { useEffect, useState } from 'preact/hooks';
import type { VaultItem } from '../../vault/model';
import { sendRequest } from '../../shared/messaging';
import { FIELDS, TYPE_LABELS, fromFormValues, toFormValues, type ItemType } from './item-fields';
import { StrengthMeter } from './strength-meter';

export function ItemEditor({ id, onDone }: { id: string | null; onDone: () => void }) {
  const [existing, setExisting] = useState<VaultItem | null>(null);
  const [type, setType] = useState<Exclude<ItemType, 'passkey'>>('login');
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [folders, setFolders] = useState<{ id: string; name: string }[]>([]);
  const [folderId, setFolderId] = useState<string>('');
  const [newFolder, setNewFolder] = useState('');

  useEffect(() => {
    void sendRequest('items.list', { first: 1 }).then(({ folders }) => setFolders(folders));
  }, []);

  useEffect(() => {
    if (!id) return;
    sendRequest('items.get', { id })
      .then(({ item }) => {
        const loaded = item as VaultItem;
        setExisting(loaded);
        if (loaded.type !== 'passkey') setType(loaded.type);
        setFolderId(loaded.folderId ?? '');
        setValues(toFormValues(loaded));
      })
      .catch((failure: Error) => setError(failure.message));
  }, [id]);

  const set = (key: string) => (event: Event) =>
    setValues({ ...values, [key]: (event.currentTarget as HTMLInputElement).value });

  async function save(event: Event) {
    event.preventDefault();
    if (!values.name?.trim()) return setError('Give the item a name.');
    try {
      let folder = folderId || null;
      if (newFolder.trim()) folder = (await sendRequest('folders.create', { name: newFolder.trim() })).id;
      await sendRequest('items.save', { item: { ...(id ? { id } : { type }), ...fromFormValues(type, values, existing), folderId: folder } });
      onDone();
    } catch (failure) {
      setError((failure as Error).message);
    }
  }

  async function remove() {
    if (!id) return;
    try {
      await sendRequest('items.delete', { ids: [id] });
      onDone();
    } catch (failure) {
      setError((failure as Error).message);
    }
  }

  // Editing starts once the item is loaded, so nothing typed is overwritten by its arrival.
  if (id && !existing) return <p class="loading">{error ?? 'Loading…'}</p>;
  return (
    <form class="screen editor" onSubmit={save}>
      <header class="toolbar">
        <button type="button" onClick={onDone}>Back</button>
        <h1>{id ? 'Edit item' : 'New item'}</h1>
      </header>
      <div class="field">
        <label for="type">Type</label>
        <select id="type" value={type} disabled={id !== null} onChange={(e) => setType(e.currentTarget.value as typeof type)}>
          {Object.entries(TYPE_LABELS).map(([value, label]) => (
            <option value={value}>{label}</option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="name">Name</label>
        <input id="name" value={values.name ?? ''} onInput={set('name')} autoFocus />
      </div>
      {FIELDS[type].map((field) => (
        <div class="field" key={field.key}>
          <label for={field.key}>{field.label}</label>
          {field.multiline ? (
            <textarea id={field.key} value={values[field.key] ?? ''} onInput={set(field.key)} />
          ) : (
            <input id={field.key} type={(field.secret ? 'password' : 'text') as 'text'} autoComplete="off" spellcheck={false} value={values[field.key] ?? ''} onInput={set(field.key)} />
          )}
          {field.key === 'password' && <StrengthMeter password={values.password ?? ''} hints={[values.username ?? '', values.name ?? '']} />}
        </div>
      ))}
      <div class="field">
        <label for="folder">Folder</label>
        <select id="folder" value={folderId} onChange={(e) => setFolderId(e.currentTarget.value)}>
          <option value="">No folder</option>
          {folders.map((entry) => (
            <option value={entry.id}>{entry.name}</option>
          ))}
        </select>
        <input aria-label="New folder" placeholder="…or a new folder" value={newFolder} onInput={(e) => setNewFolder(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="notes">Notes</label>
        <textarea id="notes" value={values.notes ?? ''} onInput={set('notes')} />
      </div>
      {error && <p role="alert" class="error">{error}</p>}
      <footer class="toolbar">
        <button type="submit" class="primary">Save</button>
        {id && (
          <button type="button" class="danger" onClick={() => setConfirmDelete(true)}>
            Delete
          </button>
        )}
      </footer>
      {confirmDelete && (
        <div role="dialog" aria-modal="true" aria-labelledby="confirm-title" class="dialog">
          <p id="confirm-title">Delete “{values.name}”? This cannot be undone.</p>
          <button type="button" class="danger" onClick={remove}>Delete</button>
          <button type="button" onClick={() => setConfirmDelete(false)} autoFocus>Cancel</button>
        </div>
      )}
    </form>
  );
}
