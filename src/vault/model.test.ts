import { describe, expect, it } from 'vitest';
import { VaultValidationError } from './errors';
import { emptyVaultData, MAX_PASSWORD_HISTORY, newItem, updateItem, validateVaultData, validateVaultItem } from './model';
import type { LoginItem, VaultData } from './model';

const NOW = 1_700_000_000_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function passkeyFields() {
  return {
    rpId: 'login.microsoftonline.com',
    rpName: 'Microsoft',
    userName: 'ada@example.com',
    userDisplayName: 'Ada',
    userHandle: 'AAECAwQFBgc',
    credentialId: 'q83vEjRWeJA',
    algorithm: -7,
    privateKey: 'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg',
    signCount: 0,
    discoverable: true,
  };
}

describe('newItem', () => {
  it('builds a login with defaults', () => {
    const item = newItem('login', { name: 'GitHub', username: 'ada', websites: [{ url: 'https://github.com' }] }, NOW);
    expect(item).toEqual({
      type: 'login',
      id: expect.stringMatching(UUID),
      folderId: null,
      favorite: false,
      created: NOW,
      updated: NOW,
      revision: 1,
      name: 'GitHub',
      notes: '',
      username: 'ada',
      password: '',
      websites: [{ url: 'https://github.com', match: 'domain' }],
      totp: '',
      customFields: [],
      passwordHistory: [],
    });
  });

  it('builds every item type', () => {
    expect(newItem('note', { name: 'n', notes: 'secret' }, NOW).type).toBe('note');
    expect(newItem('card', { cardholderName: 'A L', expiryMonth: '09', expiryYear: '2030' }, NOW)).toMatchObject({
      type: 'card',
      number: '',
      code: '',
    });
    expect(newItem('identity', { fullName: 'Ada Lovelace' }, NOW)).toMatchObject({ email: '', phone: '', address: '' });
    expect(newItem('passkey', passkeyFields(), NOW)).toMatchObject({ type: 'passkey', signCount: 0 });
  });

  it('gives each item a fresh id', () => {
    expect(newItem('note', {}, NOW).id).not.toBe(newItem('note', {}, NOW).id);
  });

  it('refuses fields that would make an invalid item', () => {
    expect(() => newItem('login', { totp: 'not a secret!' }, NOW)).toThrow(/newItem\.totp: .*base32/);
    expect(() => newItem('card', { expiryMonth: '13' }, NOW)).toThrow(/newItem\.expiryMonth: expected '' or a month/);
    expect(() => newItem('login', { websites: [{ url: ' ' }] }, NOW)).toThrow(/newItem\.websites\[0\]\.url: must not be empty/);
    expect(() => newItem('passkey', {}, NOW)).toThrow(/newItem\.rpId: must not be empty/);
    expect(() => newItem('passkey', { ...passkeyFields(), userHandle: 'a+b=' }, NOW)).toThrow(/userHandle: Invalid base64url/);
  });

  it('refuses unknown and system fields', () => {
    expect(() => newItem('note', { username: 'x' } as never, NOW)).toThrow(/unknown field "username" for a note item/);
    expect(() => newItem('note', { id: 'x' } as never, NOW)).toThrow(/"id" is managed automatically/);
    expect(() => newItem('bogus' as never, {} as never, NOW)).toThrow(/unknown item type "bogus"/);
  });
});

describe('updateItem', () => {
  it('bumps revision and updated, leaving the input untouched', () => {
    const item = newItem('note', { name: 'a' }, NOW);
    const edited = updateItem(item, { name: 'b' }, NOW + 5);
    expect(edited).toMatchObject({ name: 'b', revision: 2, updated: NOW + 5, created: NOW, id: item.id });
    expect(item).toMatchObject({ name: 'a', revision: 1, updated: NOW });
  });

  it('records replaced login passwords newest first', () => {
    let item: LoginItem = newItem('login', { password: 'one' }, NOW);
    item = updateItem(item, { password: 'two' }, NOW + 1);
    item = updateItem(item, { username: 'same password' }, NOW + 2);
    item = updateItem(item, { password: 'three' }, NOW + 3);
    expect(item.password).toBe('three');
    expect(item.revision).toBe(4);
    expect(item.passwordHistory).toEqual([
      { password: 'two', changed: NOW + 3 },
      { password: 'one', changed: NOW + 1 },
    ]);
  });

  it('does not record an empty previous password', () => {
    const item = updateItem(newItem('login', {}, NOW), { password: 'first' }, NOW + 1);
    expect(item.passwordHistory).toEqual([]);
  });

  it(`keeps at most ${MAX_PASSWORD_HISTORY} history entries`, () => {
    let item: LoginItem = newItem('login', { password: 'p0' }, NOW);
    for (let i = 1; i <= 60; i++) item = updateItem(item, { password: `p${i}` }, NOW + i);
    expect(item.passwordHistory).toHaveLength(MAX_PASSWORD_HISTORY);
    expect(item.passwordHistory[0]).toEqual({ password: 'p59', changed: NOW + 60 });
    expect(item.passwordHistory.at(-1)).toEqual({ password: 'p10', changed: NOW + 11 });
  });

  it('fills website match defaults and rejects system fields', () => {
    const item = newItem('login', {}, NOW);
    expect(updateItem(item, { websites: [{ url: 'a.com' }, { url: 'b.com', match: 'exact' }] }, NOW).websites).toEqual([
      { url: 'a.com', match: 'domain' },
      { url: 'b.com', match: 'exact' },
    ]);
    expect(() => updateItem(item, { revision: 9 } as never, NOW)).toThrow(/"revision" is managed automatically/);
    expect(() => updateItem(item, { type: 'note' } as never, NOW)).toThrow(/"type" is managed automatically/);
  });
});

