import { describe, expect, it } from 'vitest';
import { compositeKey } from '../formats/kdbx/crypto';
import { importKdbx } from '../formats/kdbx/index';
import { parseXml } from '../formats/kdbx/xml';
import { encodeKdbxTime } from '../formats/kdbx/kdbx-time';
import { newItem, updateItem, type LoginItem } from '../model';
import { readSyncFile, readSyncXml, buildSyncXml, writeSyncFile } from './kdbx-file';
import { type SyncContent } from './merge';

const T = 1_760_000_000_123;
const CHEAP_KDF = { algorithm: 'argon2id', memoryKiB: 16384, iterations: 2, parallelism: 1 } as const;
const KEY = compositeKey('correct horse battery staple');

function sample(): SyncContent {
  const folder = { id: crypto.randomUUID(), name: 'Work' };
  const login = updateItem(
    newItem('login', { name: 'Contoso', username: 'adele', password: 'old', websites: [{ url: 'https://contoso.com' }, { url: 'https://login.contoso.com', match: 'host' }], totp: 'JBSWY3DPEHPK3PXP', folderId: folder.id, favorite: true, customFields: [{ name: 'PIN', value: '1234', hidden: true }] }, T),
    { password: 'S3cret!' },
    T + 1500,
  );
  const passkey = newItem(
    'passkey',
    {
      name: 'Passkey',
      rpId: 'webauthn.io',
      userName: 'adele',
      userHandle: 'dXNlcg',
      credentialId: 'Y3JlZA',
      privateKey:
        'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgevZzL1gdAFr88hb2OF/2NxApJCzGCEDdfSp6VQO30hyhRANCAAQRWz+jn65BtOMvdyHKcvjBeBSDZH2r1RTwjmYSi9R/zpBnuQ4EiMnCqfMPWiZqB4QdbAd0E7oH50VpuZ1P087G',
    },
    T,
  );
  return {
    items: [login, newItem('note', { name: 'Wifi', notes: 'hunter2' }, T), newItem('card', { name: 'Visa', number: '4111', expiryMonth: '04', expiryYear: '2030' }, T), passkey],
    folders: [folder],
    tombstones: [{ id: crypto.randomUUID(), deleted: T + 7 }],
  };
}

const plain = (v: string) => v;
const sorted = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));

describe('the sync file (KDBX 4)', () => {
  it('round-trips the synced content exactly, encrypted with the master password', async () => {
    const content = sample();
    const file = await writeSyncFile(content, KEY, CHEAP_KDF, T);
    const read = await readSyncFile(file, KEY);
    expect(sorted(read.items)).toEqual(sorted(content.items));
    expect(read.folders).toEqual(content.folders);
    expect(read.tombstones).toEqual(content.tombstones);
    // The same file is an ordinary KeePass database to the importer (and KeePassXC).
    const imported = await importKdbx(file, 'correct horse battery staple');
    expect(imported.items.map((i) => i.name).sort()).toEqual(['Contoso', 'Passkey', 'Visa', 'Wifi']);
    await expect(readSyncFile(file, compositeKey('another password'))).rejects.toMatchObject({ kind: 'wrong-password' });
  });

  it('reads an entry edited elsewhere as a newer revision, the old password kept in the history', () => {
    const content = sample();
    const login = content.items[0] as LoginItem;
    const xml = buildSyncXml(content, plain, T)
      .replace('<Value Protected="True">S3cret!</Value>', '<Value Protected="True">changed-in-keepassxc</Value>')
      .replace(new RegExp(`(<Key>Title</Key><Value>Contoso</Value>[\\s\\S]*?)`), '$1');
    const edited = xml.replace(
      new RegExp(`<LastModificationTime>${encodeKdbxTime(login.updated)}</LastModificationTime>`),
      `<LastModificationTime>${encodeKdbxTime(T + 60_000)}</LastModificationTime>`,
    );
    const read = readSyncXml(parseXml(edited));
    const item = read.items.find((i) => i.id === login.id) as LoginItem;
    expect(item).toMatchObject({ password: 'changed-in-keepassxc', revision: login.revision + 1, created: login.created, folderId: login.folderId, username: 'adele' });
    expect(item.updated).toBeGreaterThan(login.updated);
    expect(item.passwordHistory.map((h) => h.password)).toEqual(['S3cret!', 'old']);
    // Everything else comes back as it was stored.
    expect(sorted(read.items.filter((i) => i.id !== login.id))).toEqual(sorted(content.items.slice(1)));
  });

  it('takes KeePass deletions (DeletedObjects, recycle bin) as tombstones', () => {
    const content = sample();
    const note = content.items[1]!;
    const xml = buildSyncXml(content, plain, T);
    // KeePassXC deleting the note: the entry goes, a DeletedObject appears.
    const entryStart = xml.lastIndexOf('<Entry>', xml.indexOf('<Value>Wifi</Value>'));
    const entryEnd = xml.indexOf('</Entry>', xml.indexOf('<Value>Wifi</Value>')) + '</Entry>'.length;
    const uuid = /<UUID>([^<]+)<\/UUID>/.exec(xml.slice(entryStart))![1]!;
    const deleted = (xml.slice(0, entryStart) + xml.slice(entryEnd)).replace(
      '<DeletedObjects>',
      `<DeletedObjects><DeletedObject><UUID>${uuid}</UUID><DeletionTime>${encodeKdbxTime(T + 90_000)}</DeletionTime></DeletedObject>`,
    );
    const read = readSyncXml(parseXml(deleted));
    expect(read.items.map((i) => i.id)).not.toContain(note.id);
    expect(read.tombstones).toContainEqual({ id: note.id, deleted: Math.floor((T + 90_000) / 1000) * 1000 });
    expect(read.tombstones).toContainEqual(content.tombstones[0]);
  });

  it('reads entries KeePass made, with their UUIDs as ids', () => {
    const xml = `<KeePassFile><Meta/><Root><Group><UUID>AAECAwQFBgcICQoLDA0ODw==</UUID><Name>Root</Name>
      <Entry><UUID>EBESExQVFhcYGRobHB0eHw==</UUID><Times><CreationTime>${encodeKdbxTime(T)}</CreationTime><LastModificationTime>${encodeKdbxTime(T)}</LastModificationTime></Times>
      <String><Key>Title</Key><Value>New</Value></String><String><Key>Password</Key><Value>p</Value></String></Entry>
      <Group><UUID>ICEiIyQlJicoKSorLC0uLw==</UUID><Name>Sub</Name></Group></Group><DeletedObjects/></Root></KeePassFile>`;
    const read = readSyncXml(parseXml(xml));
    expect(read.items).toMatchObject([{ id: '10111213-1415-1617-1819-1a1b1c1d1e1f', name: 'New', password: 'p', revision: 1, folderId: null }]);
    expect(read.folders).toEqual([{ id: '20212223-2425-2627-2829-2a2b2c2d2e2f', name: 'Sub' }]);
  });
});
