import { describe, expect, it } from 'vitest';
import { newItem } from './model';
import type { VaultItem } from './model';
import { buildSearchIndex, normalizeForSearch, queryTerms, searchItems } from './search';

const NOW = 1_700_000_000_000;
const names = (items: VaultItem[]) => items.map((i) => i.name);

describe('normalizeForSearch', () => {
  it('folds case and accents', () => {
    expect(normalizeForSearch('Zoë ÅNGSTRÖM Café')).toBe('zoe angstrom cafe');
    expect(normalizeForSearch('Straße Øresund Łódź ﬁle')).toBe('strasse oresund lodz file');
  });
  it('splits queries into terms', () => {
    expect(queryTerms('  Foo\tBÄR  ')).toEqual(['foo', 'bar']);
    expect(queryTerms('   ')).toEqual([]);
  });
});

describe('searchItems', () => {
  const items: VaultItem[] = [
    newItem('login', { name: 'Microsoft work', username: 'ada@contoso.com', websites: [{ url: 'https://login.microsoftonline.com' }] }, NOW),
    newItem('login', { name: 'GitHub', username: 'ada', password: 'microsoft-secret', websites: [{ url: 'https://github.com/login' }] }, NOW),
    newItem('note', { name: 'Wi-Fi', notes: 'Router at Café Zoë' }, NOW),
    newItem('card', { name: 'Visa', cardholderName: 'Ada Lovelace', number: '4111111111111111' }, NOW),
    newItem('identity', { name: 'Personal', fullName: 'Ada Lovelace', email: 'ada@lovelace.org' }, NOW),
    newItem('login', { name: 'Old mail', notes: 'moved to microsoft' }, NOW),
  ];
  const index = buildSearchIndex(items);

  it('returns everything for an empty query', () => {
    expect(searchItems(index, '  ')).toEqual(items);
  });

  it('searches names, usernames, urls, notes, card holder and identity fields', () => {
    expect(names(searchItems(index, 'github'))).toEqual(['GitHub']);
    expect(names(searchItems(index, 'contoso'))).toEqual(['Microsoft work']);
    expect(names(searchItems(index, 'microsoftonline'))).toEqual(['Microsoft work']);
    expect(names(searchItems(index, 'router'))).toEqual(['Wi-Fi']);
    expect(names(searchItems(index, 'lovelace'))).toEqual(['Visa', 'Personal']);
    expect(names(searchItems(index, 'lovelace.org'))).toEqual(['Personal']);
  });

  it('is case- and accent-insensitive both ways', () => {
    expect(names(searchItems(index, 'CAFE ZOE'))).toEqual(['Wi-Fi']);
    expect(names(searchItems(index, 'GÏTHÜB'))).toEqual(['GitHub']);
  });

  it('requires every word (AND) and does not match across fields', () => {
    expect(names(searchItems(index, 'ada lovelace'))).toEqual(['Visa', 'Personal']);
    expect(names(searchItems(index, 'ada github'))).toEqual(['GitHub']);
    expect(searchItems(index, 'github nonexistent')).toEqual([]);
    // "work ada" only matches because each term is in some field, never "workada".
    expect(searchItems(index, 'workada')).toEqual([]);
  });

  it('never searches secrets', () => {
    expect(names(searchItems(index, 'secret'))).toEqual([]);
    expect(searchItems(index, '4111')).toEqual([]);
  });

  it('ranks name matches first', () => {
    // Name prefix, then the note mention; the password mention is not searched at all.
    expect(names(searchItems(index, 'microsoft'))).toEqual(['Microsoft work', 'Old mail']);
  });

  it('validates input', () => {
    expect(() => searchItems({} as never, 'x')).toThrow(/buildSearchIndex/);
    expect(() => searchItems(index, 5 as never)).toThrow(/query must be a string/);
  });
});

describe('searchItems on 10,000 items', () => {
  const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliett'];
  const items: VaultItem[] = [];
  for (let i = 0; i < 10_000; i++) {
    const a = words[i % 10]!;
    const b = words[Math.floor(i / 10) % 10]!;
    if (i % 4 === 3) {
      items.push(newItem('note', { name: `Note ${i}`, notes: `${a} ${b} Ünïcödé` }, NOW));
    } else {
      items.push(
        newItem(
          'login',
          { name: `Site ${i} ${a}`, username: `user${i}@${b}.example`, websites: [{ url: `https://${b}${i}.example.com/` }] },
          NOW,
        ),
      );
    }
  }
  const index = buildSearchIndex(items);

  it('indexes every item', () => {
    expect(index.entries).toHaveLength(10_000);
    expect(searchItems(index, '')).toHaveLength(10_000);
  });

  it('finds exactly the expected items for single and multi-word queries', () => {
    // "alpha" appears for i % 10 == 0 (name/notes) and for floor(i/10) % 10 == 0 (username/url/notes).
    const expectedAlpha = items.filter((_, i) => i % 10 === 0 || Math.floor(i / 10) % 10 === 0);
    const alpha = searchItems(index, 'ALPHA');
    expect(new Set(alpha)).toEqual(new Set(expectedAlpha));
    expect(alpha).toHaveLength(expectedAlpha.length);

    const expectedBoth = items.filter((_, i) => (i % 10 === 1 && Math.floor(i / 10) % 10 === 2) || (i % 10 === 2 && Math.floor(i / 10) % 10 === 1));
    const both = searchItems(index, 'bravo charlie');
    expect(new Set(both)).toEqual(new Set(expectedBoth));
  });

  it('finds a single item by a unique token', () => {
    expect(searchItems(index, 'user4242@')).toEqual([items[4242]]);
    expect(searchItems(index, 'note 9999')).toEqual([items[9999]]);
    expect(searchItems(index, 'unicode').length).toBe(2500);
  });
});
