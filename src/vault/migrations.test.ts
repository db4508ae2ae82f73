import { describe, expect, it } from 'vitest';
import { NewerVaultVersionError, VaultValidationError } from './errors';
import { migrateVaultData, VAULT_FORMAT_VERSION } from './migrations';
import { emptyVaultData, newItem } from './model';

const NOW = 1_700_000_000_000;
const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A vault as an early development build wrote it (format version 0). */
function v0Vault() {
  const common = { folderId: null, favorite: false, created: NOW, updated: NOW, revision: 3, notes: '' };
  return {
    folders: [{ id: ID(99), name: 'Old folder' }],
    items: [
      {
        ...common,
        type: 'login',
        id: ID(1),
        folderId: ID(99),
        name: 'Outlook',
        username: 'ada@outlook.com',
        password: 'pw',
        url: '  https://outlook.live.com  ',
        totp: '',
        customFields: [],
        passwordHistory: [{ password: 'old', changed: NOW - 1 }],
      },
      { ...common, type: 'login', id: ID(2), name: 'No site', username: '', password: '', url: '', totp: '', customFields: [], passwordHistory: [] },
      { ...common, type: 'note', id: ID(3), name: 'Note', notes: 'hello' },
    ],
  };
}

describe('migrateVaultData', () => {
  it('is at version 2', () => {
    expect(VAULT_FORMAT_VERSION).toBe(2);
  });

  it('upgrades version 0: url becomes websites, generatorHistory appears', () => {
    const input = v0Vault();
    const snapshot = JSON.parse(JSON.stringify(input));
    const { version, data } = migrateVaultData(0, input);
    expect(version).toBe(2);
    expect(data.generatorHistory).toEqual([]);
    expect(data.tombstones).toEqual([]);
    expect(data.folders).toEqual(input.folders);
    const [outlook, noSite, note] = data.items;
    expect(outlook).toMatchObject({ type: 'login', name: 'Outlook', revision: 3, websites: [{ url: 'https://outlook.live.com', match: 'domain' }] });
    expect(outlook).not.toHaveProperty('url');
    expect(noSite).toMatchObject({ type: 'login', websites: [] });
    expect(note).toEqual(input.items[2]);
    // The caller's object is left exactly as it was.
    expect(input).toEqual(snapshot);
  });

  it('passes current data through validation unchanged', () => {
    const data = { ...emptyVaultData(), items: [newItem('login', { name: 'x', websites: [{ url: 'a.com' }] }, NOW)] };
    expect(migrateVaultData(2, data)).toEqual({ version: 2, data });
  });

  it('upgrades version 1 losing nothing: tombstones and sync settings appear, items and history are kept as they were', () => {
    const login = newItem('login', { name: 'x', password: 'new', websites: [{ url: 'a.com' }] }, NOW);
    login.passwordHistory = [{ password: 'old', changed: NOW }];
    const v1 = { items: [login, newItem('note', { name: 'n', notes: 'text' }, NOW)], folders: [{ id: crypto.randomUUID(), name: 'F' }], generatorHistory: [{ password: 'g', created: NOW, site: 's' }] };
    const snapshot = structuredClone(v1);
    const { version, data } = migrateVaultData(1, v1);
    expect(version).toBe(2);
    expect(data).toEqual({ ...snapshot, tombstones: [], sync: null });
    expect(v1).toEqual(snapshot);
  });

  it('refuses version-2 data labelled as version 1', () => {
    expect(() => migrateVaultData(1, emptyVaultData())).toThrow(/not a version 1 vault/);
  });

  it('still validates the migrated result', () => {
    const bad = v0Vault();
    (bad.items[0] as Record<string, unknown>).password = 42;
    expect(() => migrateVaultData(0, bad)).toThrow(/^vault\.items\[0\]\.password: expected a string, got number$/);
    const noUrl = v0Vault();
    delete (noUrl.items[1] as Record<string, unknown>).url;
    expect(() => migrateVaultData(0, noUrl)).toThrow(/items\[1\]\.url: expected a string/);
  });

  it('refuses version-1 data labelled as version 0', () => {
    expect(() => migrateVaultData(0, emptyVaultData())).toThrow(VaultValidationError);
    expect(() => migrateVaultData(0, emptyVaultData())).toThrow(/not a version 0 vault/);
  });

  it('refuses vaults from a newer Latchkey', () => {
    expect(() => migrateVaultData(3, {})).toThrow(NewerVaultVersionError);
    expect(() => migrateVaultData(3, {})).toThrow(/made by a newer Latchkey \(vault format version 3\).*up to version 2/);
  });

  it('refuses nonsense versions', () => {
    expect(() => migrateVaultData(-1, {})).toThrow('Unknown vault format version -1');
    expect(() => migrateVaultData(0.5, {})).toThrow('Unknown vault format version 0.5');
    expect(() => migrateVaultData('1' as never, {})).toThrow('Unknown vault format version "1"');
  });
});
