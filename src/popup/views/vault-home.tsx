// The unlocked vault: search, the item list, and the views reached from it.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ItemSummary, VaultStatus } from '../../shared/protocol';
import { sendRequest } from '../../shared/messaging';
import { GeneratorView } from './generator-view';
import { HealthView } from './health-view';
import { ItemEditor } from './item-editor';
import { ItemList } from './item-list';
import { normalizeForSearch } from '../../vault/search';
import { ItemView } from './item-view';
import { SettingsView } from './settings-view';

type Screen = { name: 'list' } | { name: 'view'; id: string } | { name: 'edit'; id: string | null } | { name: 'settings' } | { name: 'generator' } | { name: 'health' };

type Sort = 'name' | 'updated';

function matches(item: ItemSummary, words: string[]): boolean {
  return words.every((word) => item.searchText.includes(word));
}

/** This site's logins first, then favorites, then by the chosen order. */
function compare(sort: Sort) {
  return (a: ItemSummary, b: ItemSummary) =>
    Number(b.forCurrentSite) - Number(a.forCurrentSite) ||
    Number(b.favorite) - Number(a.favorite) ||
    (sort === 'updated' ? b.updated - a.updated : a.name.localeCompare(b.name));
}

export function VaultHome({ notice, onLocked }: { notice: string | null; onLocked: (status: VaultStatus) => void }) {
  const [items, setItems] = useState<ItemSummary[] | null>(null);
  const [folders, setFolders] = useState<{ id: string; name: string }[]>([]);
  const [folder, setFolder] = useState<string>('all');
  const [query, setQuery] = useState('');
  const [screen, setScreen] = useState<Screen>({ name: 'list' });
  const [error, setError] = useState<string | null>(null);

  const reload = () =>
    sendRequest('items.list', {})
      .then(({ items, folders }) => {
        setItems(items);
        setFolders(folders);
      })
      .catch((failure: Error) => setError(failure.message));
  useEffect(() => void reload(), []);

  const [sort, setSort] = useState<Sort>('name');
  const [selected, setSelected] = useState(0);
  const sorted = useMemo(() => {
    const inFolder = (items ?? []).filter((item) =>
      folder === 'all' ? true : folder === 'favorites' ? item.favorite : folder === 'none' ? item.folderId === null : item.folderId === folder,
    );
    return inFolder.sort(compare(sort));
  }, [items, sort, folder]);
  const visible = useMemo(() => {
    const words = normalizeForSearch(query).split(/\s+/).filter(Boolean);
    return words.length === 0 ? sorted : sorted.filter((item) => matches(item, words));
  }, [sorted, query]);
  useEffect(() => setSelected(0), [query, sort]);
  // For `npm run bench`: when the list first shows.
  useEffect(() => {
    if (items && performance.getEntriesByName('latchkey:list-rendered').length === 0) performance.mark('latchkey:list-rendered');
  }, [items]);

  const lock = async () => onLocked(await sendRequest('vault.lock', {}));
  const back = () => {
    setScreen({ name: 'list' });
    void reload();
  };

  if (screen.name === 'edit') return <ItemEditor id={screen.id} onDone={back} />;
  if (screen.name === 'view') return <ItemView id={screen.id} onEdit={() => setScreen({ name: 'edit', id: screen.id })} onBack={back} />;
  if (screen.name === 'settings') return <SettingsView onBack={back} />;
  if (screen.name === 'generator') return <GeneratorView onBack={back} />;
  if (screen.name === 'health') return <HealthView onBack={back} onOpen={(id) => setScreen({ name: 'view', id })} />;

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
          onKeyDown={(event) => {
            // The list is reachable from the search box: arrows move, Enter opens.
            if (event.key === 'ArrowDown') setSelected(Math.min(visible.length - 1, selected + 1));
            else if (event.key === 'ArrowUp') setSelected(Math.max(0, selected - 1));
            else if (event.key === 'Enter' && visible[selected]) setScreen({ name: 'view', id: visible[selected]!.id });
            else return;
            event.preventDefault();
          }}
        />

        <button type="button" onClick={() => setScreen({ name: 'edit', id: null })}>
          Add item
        </button>
      </header>
      <div class="toolbar filters">
        <select aria-label="Folder" value={folder} onChange={(event) => setFolder(event.currentTarget.value)}>
          <option value="all">All items</option>
          <option value="favorites">Favorites</option>
          {folders.map((entry) => (
            <option value={entry.id}>{entry.name}</option>
          ))}
          <option value="none">No folder</option>
        </select>
        <select aria-label="Sort" value={sort} onChange={(event) => setSort(event.currentTarget.value as Sort)}>
          <option value="name">A–Z</option>
          <option value="updated">Recent</option>
        </select>
      </div>
      {notice && <p role="alert" class="notice">{notice}</p>}
      {error && <p role="alert" class="error">{error}</p>}
      {items === null ? (
        <p class="loading">Loading…</p>
      ) : visible.length === 0 ? (
        <p class="empty">{items.length === 0 ? 'Your vault is empty. Add your first item.' : 'Nothing matches your search.'}</p>
      ) : (
        <ItemList items={visible} selected={selected} onSelect={setSelected} onOpen={(id) => setScreen({ name: 'view', id })} />
      )}
      <footer class="toolbar">
        <button type="button" onClick={() => setScreen({ name: 'generator' })}>
          Generator
        </button>
        <button type="button" onClick={() => setScreen({ name: 'settings' })}>
          Settings
        </button>
        <button type="button" onClick={() => setScreen({ name: 'health' })}>
          Health
        </button>
        <button type="button" onClick={lock}>
          Lock
        </button>
      </footer>
    </div>
  );
}
