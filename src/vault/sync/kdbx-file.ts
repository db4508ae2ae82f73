// The synced vault as a KeePass KDBX 4 file, encrypted with the master password, that
// KeePassXC and KeePass apps open and edit. Latchkey's own fields travel the way KeePass
// keeps custom data, which KeePassXC keeps on a round trip:
// - each entry's CustomData "Latchkey:Item" holds the exact item (id, revision, times in ms,
//   history), and "Latchkey:Fingerprint" a hash of the entry's visible fields as written.
//   An entry whose visible fields no longer match was edited elsewhere: it is read from its
//   fields, as a newer revision of the stored item (the old password goes to the history).
// - deletions are KeePass DeletedObjects (what KeePassXC writes when it deletes), with the
//   exact times in the database's CustomData "Latchkey:Sync"; entries in the recycle bin
//   count as deleted.
// - folders are groups under the root group (their UUIDs are the folder ids).
// The file holds the item in Latchkey:Item in the clear inside the encrypted payload, as
// the Password field is; KeePassXC's memory protection does not cover custom data.
import { toBase64, fromBase64, utf8Encode } from '../bytes';
import type { KdfParams } from '../kdf';
import type { Folder, Tombstone, VaultItem } from '../model';
import { validateVaultData, validateVaultItem } from '../model';
import { readKdbxWithKey, writeKdbx } from '../formats/kdbx/container';
import { sha256 } from '../formats/kdbx/crypto';
import { buildKdbxXml, entryStrings, readKdbxXml } from '../formats/kdbx/entries';
import { decodeKdbxTime } from '../formats/kdbx/kdbx-time';
import { child, childText, type XmlElement } from '../formats/kdbx/xml';
import { mergeItem, type SyncContent } from './merge';

export const SYNC_FILE_NAME = 'latchkey.kdbx';
const ITEM_KEY = 'Latchkey:Item';
const FINGERPRINT_KEY = 'Latchkey:Fingerprint';
const META_KEY = 'Latchkey:Sync';
/** The root group of every sync file (KeePass needs one; its id means nothing else). */
const ROOT_ID = 'a7c0f1e2-5b3d-4c6e-9f80-1d2e3f405162';