describe('validateVaultData', () => {
  function sampleVault(): VaultData {
    const folder = { id: crypto.randomUUID(), name: 'Work' };
    return {
      folders: [folder],
      items: [
        newItem('login', { name: 'a', folderId: folder.id, password: 'x', totp: 'JBSWY3DPEHPK3PXPJBSWY3DP' }, NOW),
        newItem('note', { name: 'b' }, NOW),
        newItem('card', { name: 'c' }, NOW),
        newItem('identity', { name: 'd' }, NOW),
        newItem('passkey', passkeyFields(), NOW),
      ],
      generatorHistory: [{ password: 'gen', created: NOW, site: 'example.com' }],
      tombstones: [{ id: crypto.randomUUID(), deleted: NOW }],
      sync: { method: 'webdav', webdavUrl: 'https://dav.example/', webdavUsername: 'me', webdavPassword: 'secret', intervalMinutes: 15 },
    };
  }

  it('accepts valid data and returns an equal copy', () => {
    const data = sampleVault();
    const checked = validateVaultData(JSON.parse(JSON.stringify(data)));
    expect(checked).toEqual(data);
    expect(validateVaultData(emptyVaultData())).toEqual(emptyVaultData());
  });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each case corrupts the raw JSON in a way no type allows
  const cases: [string, (d: any) => void, RegExp][] = [
    ['non-object root', (d) => Object.assign(d, { items: 5 }), /^vault\.items: expected an array, got number$/],
    ['missing field', (d) => delete d.generatorHistory, /^vault: missing field "generatorHistory"$/],
    ['extra field', (d) => (d.extra = 1), /^vault: unexpected field "extra"$/],
    ['unknown type', (d) => (d.items[1].type = 'wifi'), /^vault\.items\[1\]\.type: expected one of "login", .* got "wifi"$/],
    ['extra item field', (d) => (d.items[1].username = 'x'), /^vault\.items\[1\]: unexpected field "username"$/],
    ['bad website match', (d) => (d.items[0].websites = [{ url: 'x', match: 'regex' }]), /items\[0\]\.websites\[0\]\.match: expected one of/],
    ['float revision', (d) => (d.items[2].revision = 1.5), /items\[2\]\.revision: expected an integer/],
    ['zero revision', (d) => (d.items[2].revision = 0), /items\[2\]\.revision: 0 is outside/],
    ['string timestamp', (d) => (d.items[3].created = '2024'), /items\[3\]\.created: expected an integer, got string/],
    ['bad id', (d) => (d.items[3].id = 'abc'), /items\[3\]\.id: expected a lowercase UUID/],
    ['duplicate item id', (d) => (d.items[1].id = d.items[0].id), /items\[1\]\.id: duplicate item id/],
    ['dangling folder', (d) => (d.folders = []), /items\[0\]\.folderId: refers to folder .* which does not exist/],
    ['bad totp', (d) => (d.items[0].totp = 'otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP'), /items\[0\]\.totp: .*HOTP/],
    ['history too long', (d) => (d.items[0].passwordHistory = Array(51).fill({ password: 'p', changed: 1 })), /passwordHistory: too many entries/],
    ['bad custom field', (d) => (d.items[0].customFields = [{ name: 'n', value: 'v', hidden: 'no' }]), /customFields\[0\]\.hidden: expected a boolean/],
    ['bad passkey key', (d) => (d.items[4].privateKey = 'not base64'), /items\[4\]\.privateKey: Invalid base64/],
    ['bad signCount', (d) => (d.items[4].signCount = -1), /items\[4\]\.signCount: -1 is outside/],
    ['bad generator entry', (d) => (d.generatorHistory[0].site = null), /generatorHistory\[0\]\.site: expected a string, got null/],
    ['array item', (d) => (d.items[0] = []), /items\[0\]: expected an object, got array/],
  ];
  it.each(cases)('rejects %s with the path', (_label, corrupt, message) => {
    const data = JSON.parse(JSON.stringify(sampleVault()));
    corrupt(data);
    let error: unknown;
    try {
      validateVaultData(data);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(VaultValidationError);
    expect((error as Error).message).toMatch(message);
  });

  it('rejects prototype tricks and non-plain objects', () => {
    const data = JSON.parse('{"items":[],"folders":[],"generatorHistory":[],"tombstones":[],"sync":null,"__proto__":{"x":1}}');
    expect(() => validateVaultData(data)).toThrow(/unexpected field "__proto__"/);
    expect(() => validateVaultItem(new Date())).toThrow(/item\.type/);
    expect(() => validateVaultData(new Map())).toThrow(/expected a plain object/);
  });
});
