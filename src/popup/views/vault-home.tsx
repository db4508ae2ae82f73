// The unlocked vault: search, the item list, and the views reached from it.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ItemSummary, VaultStatus } from '../../shared/protocol';
import { sendRequest } from '../../shared/messaging';
import { ItemEditor } from './item-editor';
import { ItemView } from './item-view';
import { SettingsView } from './settings-view';

type Screen = { name: 'list' } | { name: 'view'; id: string } | { name: 'edit'; id: string | null } | { name: 'settings' };

function matches(item: ItemSummary, words: string[]): boolean {
  const haystack = `${item.name} ${item.subtitle} ${item.hosts.join(' ')}`.toLowerCase();
  return words.every((word) => haystack.includes(word));
}

export function VaultHome({ notice, onLocked }: { notice: string | null; onLocked: (status: VaultStatus) => void }) {
  const [items, setItems] = useState<ItemSummary[] | null>(null);
  const [query, setQuery] = useState('');
  const [screen, setScreen] = useState<Screen>({ name: 'list' });
  const [error, setError] = useState<string | null>(null);

  const reload = () =>
    sendRequest('items.list', {})
      .then(({ items }) => setItems(items))
      .catch((failure: Error) => setError(failure.message));
  useEffect(() => void reload(), []);

  const visible = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const found = (items ?? []).filter((item) => matches(item, words));
    return found.sort((a, b) => Number(b.favorite) - Number(a.favorite) || a.name.localeCompare(b.name));
  }, [items, query]);

  const lock = async () => onLocked(await sendRequest('vault.lock', {}));
  const back = () => {
    setScreen({ name: 'list' });
    void reload();
  };

  if (screen.name === 'edit') return <ItemEditor id={screen.id} onDone={back} />;
  if (screen.name === 'view') return <ItemView id={screen.id} onEdit={() => setScreen({ name: 'edit', id: screen.id })} onBack={back} />;
  if (screen.name === 'settings') return <SettingsView onBack={back} />;

  return (
    <div class="screen">
      <header class="toolbar">
        <input
          type="search"
          aria-label="Search vault"
          placeholder="Search vault"
          value={query}
          autoFocus
          onInput={(event) => setQuery(event.currentTarget.value)}
        />
        <button type="button" onClick={() => setScreen({ name: 'edit', id: null })}>
          Add item
        </button>
      </header>
      {notice && <p role="alert" class="notice">{notice}</p>}
      {error && <p role="alert" class="error">{error}</p>}
      {items === null ? (
        <p class="loading">Loading…</p>
      ) : visible.length === 0 ? (
        <p class="empty">{items.length === 0 ? 'Your vault is empty. Add your first item.' : 'Nothing matches your search.'}</p>
      ) : (
        <ul class="items" aria-label="Items">
          {visible.map((item) => (
            <li key={item.id}>
              <button type="button" class="item" onClick={() => setScreen({ name: 'view', id: item.id })}>
                <span class="item-name">{item.favorite ? '★ ' : ''}{item.name}</span>
                <span class="item-sub">{item.subtitle}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <footer class="toolbar">
        <button type="button" disabled title="The generator arrives with the generator work">
          Generator
        </button>
        <button type="button" onClick={() => setScreen({ name: 'settings' })}>
          Settings
        </button>
        <button type="button" onClick={lock}>
          Lock
        </button>
      </footer>
    </div>
  );
}
