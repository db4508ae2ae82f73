import { describe, expect, it } from 'vitest';
import type { LoginItem } from '../model';
import { exportCsv, importCsv } from './csv-formats';
import { comparable, fixtureText, sampleVault } from './test-helpers';

const logins = (text: string) => importCsv(text).items as LoginItem[];

describe('CSV import, by source', () => {
  it('reads a Latchkey CSV, with several websites and a multi-line note', () => {
    const [item] = logins(fixtureText('latchkey.csv'));
    expect(item).toMatchObject({
      type: 'login',
      name: 'Contoso',
      username: 'adele',
      password: 'S3cret,"x"',
      totp: 'JBSWY3DPEHPK3PXPJBSWY3DP',
      notes: 'two\r\nlines',
      websites: [{ url: 'https://login.contoso.com' }, { url: 'https://contoso.com' }],
    });
  });

  it('reads a Bitwarden CSV: folders, favorites, notes, custom fields, several URIs', () => {
    const { folders, items } = importCsv(fixtureText('bitwarden.csv'));
    expect(folders.map((f) => f.name)).toEqual(['Work', 'Social']);
    expect(items.map((i) => [i.type, i.name])).toEqual([
      ['login', 'Contoso VPN'],
      ['note', 'Locker combination'],
      ['login', 'Mastodon'],
    ]);
    expect(items[0]).toMatchObject({
      favorite: true,
      folderId: folders[0]!.id,
      notes: 'Use the\nsecond gateway',
      password: 'p@ss,"word"',
      websites: [{ url: 'https://vpn.contoso.com' }, { url: 'https://vpn2.contoso.com' }],
      customFields: [
        { name: 'Region', value: 'EU', hidden: false },
        { name: 'Token', value: '1234', hidden: false },
      ],
    });
    expect(items[1]).toMatchObject({ notes: '12-34-56', folderId: null });
  });

  it('reads Chrome and Edge CSVs, naming nameless logins after their site', () => {
    const chrome = logins(fixtureText('chrome.csv'));
    expect(chrome.map((i) => [i.name, i.username, i.password, i.notes])).toEqual([
      ['accounts.google.com', 'adele.vance@gmail.com', 'G00gle-Pass!', ''],
      ['github.com', 'adelev', 'gh,pass"quoted"', 'Work account'],
      ['example.net', 'someone', 'example-pass', ''],
    ]);
    expect(logins(fixtureText('edge.csv'))[0]).toMatchObject({ name: 'login.live.com', password: 'Edge-Pa55!' });
  });

  it('reads a Firefox CSV with its times', () => {
    const [first, second] = logins(fixtureText('firefox.csv'));
    expect(first).toMatchObject({ name: 'accounts.firefox.com', username: 'adele@example.com', created: 1672531200000, updated: 1688169600000 });
    expect(second).toMatchObject({ username: 'CONTOSO\\adele', websites: [{ url: 'https://intranet.contoso.com', match: 'domain' }] });
  });

  it('reads 1Password CSVs, full and minimal', () => {
    const [dropbox, netflix] = logins(fixtureText('1password.csv'));
    expect(dropbox).toMatchObject({ name: 'Dropbox', favorite: true, notes: 'Shared folder owner' });
    expect(dropbox!.totp).toMatch(/^otpauth:\/\/totp\/Dropbox/);
    expect(netflix).toMatchObject({ favorite: false, totp: '' });
    expect(logins(fixtureText('1password-minimal.csv'))[0]).toMatchObject({ name: 'Zoom', password: 'Zo0m-Zo0m' });
  });

  it('keeps a TOTP value it cannot use as a hidden field instead of refusing the file', () => {
    const [item] = logins('name,url,username,password,totp,notes\nSteam,https://steampowered.com,a,b,steam://ABCDEF,\n');
    expect(item!.totp).toBe('');
    expect(item!.customFields).toEqual([{ name: 'TOTP (not recognised)', value: 'steam://ABCDEF', hidden: true }]);
  });
});

describe('CSV import refusals', () => {
  it('names the supported headers when the header is unknown, and quotes no cell of the file that is not a known column name', () => {
    expect(() => importCsv(fixtureText('unknown-header.csv'))).toThrow(
      /first row \(…,…,…\) is not the header of a supported export\. Expected the header of one of: Latchkey \(name,url,username,password,totp,notes\); Bitwarden/,
    );
    // A file without a header: its first row is an item, password included; the message must not repeat it.
    expect(() => importCsv('My bank,https://bank.example,alice,Hunter-Secret-42,x,y,z\n')).toThrow(/^(?!.*Hunter-Secret-42)/s);
  });

  it('refuses unbalanced quotes with the line number', () => {
    expect(() => importCsv(fixtureText('unbalanced-quotes.csv'))).toThrow(/CSV line 2: a quoted field is never closed/);
  });

  it('refuses columns it would silently drop, rows of the wrong width, repeated columns and empty files', () => {
    expect(() => importCsv('name,url,username,password,color\nA,https://a.example,u,p,red\n')).toThrow(
      /looks like a Chrome or Edge export but has columns Latchkey does not know: color/,
    );
    expect(() => importCsv('name,url,username,password\nA,https://a.example,u\n')).toThrow(/CSV line 2: 3 fields, but the header has 4/);
    expect(() => importCsv('url,url,username,password\n')).toThrow(/names the column "url" twice/);
    expect(() => importCsv('')).toThrow(/The CSV file is empty/);
  });

  it('refuses an unknown Bitwarden item type and names the line', () => {
    const text = 'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n,,card,Visa,,,0,,,,\n';
    expect(() => importCsv(text)).toThrow(/CSV line 2 \(item 1\): unknown Bitwarden item type "card"/);
  });
});

describe('CSV export', () => {
  it('writes logins only, as name,url,username,password,totp,notes, and reads back the same logins', () => {
    const vault = sampleVault();
    const text = exportCsv(vault);
    expect(text.split('\r\n')[0]).toBe('name,url,username,password,totp,notes');
    const back = importCsv(text).items;
    expect(back).toHaveLength(1);
    const original = vault.items[0] as LoginItem;
    expect(back[0]).toMatchObject({
      name: original.name,
      username: original.username,
      password: original.password,
      totp: original.totp,
      notes: original.notes,
      websites: original.websites.map((w) => ({ url: w.url })),
    });
    expect(comparable(back[0]!)).not.toHaveProperty('id');
  });

  // Found by import.fuzz.test.ts: every unknown column was listed, making messages of tens of kilobytes.
  it('names at most a dozen columns when it refuses thousands', () => {
    const columns = Array.from({ length: 5000 }, (_, i) => `c${i}`);
    const refuse = (text: string) => {
      try {
        importCsv(text);
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    };
    const unknown = refuse(`name,url,username,password,${columns.join(',')}\n`);
    expect(unknown).toMatch(/columns Latchkey does not know: c0, c1, .*, c11, \.\.\. \(5000 in all\)\. Expected name,url,username,password,note\.$/);
    const unsupported = refuse(`${'z'.repeat(100_000)},${columns.join(',')}\n`);
    expect(unsupported).toMatch(/^This CSV file's first row \((…,){12}\.\.\. \(5001 in all\)\) is not/);
    expect(unsupported.length).toBeLessThan(2000);
  });
});
