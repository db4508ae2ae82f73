// In-memory item search for the popup. Work is front-loaded: each item gets a
// normalised "haystack" once, so a query is just a few substring scans per
// item (10,000 items stay well under a millisecond or two per keystroke).

import type { VaultItem } from './model';

interface IndexedItem {
  readonly item: VaultItem;
  /** Normalised searchable text, fields separated by newlines. */
  readonly haystack: string;
  /** Normalised name, used for ranking. */
  readonly name: string;
}

export interface SearchIndex {
  readonly entries: readonly IndexedItem[];
}

// Letters that Unicode decomposition does not split into base + accent.
const EXTRA_FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const EXTRA_FOLD_PATTERN = /[ßæœøłđðþı]/g;

/** Lowercases and strips accents: "Zoë Ångström" -> "zoe angstrom". */
export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(EXTRA_FOLD_PATTERN, (ch) => EXTRA_FOLDS[ch] ?? ch);
}

/** One normalised string of an item's searchable fields, for list filtering in the popup. */
export function itemSearchText(item: VaultItem): string {
  return normalizeForSearch(searchableFields(item).join(' ').slice(0, 600));
}

/**
 * What the popup's list needs beyond what it already shows (name, subtitle, hosts):
 * the notes and full website addresses, normalised. Kept short: it travels with every item.
 */
export function itemExtraSearchText(item: VaultItem): string {
  const extra = [item.notes.slice(0, 300)];
  if (item.type === 'login') extra.push(...item.websites.map((site) => site.url));
  if (item.type === 'identity') extra.push(item.fullName);
  return normalizeForSearch(extra.join(' ').trim());
}

/** The fields a user would type to find an item. Secrets (passwords, card numbers) are deliberately absent. */
function searchableFields(item: VaultItem): string[] {
  const fields = [item.name, item.notes];
  switch (item.type) {
    case 'login':
      fields.push(item.username);
      for (const site of item.websites) fields.push(site.url);
      break;
    case 'card':
      fields.push(item.cardholderName, item.brand);
      break;
    case 'identity':
      fields.push(item.fullName, item.email);
      break;
    case 'passkey':
      fields.push(item.rpId, item.rpName, item.userName, item.userDisplayName);
      break;
    case 'note':
      break;
  }
  return fields;
}

export function buildSearchIndex(items: readonly VaultItem[]): SearchIndex {
  if (!Array.isArray(items)) throw new TypeError('buildSearchIndex: items must be an array');
  const entries = items.map((item) => ({
    item,
    // Newline cannot occur in a query term (terms split on whitespace), so a
    // term never matches across two fields.
    haystack: normalizeForSearch(searchableFields(item).join('\n')),
    name: normalizeForSearch(item.name),
  }));
  return { entries };
}

/** Splits a query into normalised, non-empty terms. */
export function queryTerms(query: string): string[] {
  return normalizeForSearch(query).split(/\s+/).filter((term) => term !== '');
}

/**
 * Items containing every query term (AND), case- and accent-insensitive.
 * Ranked in three stable tiers: name starts with the first term, name holds
 * every term, anything else. An empty query returns all items in order.
 */
export function searchItems(index: SearchIndex, query: string): VaultItem[] {
  if (typeof index !== 'object' || index === null || !Array.isArray(index.entries)) {
    throw new TypeError('searchItems: index must come from buildSearchIndex');
  }
  if (typeof query !== 'string') throw new TypeError('searchItems: query must be a string');
  const terms = queryTerms(query);
  if (terms.length === 0) return index.entries.map((entry) => entry.item);

  const first = terms[0]!;
  const namePrefix: VaultItem[] = [];
  const nameMatch: VaultItem[] = [];
  const otherMatch: VaultItem[] = [];
  for (const entry of index.entries) {
    if (!terms.every((term) => entry.haystack.includes(term))) continue;
    if (entry.name.startsWith(first)) namePrefix.push(entry.item);
    else if (terms.every((term) => entry.name.includes(term))) nameMatch.push(entry.item);
    else otherMatch.push(entry.item);
  }
  return namePrefix.concat(nameMatch, otherMatch);
}
