import { describe, expect, it } from 'vitest';
import type { CardItem, IdentityItem, LoginItem, PasskeyItem } from '../model';
import { credentialIdFromBitwarden, credentialIdToBitwarden, exportBitwardenJson, importBitwardenJson } from './bitwarden-json';
import { FormatError } from './errors';
import { importFile } from './index';
import { comparable, fixture, fixtureText, sampleVault } from './test-helpers';

describe('Bitwarden JSON import', () => {
  const { folders, items } = importBitwardenJson(JSON.parse(fixtureText('bitwarden.json')));

  it('reads folders and every item type', () => {
    expect(folders.map((f) => f.name)).toEqual(['Work', 'Finance']);
    expect(items.map((i) => [i.type, i.name])).toEqual([
      ['login', 'Contoso Microsoft 365'],
      ['passkey', 'Fabrikam passkey'],
      ['note', 'Home Wi-Fi'],
      ['card', 'Travel Visa'],
      ['identity', 'Adele (personal)'],
    ]);
  });

  it('maps a login: URI match modes, fields, TOTP, history newest first, times, folder', () => {
    const login = items[0] as LoginItem;
    expect(login.websites).toEqual([
      { url: 'https://login.microsoftonline.com', match: 'domain' },
      { url: 'https://portal.office.com', match: 'host' },
      // A regular expression can't be evaluated: kept, never filled.
      { url: '^https://.*\\.contoso\\.com/.*$', match: 'never' },
    ]);
    expect(login.customFields).toEqual([
      { name: 'Tenant', value: 'contoso.onmicrosoft.com', hidden: false },
      { name: 'Recovery PIN', value: '482910', hidden: true },
      { name: 'Remember me', value: 'true', hidden: false },
    ]);
    expect(login.passwordHistory.map((h) => h.password)).toEqual(['Autumn2023!', 'Spring2023!']);
    expect(login).toMatchObject({ favorite: true, folderId: folders[0]!.id, created: Date.parse('2022-09-01T07:30:00.000Z') });
    expect(login.totp).toMatch(/^otpauth:\/\/totp\/Microsoft/);
  });

  it('turns fido2Credentials into a passkey item (a login holding only a passkey becomes just the passkey)', () => {
    const passkey = items[1] as PasskeyItem;
    expect(passkey).toMatchObject({
      rpId: 'fabrikam.com',
      rpName: 'Fabrikam',
      userName: 'adele@fabrikam.com',
      userDisplayName: 'Adele Vance',
      userHandle: 'gWI6-kZJ6nh87rpnBFvqGg',
      credentialId: 'i34vEEw9SluejxorPE1ebw',
      algorithm: -7,
      signCount: 7,
      discoverable: true,
    });
    expect(passkey.privateKey).toMatch(/^MIGHAgEAMBMGByqGSM49/);
    expect(passkey.privateKey).toContain('+');
  });

  it('maps a card (month padded) and an identity (extras kept in notes)', () => {
    expect(items[3] as CardItem).toMatchObject({ expiryMonth: '03', expiryYear: '2029', number: '4111111111111111', code: '737', brand: 'Visa' });
    const identity = items[4] as IdentityItem;
    expect(identity).toMatchObject({ fullName: 'Ms Adele Vance', email: 'adele@example.com', address: '1 Microsoft Way\n98052 Redmond WA\nUS' });
    expect(identity.notes).toBe('Company: Contoso\nUsername: adelev');
  });

  it('converts credential ids: 16 bytes as a GUID, others as b64.', () => {
    expect(credentialIdToBitwarden('bn3E1xIfqn2DGrOFTLjTOg')).toBe('6e7dc4d7-121f-aa7d-831a-b3854cb8d33a');
    expect(credentialIdFromBitwarden('6e7dc4d7-121f-aa7d-831a-b3854cb8d33a', 'x')).toBe('bn3E1xIfqn2DGrOFTLjTOg');
    expect(credentialIdToBitwarden('AAECAwQ')).toBe('b64.AAECAwQ');
    expect(credentialIdFromBitwarden('b64.AAECAwQ', 'x')).toBe('AAECAwQ');
  });
});