export class SyncFileError extends Error {}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function uuidFromHex(text: string): string {
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20, 32)}`;
}

function uuidOf(element: XmlElement): string | null {
  try {
    const bytes = fromBase64(childText(element, 'UUID').trim());
    return bytes.length === 16 ? uuidFromHex(hex(bytes)) : null;
  } catch {
    return null;
  }
}

/** A stable id for the n-th extra item one entry yields (a KeePassXC entry with a login and a passkey). */
function derivedId(id: string, n: number): string {
  const h = hex(sha256(utf8Encode(`latchkey/derived-item/${id}/${n}`)));
  return uuidFromHex(`${h.slice(0, 12)}4${h.slice(13, 16)}${'89ab'[parseInt(h[16]!, 16) % 4]}${h.slice(17, 32)}`);
}

function fingerprint(strings: { key: string; value: string }[], favorite: boolean, folderId: string | null): string {
  const visible = strings.filter((s) => s.value !== '').map((s) => [s.key, s.value]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
  return toBase64(sha256(utf8Encode(JSON.stringify([visible, favorite, folderId]))));
}

export function buildSyncXml(content: SyncContent, protect: (value: string) => string, now: number): string {
  return buildKdbxXml({ items: content.items, folders: content.folders }, protect, now, {
    rootId: ROOT_ID,
    databaseName: 'Latchkey',
    entryCustomData: (item) => ({
      [ITEM_KEY]: JSON.stringify(item),
      [FINGERPRINT_KEY]: fingerprint(entryStrings(item), item.favorite, item.folderId),
    }),
    metaCustomData: { [META_KEY]: JSON.stringify({ version: 1, tombstones: Object.fromEntries(content.tombstones.map((t) => [t.id, t.deleted])) }) },
    deleted: content.tombstones,
  });
}

export function writeSyncFile(content: SyncContent, composite: Uint8Array, kdf: KdfParams, now: number = Date.now()): Promise<Uint8Array> {
  return writeKdbx((protect) => buildSyncXml(content, protect, now), { password: '', compositeKey: composite, kdf });
}

function customData(element: XmlElement): Map<string, string> {
  const data = new Map<string, string>();
  const node = child(element, 'CustomData');
  for (const item of node?.children ?? []) if (item.name === 'Item') data.set(childText(item, 'Key'), childText(item, 'Value'));
  return data;
}

function readStrings(entry: XmlElement): { key: string; value: string }[] {
  return entry.children.filter((s) => s.name === 'String').map((s) => ({ key: childText(s, 'Key'), value: child(s, 'Value')?.text ?? '' }));
}

function timeOf(element: XmlElement, name: string): number | null {
  const times = child(element, 'Times');
  return times ? decodeKdbxTime(childText(times, name)) : null;
}

function storedItem(data: Map<string, string>, id: string): VaultItem | null {
  const text = data.get(ITEM_KEY);
  if (text === undefined) return null;
  try {
    const item = validateVaultItem(JSON.parse(text));
    return item.id === id ? item : null;
  } catch {
    return null;
  }
}

/** The items one entry holds: the stored item when its visible fields are unchanged, else what they say now. */
function readEntry(entry: XmlElement, id: string, folderId: string | null): VaultItem[] {
  const data = customData(entry);
  const stored = storedItem(data, id);
  const favorite = childText(entry, 'Tags').split(/[;,]/).some((t) => t.trim().toLowerCase() === 'favorite');
  if (stored && data.get(FINGERPRINT_KEY) === fingerprint(readStrings(entry), favorite, folderId)) return [stored];
  // Edited (or created) outside Latchkey: read its fields as an import would, on its own.
  const document: XmlElement = {
    name: 'KeePassFile',
    attributes: {},
    text: '',
    children: [{ name: 'Root', attributes: {}, text: '', children: [{ name: 'Group', attributes: {}, text: '', children: [entry] }] }],
  };
  const modified = timeOf(entry, 'LastModificationTime');
  return readKdbxXml(document).items.map((read, n) => {
    const itemId = n === 0 ? id : derivedId(id, n);
    const fresh = { ...read, id: itemId, folderId } as VaultItem;
    if (n > 0 || !stored || stored.type !== fresh.type) return fresh;
    // A newer revision of the stored item: never older than it, the old password kept in the history.
    const edited = { ...fresh, created: stored.created, revision: stored.revision + 1, updated: Math.max(modified ?? 0, stored.updated + 1) } as VaultItem;
    return mergeItem(edited, stored);
  });
}

/** Reads a sync file (or any KDBX 4 file KeePass made) with the composite key of the master password. */
export async function readSyncFile(bytes: Uint8Array, composite: Uint8Array): Promise<SyncContent> {
  return readSyncXml(await readKdbxWithKey(bytes, composite));
}

export function readSyncXml(root: XmlElement): SyncContent {
  if (root.name !== 'KeePassFile') throw new SyncFileError('The file is not a KeePass database.');
  const meta = child(root, 'Meta');
  const recycleBin = meta ? childText(meta, 'RecycleBinUUID').trim() : '';
  const rootGroup = child(child(root, 'Root') ?? root, 'Group');
  if (!rootGroup) throw new SyncFileError('The KeePass database has no root group.');
  let exact: Record<string, number> = {};
  try {
    const parsed = JSON.parse((meta && customData(meta).get(META_KEY)) ?? '{}') as { tombstones?: Record<string, number> };
    if (parsed.tombstones && typeof parsed.tombstones === 'object') exact = parsed.tombstones;
  } catch {
    // Unreadable: KeePass's own deletion times (whole seconds) are used.
  }
  const items: VaultItem[] = [];
  const folders: Folder[] = [];
  const tombstones = new Map<string, number>();
  const tombstone = (id: string, seconds: number | null) => {
    const precise = exact[id];
    const at = typeof precise === 'number' && seconds !== null && Math.floor(precise / 1000) * 1000 === seconds ? precise : (seconds ?? 0);
    tombstones.set(id, Math.max(at, tombstones.get(id) ?? 0));
  };
  const visit = (group: XmlElement, path: string[], folderId: string | null, binned: boolean) => {
    for (const node of group.children) {
      if (node.name === 'Entry') {
        const id = uuidOf(node);
        if (id === null) continue;
        if (binned) tombstone(id, timeOf(node, 'LocationChanged') ?? timeOf(node, 'LastModificationTime'));
        else items.push(...readEntry(node, id, folderId));
      } else if (node.name === 'Group') {
        const id = uuidOf(node);
        if (id === null) continue;
        const inBin = binned || (recycleBin !== '' && childText(node, 'UUID').trim() === recycleBin);
        const name = [...path, childText(node, 'Name')];
        if (inBin) tombstone(id, timeOf(node, 'LocationChanged'));
        else folders.push({ id, name: name.join(' / ') });
        visit(node, name, id, inBin);
      }
    }
  };
  visit(rootGroup, [], null, false);
  for (const deleted of child(child(root, 'Root') ?? root, 'DeletedObjects')?.children ?? []) {
    const id = uuidOf(deleted);
    if (id !== null && deleted.name === 'DeletedObject') tombstone(id, decodeKdbxTime(childText(deleted, 'DeletionTime')));
  }
  // The same checks as the vault at rest: unique ids, folders that exist.
  const checked = validateVaultData({ items, folders, generatorHistory: [], tombstones: [...tombstones].map(([id, deleted]) => ({ id, deleted })), sync: null });
  const liveIds = new Set([...checked.items.map((i) => i.id), ...checked.folders.map((f) => f.id)]);
  // An id both present and deleted (KeePass keeps both after a restore): the merge decides by time.
  return { items: checked.items, folders: checked.folders, tombstones: checked.tombstones.filter((t: Tombstone) => t.id !== ROOT_ID || !liveIds.has(t.id)) };
}
