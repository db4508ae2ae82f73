import { describe, expect, it } from 'vitest';
import { emptyVaultData, newItem, updateItem, validateVaultData, type LoginItem } from '../model';
import { mergeContent, recordDeletions, syncContentOf, type SyncContent } from './merge';

const T = 1_700_000_000_000;
const content = (partial: Partial<SyncContent> = {}): SyncContent => ({ items: [], folders: [], tombstones: [], ...partial });

describe('mergeContent', () => {
  it('keeps the union of items added on each side', () => {
    const a = newItem('login', { name: 'a' }, T);
    const b = newItem('note', { name: 'b' }, T);
    const result = mergeContent(content({ items: [a] }), content({ items: [b] }), { now: T });
    expect(result.content.items).toEqual([a, b]);
    expect(result.counts).toEqual({ added: 1, changed: 0, removed: 0, differing: 0 });
    expect(result.remoteChanged).toBe(true);
    expect(result.localChanged).toBe(true);
  });

  it('the newer edit wins and the other password goes to the history', () => {
    const base = newItem('login', { name: 'mail', password: 'p0' }, T);
    const mine = updateItem(base, { password: 'mine' }, T + 10);
    const theirs = updateItem(base, { password: 'theirs', notes: 'n' }, T + 20);
    const one = mergeContent(content({ items: [mine] }), content({ items: [theirs] }), { now: T + 30 });
    const other = mergeContent(content({ items: [theirs] }), content({ items: [mine] }), { now: T + 30 });
    const merged = one.content.items[0] as LoginItem;
    expect(merged).toMatchObject({ password: 'theirs', notes: 'n', revision: 2, updated: T + 20 });
    expect(merged.passwordHistory).toEqual([
      { password: 'p0', changed: T + 20 },
      { password: 'mine', changed: T + 10 },
    ]);
    expect(other.content).toEqual(one.content);
    expect(one.counts.differing).toBe(1);
  });

  it('a tombstone wins over older edits, not over a later one', () => {
    const item = newItem('login', { name: 'x', password: 'p' }, T);
    const older = mergeContent(content({ items: [item] }), content({ tombstones: [{ id: item.id, deleted: T + 5 }] }), { now: T + 10 });
    expect(older.content.items).toEqual([]);
    expect(older.content.tombstones).toEqual([{ id: item.id, deleted: T + 5 }]);
    expect(older.counts.removed).toBe(1);
    const edited = updateItem(item, { password: 'later' }, T + 9);
    const later = mergeContent(content({ items: [edited] }), content({ tombstones: [{ id: item.id, deleted: T + 5 }] }), { now: T + 10 });
    expect(later.content.items).toEqual([edited]);
    expect(later.content.tombstones).toEqual([]);
  });

  it('forgets tombstones after the retention period', () => {
    const id = crypto.randomUUID();
    const result = mergeContent(content({ tombstones: [{ id, deleted: T }] }), content(), { now: T + 91 * 86_400_000 });
    expect(result.content.tombstones).toEqual([]);
  });

  it('removes deleted folders and moves their items to no folder', () => {
    const folder = { id: crypto.randomUUID(), name: 'Work' };
    const item = newItem('note', { name: 'n', folderId: folder.id }, T);
    const result = mergeContent(content({ items: [item], folders: [folder] }), content({ tombstones: [{ id: folder.id, deleted: T + 1 }] }), { now: T + 2 });
    expect(result.content.folders).toEqual([]);
    expect(result.content.items[0]!.folderId).toBeNull();
  });

  it('says when nothing changes on either side, and is idempotent', () => {
    const a = newItem('login', { name: 'a', password: 'x' }, T);
    const same = mergeContent(content({ items: [a] }), content({ items: [structuredClone(a)] }), { now: T });
    expect(same.remoteChanged).toBe(false);
    expect(same.localChanged).toBe(false);
    expect(mergeContent(same.content, same.content, { now: T }).content).toEqual(same.content);
  });
});

describe('recordDeletions', () => {
  it('leaves a tombstone for each deleted item and folder, and removes it when the id is back', () => {
    const before = emptyVaultData();
    const folder = { id: crypto.randomUUID(), name: 'F' };
    const item = newItem('note', { name: 'n' }, T);
    before.items.push(item);
    before.folders.push(folder);
    const after = structuredClone(before);
    after.items = [];
    after.folders = [];
    recordDeletions(before, after, T + 1);
    expect(after.tombstones).toEqual([
      { id: item.id, deleted: T + 1 },
      { id: folder.id, deleted: T + 1 },
    ]);
    expect(validateVaultData(after).tombstones).toHaveLength(2);
    const restored = structuredClone(after);
    restored.items.push(item);
    recordDeletions(after, restored, T + 2);
    expect(restored.tombstones).toEqual([{ id: folder.id, deleted: T + 1 }]);
    expect(syncContentOf(restored).items).toEqual([item]);
  });

  it('never dates a deletion before the item’s last edit (a clock that is behind)', () => {
    const before = emptyVaultData();
    const item = newItem('note', { name: 'n' }, T + 1000);
    before.items.push(item);
    const after = { ...structuredClone(before), items: [] };
    recordDeletions(before, after, T);
    expect(after.tombstones).toEqual([{ id: item.id, deleted: T + 1000 }]);
  });
});
