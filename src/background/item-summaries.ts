// What the item list needs to show, without secrets: the popup asks for a full
// item only when one is opened.
import type { ItemSummary } from '../shared/protocol';
import type { VaultItem } from '../vault/model';
import { itemSearchText } from '../vault/search';

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
    searchText: itemSearchText(item),
    forCurrentSite,
    hasTotp: item.type === 'login' && item.totp !== '',
  };
}
