// Item summaries cross from the background to the popup column by column: at
// 10,000 items, one array per field serialises far faster than 10,000 objects
// repeating every key, and that transfer is most of the popup's opening time.
import type { ItemSummary } from './protocol';

export interface PackedSummaries {
  id: string[];
  type: ItemSummary['type'][];
  name: string[];
  subtitle: string[];
  favorite: number[];
  folderId: (string | null)[];
  hosts: string[][];
  updated: number[];
  searchText: string[];
  forCurrentSite: number[];
  hasTotp: number[];
}

export function packSummaries(items: readonly ItemSummary[]): PackedSummaries {
  return {
    id: items.map((item) => item.id),
    type: items.map((item) => item.type),
    name: items.map((item) => item.name),
    subtitle: items.map((item) => item.subtitle),
    favorite: items.map((item) => (item.favorite ? 1 : 0)),
    folderId: items.map((item) => item.folderId),
    hosts: items.map((item) => item.hosts),
    updated: items.map((item) => item.updated),
    searchText: items.map((item) => item.searchText),
    forCurrentSite: items.map((item) => (item.forCurrentSite ? 1 : 0)),
    hasTotp: items.map((item) => (item.hasTotp ? 1 : 0)),
  };
}

export function unpackSummaries(packed: PackedSummaries): ItemSummary[] {
  const items: ItemSummary[] = new Array(packed.id.length);
  for (let i = 0; i < packed.id.length; i++) {
    items[i] = {
      id: packed.id[i]!,
      type: packed.type[i]!,
      name: packed.name[i]!,
      subtitle: packed.subtitle[i]!,
      favorite: packed.favorite[i] === 1,
      folderId: packed.folderId[i] ?? null,
      hosts: packed.hosts[i]!,
      updated: packed.updated[i]!,
      searchText: packed.searchText[i]!,
      forCurrentSite: packed.forCurrentSite[i] === 1,
      hasTotp: packed.hasTotp[i] === 1,
    };
  }
  return items;
}
