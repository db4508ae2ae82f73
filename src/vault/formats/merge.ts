// Adds imported items to the vault: fresh ids, folders matched by name, and
// items the vault already holds (or that a file repeats) skipped and counted.
import { newId, validateVaultData } from '../model';
import type { VaultData, VaultItem } from '../model';
import type { ImportedData } from './types';

export interface MergeCount {
  imported: number;
  skipped: number;
}

/**
 * What makes two items "the same" for an import. For logins: type, name,
 * username, password and websites. Other types have no username/password, so
 * they are compared on what identifies them instead (a note's text, a card's
 * number) to avoid dropping a different note that happens to share a name.
 */
export function duplicateKey(item: VaultItem): string {
  switch (item.type) {
    case 'login':
      return JSON.stringify([item.type, item.name, item.username, item.password, item.websites.map((w) => w.url).sort()]);
    case 'note':
      return JSON.stringify([item.type, item.name, item.notes]);
    case 'card':
      return JSON.stringify([item.type, item.name, item.number]);
    case 'identity':
      return JSON.stringify([item.type, item.name, item.fullName, item.email]);
    case 'passkey':
      return JSON.stringify([item.type, item.rpId, item.credentialId]);
  }
}

/** Mutates `draft` (a copy handed out by VaultService.update) and says what it did. */
export function mergeImport(draft: VaultData, incoming: ImportedData): MergeCount {
  const seen = new Set(draft.items.map(duplicateKey));
  const folderByName = new Map(draft.folders.map((folder) => [folder.name, folder.id]));
  const incomingFolderNames = new Map(incoming.folders.map((folder) => [folder.id, folder.name]));

  const folderFor = (importedId: string | null): string | null => {
    if (importedId === null) return null;
    const name = incomingFolderNames.get(importedId);
    if (name === undefined) return null;
    let id = folderByName.get(name);
    if (id === undefined) {
      id = newId();
      draft.folders.push({ id, name });
      folderByName.set(name, id);
    }
    return id;
  };

  let imported = 0;
  let skipped = 0;
  for (const item of incoming.items) {
    const key = duplicateKey(item);
    if (seen.has(key)) {
      skipped++;
      continue;
    }
    seen.add(key);
    draft.items.push({ ...item, id: newId(), folderId: folderFor(item.folderId) });
    imported++;
  }
  // The result must still be a valid vault; the save would refuse it otherwise, but say so here.
  validateVaultData(draft);
  return { imported, skipped };
}

export interface ImportPreview {
  /** The file's kind, as detected from its contents. */
  source: string;
  /** Items in the file, per type. */
  counts: Record<VaultItem['type'], number>;
  /** Items that would be added. */
  toImport: number;
  /** Items the vault already holds, or that the file repeats: skipped, never doubled. */
  duplicates: number;
  /** Folders the import would create. */
  newFolders: string[];
  /** What the file holds that will not be imported, and why (the first MAX_LISTED). */
  notImported: { what: string; reason: string }[];
  notImportedCount: number;
}

const MAX_LISTED = 50;

/** What mergeImport would do, without doing it. */
export function previewImport(existing: VaultData, incoming: ImportedData): ImportPreview {
  const seen = new Set(existing.items.map(duplicateKey));
  const counts: Record<VaultItem['type'], number> = { login: 0, note: 0, card: 0, identity: 0, passkey: 0 };
  let duplicates = 0;
  const usedFolders = new Set<string>();
  for (const item of incoming.items) {
    counts[item.type]++;
    const key = duplicateKey(item);
    if (seen.has(key)) {
      duplicates++;
      continue;
    }
    seen.add(key);
    if (item.folderId !== null) usedFolders.add(item.folderId);
  }
  const have = new Set(existing.folders.map((folder) => folder.name));
  const newFolders = [...new Set(incoming.folders.filter((folder) => usedFolders.has(folder.id) && !have.has(folder.name)).map((folder) => folder.name))];
  const notImported = incoming.notImported ?? [];
  return {
    source: incoming.source ?? 'Unknown',
    counts,
    toImport: incoming.items.length - duplicates,
    duplicates,
    newFolders,
    notImported: notImported.slice(0, MAX_LISTED),
    notImportedCount: notImported.length,
  };
}
