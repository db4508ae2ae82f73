// The unlocked vault: search, the item list, and the views reached from it.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AnswerOf, ItemSummary, VaultStatus } from '../../shared/protocol';
import { sendRequest } from '../../shared/messaging';
import { GeneratorView } from './generator-view';
import { HealthView } from './health-view';
import { ItemEditor } from './item-editor';
import { FIRST_PAGE, takePrefetchedLists } from '../prefetch';
import { unpackSummaries } from '../../shared/summary-pack';
import { ItemList } from './item-list';
import { normalizeForSearch } from '../../vault/search';
import { ItemView } from './item-view';
import { SettingsView } from './settings-view';

type Screen = { name: 'list' } | { name: 'view'; id: string } | { name: 'edit'; id: string | null } | { name: 'settings' } | { name: 'generator' } | { name: 'health' };

type Sort = 'name' | 'updated';

// The text searched per item, built on the first search rather than at opening.
const haystacks = new WeakMap<ItemSummary, string>();
function haystackOf(item: ItemSummary): string {
  let text = haystacks.get(item);
  if (text === undefined) {
    text = `${normalizeForSearch(`${item.name} ${item.subtitle} ${item.hosts.join(' ')}`)} ${item.searchText}`;
    haystacks.set(item, text);
  }
  return text;
}

function matches(item: ItemSummary, words: string[]): boolean {
  const haystack = haystackOf(item);
  return words.every((word) => haystack.includes(word));
}

const byName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** This site's logins first, then favorites, then by the chosen order (as the background's first page). */
function compare(sort: Sort) {
  return (a: ItemSummary, b: ItemSummary) =>
    Number(b.forCurrentSite) - Number(a.forCurrentSite) ||
    Number(b.favorite) - Number(a.favorite) ||
    (sort === 'updated' ? b.updated - a.updated : byName.compare(a.name, b.name));
}

export function VaultHome({ notice, onLocked }: { notice: string | null; onLocked: (status: VaultStatus) => void }) {
  const [items, setItems] = useState<ItemSummary[] | null>(null);
  const [folders, setFolders] = useState<{ id: string; name: string }[]>([]);
  const [folder, setFolder] = useState<string>('all');
  const [query, setQuery] = useState('');
  const [screen, setScreen] = useState<Screen>({ name: 'list' });
  const [error, setError] = useState<string | null>(null);

  // Only the latest load may fill the list: an older answer arriving late is stale.
  const loads = useRef(0);
  const reload = async () => {
    const load = ++loads.current;
    const show = ({ items, folders }: AnswerOf<'items.list'>) => {
      if (load !== loads.current) return;
      setItems(unpackSummaries(items));
      setFolders(folders);
    };
    const fail = (failure: Error) => load === loads.current && setError(failure.message);
    const prefetched = takePrefetchedLists();
    if (!prefetched) return sendRequest('items.list', {}).then(show).catch(fail);
    // The first screen shows as soon as it arrives; the whole list replaces it right after.
    let complete = false;
    void prefetched.firstPage.then((page) => {
      if (page && !complete && page.total > FIRST_PAGE) show(page);
    });
    const list = (await prefetched.full) ?? (await sendRequest('items.list', {}).catch(() => null));
    complete = true;
    if (list) show(list);
    else fail(new Error('Latchkey could not load your items.'));
  };
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
