import { describe, expect, it } from 'vitest';
import type { ItemSummary } from './protocol';
import { packSummaries, unpackSummaries } from './summary-pack';

describe('summary packing', () => {
  it('round-trips every field', () => {
    const items: ItemSummary[] = [
      { id: 'a', type: 'login', name: 'A', subtitle: 'u', favorite: true, folderId: 'f', hosts: ['a.example'], updated: 5, searchText: 'a u', forCurrentSite: true, hasTotp: true },
      { id: 'b', type: 'note', name: 'B', subtitle: '', favorite: false, folderId: null, hosts: [], updated: 6, searchText: 'b', forCurrentSite: false, hasTotp: false },
    ];
    expect(unpackSummaries(JSON.parse(JSON.stringify(packSummaries(items))))).toEqual(items);
  });
});
