// Merging two copies of a vault, item by item, so that devices that changed things
// apart end with the union of their changes. Pure: no clock, no storage.
//
// The rules, per id:
// - Two versions of an item: the newer edit wins (larger `updated`, then larger
//   `revision`, then a fixed order of the contents, so every device picks the same one).
//   For logins the other version's password goes to the winner's password history, and
//   both histories are kept (newest first, at most MAX_PASSWORD_HISTORY).
// - A tombstone wins over versions edited before the deletion, never over a later edit
//   (which brings the item back, and the tombstone goes).
// - Folders carry no times: the union of both, a tombstone removes one; two names for one
//   folder id keep the one that sorts first. Items left in a removed folder move to none.
// - Tombstones older than the retention period are forgotten.
// Merging is commutative, associative and idempotent on what it compares, so any order of
// syncs between any number of devices converges (see simulation.test.ts).
import type { Folder, LoginItem, PasswordHistoryEntry, Tombstone, VaultData, VaultItem } from '../model';
import { MAX_PASSWORD_HISTORY, TOMBSTONE_RETENTION_DAYS } from '../model';

/** The part of a vault that travels between devices. */
export interface SyncContent {
  items: VaultItem[];
  folders: Folder[];
  tombstones: Tombstone[];
}

export interface MergeOptions {
  now: number;
  /** Default TOMBSTONE_RETENTION_DAYS. */
  retentionDays?: number;
}

export interface MergeCounts {
  /** Items the merge adds to the local copy. */
  added: number;
  /** Items whose local version changes (a newer remote version, or histories joined). */
  changed: number;
  /** Local items removed by a remote tombstone. */
  removed: number;
  /** Items both sides hold in different versions, resolved by the rules above. */
  differing: number;
}

