// What the item list needs to show, without secrets: the popup asks for a full
// item only when one is opened.
import type { ItemSummary } from '../shared/protocol';
import type { LoginItem, VaultData, VaultItem } from '../vault/model';
import { matchingLogins } from './autofill/site-match';
import { packSummaries, type PackedSummaries } from '../shared/summary-pack';
import { itemExtraSearchText } from '../vault/search';

function hostOf(url: string): string | null {
  try {
    return new URL(url.includes('://') ? url : `https://${url}`).hostname || null;
  } catch {
    return null;
  }
}

function subtitleOf(item: VaultItem): string {
  switch (item.type) {
    case 'login':
      return item.username;
    case 'card':
      return item.number ? `•••• ${item.number.replace(/\s+/g, '').slice(-4)}` : item.cardholderName;
    case 'identity':
      return item.email || item.fullName;
    case 'passkey':
      return item.userName;
    case 'note':
      return '';
  }
}

export function summarize(item: VaultItem, forCurrentSite = false): ItemSummary {
  const hosts =
    item.type === 'login'
      ? item.websites.map((site) => hostOf(site.url)).filter((host): host is string => host !== null)
      : item.type === 'passkey'
        ? [item.rpId]
        : [];
  return {
    id: item.id,
    type: item.type,
    name: item.name,
    subtitle: subtitleOf(item),
    favorite: item.favorite,
    folderId: item.folderId,
    hosts,
    updated: item.updated,
    searchText: itemExtraSearchText(item),
    forCurrentSite,
    hasTotp: item.type === 'login' && item.totp !== '',
  };
}

const byName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** The popup's default order; the popup sorts the full list the same way. */
export const DEFAULT_ORDER = (a: ItemSummary, b: ItemSummary) =>
  Number(b.forCurrentSite) - Number(a.forCurrentSite) || Number(b.favorite) - Number(a.favorite) || byName.compare(a.name, b.name);

/**
 * Summaries of a vault, kept until the vault changes (every save makes a new
 * VaultData), so opening the popup over 10,000 items does not redo them.
 */
export class SummaryCache {
  private forData: VaultData | null = null;
  private base: ItemSummary[] = [];
  private site: { url: string; list: ItemSummary[] } | null = null;
  private packedFor: { list: ItemSummary[]; packed: PackedSummaries } | null = null;
  private sortedFor: { list: ItemSummary[]; sorted: ItemSummary[] } | null = null;

  /** The first `count` items in the list's default order: this site's logins, favorites, then by name. */
  firstPacked(data: VaultData, url: string | null, count: number): PackedSummaries {
    const list = this.of(data, url);
    if (this.sortedFor?.list !== list) this.sortedFor = { list, sorted: [...list].sort(DEFAULT_ORDER) };
    return packSummaries(this.sortedFor.sorted.slice(0, count));
  }

  /** The same, packed for the trip to the popup (and kept while nothing changed). */
  packed(data: VaultData, url: string | null): PackedSummaries {
    const list = this.of(data, url);
    if (this.packedFor?.list !== list) this.packedFor = { list, packed: packSummaries(list) };
    return this.packedFor.packed;
  }

  of(data: VaultData, url: string | null): ItemSummary[] {
    if (this.forData !== data) {
      this.forData = data;
      this.base = data.items.map((item) => summarize(item));
      this.site = null;
    }
    if (!url) return this.base;
    if (this.site?.url !== url) {
      const logins = data.items.filter((item): item is LoginItem => item.type === 'login');
      const ids = new Set(matchingLogins(logins, url).map((item) => item.id));
      const list = ids.size === 0 ? this.base : this.base.map((summary) => (ids.has(summary.id) ? { ...summary, forCurrentSite: true } : summary));
      this.site = { url, list };
    }
    return this.site.list;
  }
}
