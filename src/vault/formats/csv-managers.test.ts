import { describe, expect, it } from 'vitest';
import type { CardItem, IdentityItem, LoginItem } from '../model';
import { importCsv } from './csv-formats';
import { fixtureText } from './test-helpers';

const read = (name: string) => {
  const data = importCsv(fixtureText(name));
  const folderName = (id: string | null) => data.folders.find((f) => f.id === id)?.name ?? null;
  return { ...data, folderName };
};

describe('CSV exports of other password managers', () => {
  it('LastPass: TOTP, folders with subfolders, favorites, secure notes (structured ones kept whole), not taken for Chrome', () => {
    const { items, source, folderName, notImported } = read('lastpass.csv');
    expect(source).toBe('LastPass CSV');
    expect(notImported).toEqual([]);
    expect(items.map((i) => [i.type, i.name])).toEqual([['login', 'Contoso'], ['login', 'GitHub'], ['note', 'Home codes'], ['note', 'Visa card']]);
    const contoso = items[0] as LoginItem;
    expect(contoso).toMatchObject({ username: 'adele@contoso.com', password: 'Lp,pass"1"', totp: 'JBSWY3DPEHPK3PXP', notes: 'VPN uses the\nsecond gateway', favorite: true });
    expect(folderName(contoso.folderId)).toBe('Work / Servers');
    expect(items[2]).toMatchObject({ notes: 'Door code 4711\nBack gate 0815' });
    expect(folderName(items[2]!.folderId)).toBe('Personal');
    expect(items[3]!.notes).toContain('Number:4111111111111111');
    expect(items[3]!.folderId).toBeNull();
  });

  it('LastPass without the totp column (older exports)', () => {
    const { items, source } = importCsv('url,username,password,extra,name,grouping,fav\nhttps://a.example,u,p,,A,,0\n');
    expect(source).toBe('LastPass CSV');
    expect(items[0]).toMatchObject({ name: 'A', username: 'u' });
  });

  it('Proton Pass CSV: email as username when there is none, several URLs, vaults as folders; aliases listed as not imported', () => {
    const { items, source, folderName, notImported } = read('protonpass.csv');
    expect(source).toBe('Proton Pass CSV');
    expect(items.map((i) => [i.type, i.name])).toEqual([['login', 'Proton Mail'], ['login', 'Contoso'], ['note', 'Wi-Fi']]);
    const [mail, contoso] = items as LoginItem[];
    expect(mail).toMatchObject({ username: 'adele@proton.me', created: 1_700_000_000_000, updated: 1_710_000_000_000 });
    expect(mail!.totp).toMatch(/^otpauth:\/\/totp\/Proton/);
    expect(folderName(mail!.folderId)).toBe('Personal');
    expect(contoso).toMatchObject({
      username: 'adele',
      password: 'Co,ntoso"1"',
      notes: 'Two\nlines',
      websites: [{ url: 'https://contoso.com' }, { url: 'https://login.contoso.com' }],
      customFields: [{ name: 'Email', value: 'adele@contoso.com', hidden: false }],
    });
    expect(notImported).toEqual([{ what: 'CSV line 7 (item 4): "Shopping alias"', reason: expect.stringMatching(/alias is an email forwarding address/) }]);
  });

  it('Dashlane credentials.csv: OTP secret, extra usernames, categories as folders, CRLF lines', () => {
    const { items, source, folderName } = read('dashlane.csv');
    expect(source).toBe('Dashlane CSV');
    const [dropbox, fabrikam] = items as LoginItem[];
    expect(dropbox).toMatchObject({ name: 'Dropbox', username: 'adele@example.com', totp: 'JBSWY3DPEHPK3PXP', websites: [{ url: 'https://www.dropbox.com' }] });
    expect(folderName(dropbox!.folderId)).toBe('Work');
    expect(fabrikam).toMatchObject({ password: 'Fab,rikam"2"', notes: 'Line one\nLine two', customFields: [{ name: 'Username 2', value: 'adele.vance', hidden: false }], folderId: null });
  });

  it('Keeper: no header row; TOTP from its "TFC:Keeper" field, custom field pairs, shared folders', () => {
    const { items, source, folderName } = read('keeper.csv');
    expect(source).toBe('Keeper CSV (no header row)');
    const [vpn, github, bank] = items as LoginItem[];
    expect(vpn).toMatchObject({ name: 'Contoso VPN', notes: 'Use the\nsecond gateway', customFields: [{ name: 'Region', value: 'EU', hidden: false }] });
    expect(vpn!.totp).toMatch(/^otpauth:\/\/totp\/Keeper/);
    expect(folderName(vpn!.folderId)).toBe('Work');
    expect(github).toMatchObject({ password: 'Gh,keeper"3"' });
    expect(folderName(github!.folderId)).toBe('Team Shared');
    expect(folderName(bank!.folderId)).toBe('Personal / Banking');
  });

  it('NordPass: logins with extra URLs and custom fields, notes, cards, identities; folder rows become folders', () => {
    const { items, source, folders, folderName } = read('nordpass.csv');
    expect(source).toBe('NordPass CSV');
    expect(folders.map((f) => f.name)).toEqual(['Work']);
    expect(items.map((i) => [i.type, i.name])).toEqual([['login', 'Contoso'], ['note', 'Locker'], ['card', 'Visa'], ['identity', 'Me']]);
    const contoso = items[0] as LoginItem;
    expect(contoso).toMatchObject({
      password: 'N0rd,Pass"4"',
      websites: [{ url: 'https://login.contoso.com' }, { url: 'https://contoso.com' }],
      customFields: [{ name: 'Tenant', value: 'contoso', hidden: false }, { name: 'Recovery', value: 'r3c0v3ry', hidden: true }],
    });
    expect(folderName(contoso.folderId)).toBe('Work');
    expect(items[2] as CardItem).toMatchObject({ cardholderName: 'Adele Vance', number: '4111111111111111', code: '737', expiryMonth: '03', expiryYear: '2029', notes: 'PIN: 1234\nZIP code: 98052' });
    expect(items[3] as IdentityItem).toMatchObject({ fullName: 'Adele Vance', email: 'adele@example.com', phone: '+1 425 555 0100', address: '1 Main St\nApt 2\nRedmond WA 98052\nUS' });
  });

  it('Apple Passwords: told apart from 1Password by its exact header', () => {
    const { items, source } = read('apple-passwords.csv');
    expect(source).toBe('Apple Passwords CSV');
    expect(items[0]).toMatchObject({ name: 'accounts.google.com (adele@gmail.com)', username: 'adele@gmail.com', notes: 'Personal\naccount' });
    expect((items[0] as LoginItem).totp).toMatch(/^otpauth:\/\/totp\/Google/);
    expect(items[1]).toMatchObject({ password: 'Gh,apple"5"' });
    expect(read('1password-minimal.csv').source).toBe('1Password CSV');
  });

  it('KeePassXC CSV: groups under the root as folders, TOTP, times', () => {
    const { items, source, folderName } = read('keepassxc.csv');
    expect(source).toBe('KeePassXC CSV');
    const [contoso, github, build] = items as LoginItem[];
    expect(contoso).toMatchObject({ password: 'Kpxc,pass"6"', notes: 'Two\nlines', created: Date.parse('2023-01-15T09:30:00Z'), updated: Date.parse('2024-03-01T10:00:00Z') });
    expect(contoso!.totp).toMatch(/^otpauth:\/\/totp\/Contoso/);
    expect(folderName(contoso!.folderId)).toBe('Work');
    expect(github!.folderId).toBeNull();
    expect(folderName(build!.folderId)).toBe('Work / Servers');
  });

  it('reads any of them behind a byte-order mark', () => {
    for (const name of ['lastpass.csv', 'protonpass.csv', 'dashlane.csv', 'keeper.csv', 'nordpass.csv', 'apple-passwords.csv', 'keepassxc.csv']) {
      expect(importCsv(`\uFEFF${fixtureText(name)}`).items.length).toBe(importCsv(fixtureText(name)).items.length);
    }
  });

  it('still refuses an unknown header, and a seven-column one is not taken for Keeper', () => {
    expect(() => importCsv('a,b,c,d,Website Address,f,g\nx,y,z,1,2,3,4\n')).toThrow(/is not the header of a supported export/);
    expect(() => importCsv('url,username,password,extra,name,grouping,fav,mystery\nhttps://a,u,p,,A,,0,?\n')).toThrow(/looks like a LastPass export but has columns Latchkey does not know: mystery/);
  });
});