export interface MergeResult {
  content: SyncContent;
  counts: MergeCounts;
  /** False when the merged content equals the remote copy: nothing to upload. */
  remoteChanged: boolean;
  /** False when the merged content equals the local copy: nothing to save. */
  localChanged: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The item's fields without its password history, as text: equal text means equal fields. */
function fieldsKey(item: VaultItem): string {
  return JSON.stringify(item.type === 'login' ? { ...item, passwordHistory: [] } : item);
}

/** Positive when `a` is the newer version. */
export function compareVersions(a: VaultItem, b: VaultItem): number {
  if (a.updated !== b.updated) return a.updated - b.updated;
  if (a.revision !== b.revision) return a.revision - b.revision;
  const ka = fieldsKey(a);
  const kb = fieldsKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function joinHistory(winner: LoginItem, others: VaultItem[]): PasswordHistoryEntry[] {
  const newest = new Map<string, number>();
  const note = (password: string, changed: number) => {
    if (password === '') return;
    newest.set(password, Math.max(changed, newest.get(password) ?? -1));
  };
  for (const version of [winner, ...others]) {
    if (version.type !== 'login') continue;
    for (const old of version.passwordHistory) note(old.password, old.changed);
    if (version !== winner) note(version.password, version.updated);
  }
  newest.delete(winner.password);
  return [...newest]
    .map(([password, changed]) => ({ password, changed }))
    .sort((a, b) => b.changed - a.changed || (a.password < b.password ? -1 : a.password > b.password ? 1 : 0))
    .slice(0, MAX_PASSWORD_HISTORY);
}

/** The merged version of two versions of one item. */
export function mergeItem(a: VaultItem, b: VaultItem): VaultItem {
  const winner = compareVersions(a, b) >= 0 ? a : b;
  const loser = winner === a ? b : a;
  const revision = Math.max(a.revision, b.revision);
  if (winner.type !== 'login') return { ...winner, revision };
  return { ...winner, revision, passwordHistory: joinHistory(winner, [loser]) };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function byId<T extends { id: string }>(list: T[]): Map<string, T> {
  return new Map(list.map((entry) => [entry.id, entry]));
}

/** Keeps `first`'s order, then what only `second` has. */
function orderedIds(first: { id: string }[], second: { id: string }[]): string[] {
  return [...new Set([...first.map((e) => e.id), ...second.map((e) => e.id)])];
}

export function mergeContent(local: SyncContent, remote: SyncContent, options: MergeOptions): MergeResult {
  const cutoff = options.now - (options.retentionDays ?? TOMBSTONE_RETENTION_DAYS) * DAY_MS;
  const tombstones = new Map<string, number>();
  for (const t of [...local.tombstones, ...remote.tombstones]) {
    if (t.deleted < cutoff) continue;
    tombstones.set(t.id, Math.max(t.deleted, tombstones.get(t.id) ?? -1));
  }

  const localItems = byId(local.items);
  const remoteItems = byId(remote.items);
  const counts: MergeCounts = { added: 0, changed: 0, removed: 0, differing: 0 };
  const items: VaultItem[] = [];
  for (const id of orderedIds(local.items, remote.items)) {
    const mine = localItems.get(id);
    const theirs = remoteItems.get(id);
    const merged = mine && theirs ? mergeItem(mine, theirs) : (mine ?? theirs)!;
    if (mine && theirs && fieldsKey(mine) !== fieldsKey(theirs)) counts.differing++;
    const deleted = tombstones.get(id);
    if (deleted !== undefined) {
      if (deleted >= merged.updated) {
        if (mine) counts.removed++;
        continue;
      }
      tombstones.delete(id); // edited after the deletion: the item comes back
    }
    items.push(merged);
    if (!mine) counts.added++;
    else if (!same(mine, merged)) counts.changed++;
  }

  const localFolders = byId(local.folders);
  const remoteFolders = byId(remote.folders);
  const folders: Folder[] = [];
  for (const id of orderedIds(local.folders, remote.folders)) {
    if (tombstones.has(id)) continue;
    const names = [localFolders.get(id)?.name, remoteFolders.get(id)?.name].filter((n): n is string => n !== undefined).sort();
    folders.push({ id, name: names[0]! });
  }
  const folderIds = new Set(folders.map((f) => f.id));
  for (const [i, item] of items.entries()) {
    if (item.folderId !== null && !folderIds.has(item.folderId)) items[i] = { ...item, folderId: null };
  }

  const content: SyncContent = {
    items,
    folders,
    tombstones: [...tombstones].map(([id, deleted]) => ({ id, deleted })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
  return { content, counts, remoteChanged: !sameContent(content, remote), localChanged: !sameContent(content, local) };
}

function sortedById<T extends { id: string }>(list: T[]): T[] {
  return [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Equal contents, whatever the order of items, folders and tombstones. */
export function sameContent(a: SyncContent, b: SyncContent): boolean {
  return (
    same(sortedById(a.items), sortedById(b.items)) &&
    same(sortedById(a.folders), sortedById(b.folders)) &&
    same(sortedById(a.tombstones), sortedById(b.tombstones))
  );
}

export function syncContentOf(data: VaultData): SyncContent {
  return { items: data.items, folders: data.folders, tombstones: data.tombstones };
}

/** The local vault with its synced part replaced by `content`; what never travels (settings, generator history) stays. */
export function withContent(data: VaultData, content: SyncContent): VaultData {
  return { ...data, items: content.items, folders: content.folders, tombstones: content.tombstones };
}

/**
 * Records what an edit deleted: ids of items and folders in `before` that `after` lacks get a
 * tombstone at `now` (never before the item's last edit, so a clock that is behind still
 * deletes it); ids that are back (restored) lose theirs; expired ones are forgotten.
 * Mutates `after` (a draft).
 */
export function recordDeletions(before: VaultData, after: VaultData, now: number, retentionDays = TOMBSTONE_RETENTION_DAYS): void {
  const present = new Set([...after.items.map((i) => i.id), ...after.folders.map((f) => f.id)]);
  const gone = [
    ...before.items.map((i) => ({ id: i.id, at: Math.max(now, i.updated) })),
    ...before.folders.map((f) => ({ id: f.id, at: now })),
  ].filter((entry) => !present.has(entry.id));
  const cutoff = now - retentionDays * DAY_MS;
  const kept = new Map(after.tombstones.filter((t) => t.deleted >= cutoff && !present.has(t.id)).map((t) => [t.id, t.deleted]));
  if (gone.length === 0 && kept.size === after.tombstones.length) return;
  // A tombstone that came with the change (a merge removing a deleted item) keeps its own time.
  for (const { id, at } of gone) if (!kept.has(id)) kept.set(id, at);
  after.tombstones = [...kept].map(([id, deleted]) => ({ id, deleted }));
}
