import { describe, expect, it } from 'vitest';
import { emptyVaultData, newItem } from '../model';
import { duplicateKey, mergeImport } from './merge';
import { sampleVault } from './test-helpers';

describe('mergeImport', () => {
  it('adds items with fresh ids and maps folders by name, creating only the missing ones', () => {
    const draft = emptyVaultData();
    draft.folders.push({ id: '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b', name: 'Work' });
    const incoming = sampleVault();
    incoming.folders.push({ id: '7f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b', name: 'Unused' });
    const originalIds = incoming.items.map((i) => i.id);
    expect(mergeImport(draft, incoming)).toEqual({ imported: 5, skipped: 0 });
    expect(draft.folders.map((f) => f.name)).toEqual(['Work']);
    expect(draft.items[0]!.folderId).toBe('6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b');
    expect(draft.items.some((i) => originalIds.includes(i.id))).toBe(false);
  });

  it('skips duplicates of existing items and repeats within the file, and counts them', () => {
    const draft = sampleVault();
    const again = sampleVault();
    const changed = newItem('login', { name: 'Contoso', username: 'adele@contoso.com', password: 'different' });
    expect(mergeImport(draft, { folders: again.folders, items: [...again.items, changed, changed] })).toEqual({ imported: 1, skipped: 6 });
    expect(draft.items).toHaveLength(6);
  });

  it('compares logins on type, name, username, password and websites; other types on what identifies them', () => {
    const a = newItem('login', { name: 'A', username: 'u', password: 'p', websites: [{ url: 'https://a.example' }, { url: 'https://b.example' }] });
    const b = newItem('login', { name: 'A', username: 'u', password: 'p', websites: [{ url: 'https://b.example', match: 'exact' }, { url: 'https://a.example' }], notes: 'other' });
    expect(duplicateKey(a)).toBe(duplicateKey(b));
    expect(duplicateKey(newItem('note', { name: 'N', notes: '1' }))).not.toBe(duplicateKey(newItem('note', { name: 'N', notes: '2' })));
  });
});

describe('previewImport', () => {
  it('counts per type, duplicates of the vault and of the file itself, new folders and what is left out, changing nothing', async () => {
    const { previewImport } = await import('./merge');
    const existing = sampleVault();
    const before = JSON.stringify(existing);
    const incoming = sampleVault();
    const fresh = newItem('login', { name: 'New', username: 'n', password: 'p', folderId: '1f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b' });
    incoming.folders.push({ id: '1f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b', name: 'Fresh' }, { id: '2f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b', name: 'Unused' });
    incoming.items.push(fresh, { ...fresh });
    const preview = previewImport(existing, { ...incoming, source: 'Test', notImported: [{ what: 'line 3', reason: 'an alias' }] });
    expect(preview).toEqual({
      source: 'Test',
      counts: { login: 3, note: 1, card: 1, identity: 1, passkey: 1 },
      toImport: 1,
      duplicates: 6,
      newFolders: ['Fresh'],
      notImported: [{ what: 'line 3', reason: 'an alias' }],
      notImportedCount: 1,
    });
    expect(JSON.stringify(existing)).toBe(before);
    const draft = sampleVault();
    expect(mergeImport(draft, incoming)).toEqual({ imported: preview.toImport, skipped: preview.duplicates });
  });
});