describe('Bitwarden JSON round trip', () => {
  it('exports every type and imports the same items back', () => {
    const vault = sampleVault();
    const back = importBitwardenJson(JSON.parse(exportBitwardenJson(vault)));
    expect(back.folders.map((f) => f.name)).toEqual(['Work']);
    // Bitwarden has no single "full name" and splits it; everything else comes back as it was.
    expect(back.items.map(comparable)).toEqual(vault.items.map(comparable));
    expect(back.items[0]!.folderId).toBe(back.folders[0]!.id);
  });

  it('writes Bitwarden\'s field names and types', () => {
    const json = JSON.parse(exportBitwardenJson(sampleVault()));
    expect(json.encrypted).toBe(false);
    expect(json.items.map((i: { type: number }) => i.type)).toEqual([1, 2, 3, 4, 1]);
    expect(json.items[0].login.uris[0]).toEqual({ match: 1, uri: 'https://login.contoso.com' });
    expect(json.items[2].card.expMonth).toBe('3');
    expect(json.items[4].login.fido2Credentials[0]).toEqual({
      credentialId: '6e7dc4d7-121f-aa7d-831a-b3854cb8d33a',
      keyType: 'public-key',
      keyAlgorithm: 'ECDSA',
      keyCurve: 'P-256',
      keyValue: expect.stringMatching(/^[A-Za-z0-9_-]+$/),
      rpId: 'fabrikam.com',
      userHandle: 'gWI6-kZJ6nh87rpnBFvqGg',
      userName: 'adele',
      counter: '7',
      rpName: 'Fabrikam',
      userDisplayName: 'Adele Vance',
      discoverable: 'true',
      creationDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });
});

describe('Bitwarden JSON refusals', () => {
  it('refuses a truncated file, naming JSON', async () => {
    await expect(importFile(fixture('bitwarden-truncated.json'), { format: 'bitwarden-json' })).rejects.toThrow(
      /The Bitwarden file is not valid JSON \(.*\)\. The file may be truncated or damaged\./,
    );
  });

  it('refuses an encrypted export with what to do instead', () => {
    expect(() => importBitwardenJson({ encrypted: true, passwordProtected: true, data: 'x' })).toThrow(/export again choosing the "\.json" file format/);
  });

  it('refuses a bad card month and an unknown type, naming the item', () => {
    const card = { type: 3, name: 'Card', card: { expMonth: '13' } };
    expect(() => importBitwardenJson({ encrypted: false, items: [card] })).toThrow(/Item 1 \("Card"\): the card's expiry month "13" is not 1 to 12/);
    expect(() => importBitwardenJson({ encrypted: false, items: [{ type: 9, name: 'X' }] })).toThrow(FormatError);
    expect(() => importBitwardenJson({ encrypted: false, items: [{ type: 1, name: 'X', login: { username: 5 } }] })).not.toThrow();
    expect(() => importBitwardenJson({ encrypted: false, items: [{ type: 1, name: 'X', login: { username: {} } }] })).toThrow(/"username" is not text/);
  });

  it('lets the vault model refuse what it would never store', () => {
    const passkey = { type: 1, name: 'P', login: { fido2Credentials: [{ keyAlgorithm: 'ECDSA', keyCurve: 'P-256', rpId: '', credentialId: 'AAECAwQ', keyValue: 'AAEC', userHandle: 'AA' }] } };
    expect(() => importBitwardenJson({ encrypted: false, items: [passkey] })).toThrow(/Item 1 \("P"\), passkey 1: rpId: must not be empty/);
  });

  // Found by import.fuzz.test.ts: a value quoted in a message was JSON.stringify-ed whole.
  it('refuses an unknown type nested a million deep or a megabyte long with a short message, not a stack overflow', async () => {
    const deep = `{"encrypted":false,"items":[{"type":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}]}`;
    await expect(importFile(new TextEncoder().encode(deep), { format: 'auto' })).rejects.toThrow(/Item 1: unknown Bitwarden item type a list; expected 1/);
    const long = { encrypted: false, items: [{ type: 1, login: { uris: [{ uri: 'https://a.example', match: 'm'.repeat(1_000_000) }] } }] };
    let message = '';
    try {
      importBitwardenJson(long);
    } catch (error) {
      expect(error).toBeInstanceOf(FormatError);
      message = (error as FormatError).message;
    }
    expect(message).toMatch(/website 1: unknown match setting "m{37}"\.\.\.\.$/);
  });
});
