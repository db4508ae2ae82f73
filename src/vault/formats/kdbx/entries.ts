// Latchkey items as KeePass entries and back. Logins use KeePass's standard
// fields (Title, UserName, Password, URL, Notes) plus "otp" for TOTP (as
// KeePassXC does) and KP2A_URL_n for extra websites. Types KeePass lacks are
// marked with a "Latchkey:Type" field; passkeys also carry KeePassXC's
// KPEX_PASSKEY_* fields so KeePassXC can use them.
import { fromBase64, toBase64 } from '../../bytes';
import type { CustomField, Folder, PasskeyItem, VaultData, VaultItem } from '../../model';
import { DEFAULT_URL_MATCH, MAX_PASSWORD_HISTORY, newId, URL_MATCH_MODES } from '../../model';
import type { UrlMatch } from '../../model';
import { decodeBase32 } from '../../totp';
import { buildItem, expiryMonth, expiryYear, itemLabel, totpOrField, websitesFrom } from '../build-item';
import { corrupt, FormatError } from '../errors';
import { shown } from '../json-read';
import { encodeKdbxTime, decodeKdbxTime } from './kdbx-time';
import { base64FromPem, coseAlgorithmOf, pemFromBase64 } from './passkey-keys';
import { child, childText, el, wrap } from './xml';
import type { XmlElement } from './xml';

const TYPE_KEY = 'Latchkey:Type';
/** KeePass has no per-URL match setting: kept here (comma list, one per website) when any is not the default. */
const MATCH_KEY = 'Latchkey:URL Match';
const FAVORITE_TAG = 'Favorite';

// Field names per Latchkey type.
const CARD = { number: 'Card Number', holder: 'Cardholder Name', brand: 'Brand', month: 'Expiry Month', year: 'Expiry Year', code: 'Security Code' } as const;
const IDENTITY = { fullName: 'Full Name', email: 'Email', phone: 'Phone', address: 'Address' } as const;
const PASSKEY = {
  credentialId: 'KPEX_PASSKEY_CREDENTIAL_ID',
  privateKey: 'KPEX_PASSKEY_PRIVATE_KEY_PEM',
  rpId: 'KPEX_PASSKEY_RELYING_PARTY',
  userName: 'KPEX_PASSKEY_USERNAME',
  userHandle: 'KPEX_PASSKEY_USER_HANDLE',
  rpName: 'Latchkey:RP Name',
  userDisplayName: 'Latchkey:User Display Name',
  signCount: 'Latchkey:Sign Count',
  discoverable: 'Latchkey:Discoverable',
} as const;

interface EntryString {
  key: string;
  value: string;
  protect: boolean;
}

function uuidBase64(id: string): string {
  const hex = id.replace(/-/g, '');
  return toBase64(Uint8Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16)));
}

/** KeePassXC reads TOTP from an otpauth URI in the "otp" field; bare secrets are turned into one. */
function otpUri(totp: string, name: string, username: string): string {
  if (/^otpauth:/i.test(totp.trim())) return totp.trim();
  const secret = totp.replace(/[\s-]+/g, '').replace(/=+$/, '').toUpperCase();
  const label = encodeURIComponent(username === '' ? name || 'Latchkey' : `${name}:${username}`);
  return `otpauth://totp/${label}?secret=${secret}&period=30&digits=6&algorithm=SHA1`;
}

function stringsOf(item: VaultItem): EntryString[] {
  const s = (key: string, value: string, protect = false): EntryString => ({ key, value, protect });
  const common = [s('Title', item.name), s('Notes', item.notes)];
  switch (item.type) {
    case 'login':
      return [
        ...common,
        s('UserName', item.username),
        s('Password', item.password, true),
        s('URL', item.websites[0]?.url ?? ''),
        ...item.websites.slice(1).map((w, i) => s(i === 0 ? 'KP2A_URL' : `KP2A_URL_${i}`, w.url)),
        ...(item.websites.every((w) => w.match === DEFAULT_URL_MATCH) ? [] : [s(MATCH_KEY, item.websites.map((w) => w.match).join(','))]),
        ...(item.totp === '' ? [] : [s('otp', otpUri(item.totp, item.name, item.username), true)]),
        ...item.customFields.map((f) => s(f.name, f.value, f.hidden)),
      ];
    case 'note':
      return [...common, s(TYPE_KEY, 'note')];
    case 'card':
      return [
        ...common,
        s(TYPE_KEY, 'card'),
        s(CARD.holder, item.cardholderName),
        s(CARD.number, item.number, true),
        s(CARD.brand, item.brand),
        s(CARD.month, item.expiryMonth),
        s(CARD.year, item.expiryYear),
        s(CARD.code, item.code, true),
      ];
    case 'identity':
      return [
        ...common,
        s(TYPE_KEY, 'identity'),
        s(IDENTITY.fullName, item.fullName),
        s(IDENTITY.email, item.email),
        s(IDENTITY.phone, item.phone),
        s(IDENTITY.address, item.address),
      ];
    case 'passkey':
      return [
        ...common,
        s(TYPE_KEY, 'passkey'),
        s('UserName', item.userName),
        s('URL', `https://${item.rpId}`),
        s(PASSKEY.credentialId, item.credentialId),
        s(PASSKEY.privateKey, pemFromBase64(item.privateKey), true),
        s(PASSKEY.rpId, item.rpId),
        s(PASSKEY.userName, item.userName),
        s(PASSKEY.userHandle, item.userHandle, true),
        s(PASSKEY.rpName, item.rpName),
        s(PASSKEY.userDisplayName, item.userDisplayName),
        s(PASSKEY.signCount, String(item.signCount)),
        s(PASSKEY.discoverable, item.discoverable ? 'True' : 'False'),
      ];
  }
}

/** KeePass needs unique, non-empty keys within an entry; custom field names may collide. */
function uniqueKeys(strings: EntryString[]): EntryString[] {
  const used = new Set<string>();
  return strings.map((entry, i) => {
    const base = entry.key.trim() === '' ? `Field ${i + 1}` : entry.key;
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base} (${n})`;
    used.add(key);
    return { ...entry, key };
  });
}

type Protect = (value: string) => string;

function timesXml(created: number, updated: number): string {
  const c = encodeKdbxTime(created);
  const u = encodeKdbxTime(updated);
  return wrap('Times', el('CreationTime', c), el('LastModificationTime', u), el('LastAccessTime', u), el('ExpiryTime', u), el('Expires', 'False'), el('UsageCount', '0'), el('LocationChanged', u));
}

function stringsXml(strings: EntryString[], protect: Protect): string {
  return uniqueKeys(strings)
    .map((entry) =>
      wrap(
        'String',
        el('Key', entry.key),
        entry.protect ? el('Value', protect(entry.value), { Protected: 'True' }) : el('Value', entry.value),
      ),
    )
    .join('');
}

/** The strings an item's entry holds, with the keys as written (for sync's change detection). */
export function entryStrings(item: VaultItem): { key: string; value: string }[] {
  return uniqueKeys(stringsOf(item)).map(({ key, value }) => ({ key, value }));
}

/** Extra data sync keeps in the file the way KeePass keeps custom data (entry and database CustomData, DeletedObjects). */
export interface KdbxExtras {
  rootId: string;
  databaseName: string;
  entryCustomData: (item: VaultItem) => Record<string, string>;
  metaCustomData: Record<string, string>;
  deleted: { id: string; deleted: number }[];
}

function customDataXml(data: Record<string, string>): string {
  const items = Object.entries(data).map(([key, value]) => wrap('Item', el('Key', key), el('Value', value)));
  return items.length === 0 ? '' : wrap('CustomData', ...items);
}

function entryXml(item: VaultItem, protect: Protect, extras?: KdbxExtras): string {
  const strings = stringsOf(item);
  const head = [el('UUID', uuidBase64(item.id)), el('IconID', '0'), el('Tags', item.favorite ? FAVORITE_TAG : ''), timesXml(item.created, item.updated)];
  // Protected values must be encrypted in document order: strings first, then history.
  const body = stringsXml(strings, protect) + (extras ? customDataXml(extras.entryCustomData(item)) : '');
  let history = '';
  if (item.type === 'login' && item.passwordHistory.length > 0) {
    // KeePass keeps history oldest first; each old version carries its own password.
    const versions = [...item.passwordHistory].reverse().map((old) => {
      const oldStrings = strings.map((s) => (s.key === 'Password' ? { ...s, value: old.password } : s));
      return wrap('Entry', el('UUID', uuidBase64(item.id)), el('IconID', '0'), el('Tags', ''), timesXml(item.created, old.changed), stringsXml(oldStrings, protect));
    });
    history = wrap('History', ...versions);
  }
  return wrap('Entry', ...head, body, history);
}

function groupXml(id: string, name: string, items: VaultItem[], protect: Protect, now: number, subgroups: () => string = () => '', extras?: KdbxExtras): string {
  const entries = items.map((item) => entryXml(item, protect, extras)).join('');
  return wrap('Group', el('UUID', uuidBase64(id)), el('Name', name), el('Notes', ''), el('IconID', '48'), timesXml(now, now), el('IsExpanded', 'True'), entries, subgroups());
}

/** The KeePass XML document for a vault: a "Latchkey" root group, one subgroup per folder. */
export function buildKdbxXml(data: Pick<VaultData, 'items' | 'folders'>, protect: Protect, now: number = Date.now(), extras?: KdbxExtras): string {
  const t = encodeKdbxTime(now);
  const meta = wrap(
    'Meta',
    el('Generator', 'Latchkey'),
    el('DatabaseName', extras?.databaseName ?? 'Latchkey export'),
    el('DatabaseNameChanged', t),
    el('DefaultUserNameChanged', t),
    el('MaintenanceHistoryDays', '365'),
    wrap('MemoryProtection', el('ProtectTitle', 'False'), el('ProtectUserName', 'False'), el('ProtectPassword', 'True'), el('ProtectURL', 'False'), el('ProtectNotes', 'False')),
    el('RecycleBinEnabled', 'False'),
    el('HistoryMaxItems', String(MAX_PASSWORD_HISTORY + 1)),
    el('HistoryMaxSize', '6291456'),
    extras ? customDataXml(extras.metaCustomData) : '',
  );
  const rootItems = data.items.filter((item) => item.folderId === null);
  const root = groupXml(
    extras?.rootId ?? newId(),
    'Latchkey',
    rootItems,
    protect,
    now,
    () =>
      data.folders
        .map((folder) => groupXml(folder.id, folder.name, data.items.filter((item) => item.folderId === folder.id), protect, now, undefined, extras))
        .join(''),
    extras,
  );
  const deleted = (extras?.deleted ?? []).map((d) => wrap('DeletedObject', el('UUID', uuidBase64(d.id)), el('DeletionTime', encodeKdbxTime(d.deleted))));
  const deletedXml = deleted.length === 0 ? '<DeletedObjects/>' : wrap('DeletedObjects', ...deleted);
  return `<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n${wrap('KeePassFile', meta, wrap('Root', root, deletedXml))}`;
}

// ---------------------------------------------------------------------------
// Reading

interface ReadString {
  value: string;
  protected: boolean;
}

function readStrings(entry: XmlElement): Map<string, ReadString> {
  const strings = new Map<string, ReadString>();
  for (const s of entry.children) {
    if (s.name !== 'String') continue;
    const value = child(s, 'Value');
    strings.set(childText(s, 'Key'), { value: value?.text ?? '', protected: value?.attributes.Protected?.toLowerCase() === 'true' });
  }
  return strings;
}

/** KeePassXC before "otp" stored "TOTP Seed" and "TOTP Settings" ("period;digits"). */
function legacyTotp(strings: Map<string, ReadString>): string {
  const seed = strings.get('TOTP Seed')?.value.trim() ?? '';
  if (seed === '') return '';
  const settings = /^(\d+);(\d+)$/.exec(strings.get('TOTP Settings')?.value.trim() ?? '30;6');
  if (!settings) return seed; // e.g. Steam codes: kept as an unrecognised value by totpOrField
  try {
    decodeBase32(seed);
  } catch {
    return seed;
  }
  return `otpauth://totp/Imported?secret=${seed.replace(/\s+/g, '')}&period=${settings[1]}&digits=${settings[2]}`;
}

interface EntryContext {
  where: string;
  folderId: string | null;
}

function readEntry(entry: XmlElement, context: EntryContext): VaultItem[] {
  const strings = readStrings(entry);
  const consumed = new Set<string>();
  const take = (key: string): string => {
    consumed.add(key);
    return strings.get(key)?.value ?? '';
  };
  const times = child(entry, 'Times');
  const itemTimes = {
    created: times ? decodeKdbxTime(childText(times, 'CreationTime')) : null,
    updated: times ? decodeKdbxTime(childText(times, 'LastModificationTime')) : null,
  };
  const tags = childText(entry, 'Tags').split(/[;,]/).map((t) => t.trim().toLowerCase());
  const common = { name: take('Title'), notes: take('Notes'), favorite: tags.includes('favorite'), folderId: context.folderId };
  const { where } = context;
  const type = take(TYPE_KEY);
  const leftovers = (): CustomField[] =>
    [...strings]
      .filter(([key]) => !consumed.has(key) && !key.startsWith('Latchkey:') && key !== 'TOTP Seed' && key !== 'TOTP Settings')
      .map(([key, s]) => ({ name: key, value: s.value, hidden: s.protected }));
  /** Types without custom fields keep unknown fields in their notes rather than lose them. */
  const notesWithLeftovers = () => [common.notes, ...leftovers().map((f) => `${f.name}: ${f.value}`)].filter((p) => p !== '').join('\n');

  if (type === 'card') {
    const fields = { cardholderName: take(CARD.holder), number: take(CARD.number), brand: take(CARD.brand), code: take(CARD.code) };
    const month = expiryMonth(take(CARD.month), where);
    const year = expiryYear(take(CARD.year), where);
    return [buildItem('card', { ...common, ...fields, expiryMonth: month, expiryYear: year, notes: notesWithLeftovers() }, where, itemTimes)];
  }
  if (type === 'identity') {
    const fields = { fullName: take(IDENTITY.fullName), email: take(IDENTITY.email), phone: take(IDENTITY.phone), address: take(IDENTITY.address) };
    return [buildItem('identity', { ...common, ...fields, notes: notesWithLeftovers() }, where, itemTimes)];
  }
  if (type === 'note') return [buildItem('note', { ...common, notes: notesWithLeftovers() }, where, itemTimes)];
  if (type !== '' && type !== 'login' && type !== 'passkey') corrupt(`${where}: unknown ${TYPE_KEY} ${shown(type)}.`);

  const passkeys = strings.has(PASSKEY.privateKey) ? [readPasskey(take, common, where, itemTimes)] : [];
  const username = take('UserName');
  const password = take('Password');
  const urls = [take('URL'), ...[...strings.keys()].filter((k) => /^KP2A_URL(_\d+)?$/.test(k)).map(take)];
  const matches = take(MATCH_KEY).split(',');
  const otp = take('otp') || legacyTotp(strings);
  const { totp, fields: badTotp } = totpOrField(otp);
  const customFields = [...leftovers(), ...badTotp];
  if (passkeys.length > 0 && password === '' && totp === '' && customFields.length === 0) return passkeys;
  if (type === '' && passkeys.length === 0 && username === '' && password === '' && urls.every((u) => u.trim() === '') && totp === '' && customFields.length === 0) {
    return [buildItem('note', common, where, itemTimes)];
  }
  const login = buildItem(
    'login',
    { ...common, username, password, websites: withMatches(websitesFrom(urls), matches), totp, customFields, passwordHistory: readHistory(entry, password) },
    where,
    itemTimes,
  );
  return [login, ...passkeys];
}

function withMatches(websites: { url: string }[], matches: string[]) {
  return websites.map((w, i) => {
    const match = matches[i]?.trim() as UrlMatch | undefined;
    return match !== undefined && URL_MATCH_MODES.includes(match) ? { ...w, match } : w;
  });
}

function readPasskey(take: (key: string) => string, common: { name: string; notes: string; favorite: boolean; folderId: string | null }, where: string, times: { created: number | null; updated: number | null }): PasskeyItem {
  let privateKey: string;
  try {
    privateKey = base64FromPem(take(PASSKEY.privateKey));
  } catch {
    return corrupt(`${where}: the passkey's private key is not a PEM "PRIVATE KEY".`);
  }
  const algorithm = coseAlgorithmOf(fromBase64(privateKey));
  if (algorithm === null) throw new FormatError('unsupported', `${where}: the passkey's key type is not one Latchkey knows.`);
  const rpId = take(PASSKEY.rpId);
  const userName = take(PASSKEY.userName);
  const signCount = take(PASSKEY.signCount).trim();
  if (!/^\d*$/.test(signCount)) corrupt(`${where}: the passkey's sign count is not a number.`);
  return buildItem(
    'passkey',
    {
      ...common,
      rpId,
      rpName: take(PASSKEY.rpName) || rpId,
      userName,
      userDisplayName: take(PASSKEY.userDisplayName) || userName,
      userHandle: take(PASSKEY.userHandle).trim().replace(/=+$/, ''),
      credentialId: take(PASSKEY.credentialId).trim().replace(/=+$/, ''),
      algorithm,
      privateKey,
      signCount: signCount === '' ? 0 : Number(signCount),
      discoverable: take(PASSKEY.discoverable).toLowerCase() !== 'false',
    },
    where,
    times,
  );
}

function readHistory(entry: XmlElement, current: string) {
  const history = child(entry, 'History');
  if (!history) return [];
  const old = history.children
    .filter((e) => e.name === 'Entry')
    .map((e) => {
      const times = child(e, 'Times');
      return { password: readStrings(e).get('Password')?.value ?? '', changed: (times && decodeKdbxTime(childText(times, 'LastModificationTime'))) ?? 0 };
    })
    .sort((a, b) => b.changed - a.changed);
  // History holds whole old versions; only the passwords that changed matter here.
  const passwords: { password: string; changed: number }[] = [];
  let newer = current;
  for (const version of old) {
    if (version.password !== '' && version.password !== newer) passwords.push(version);
    newer = version.password;
  }
  return passwords.slice(0, MAX_PASSWORD_HISTORY);
}

function uuidText(group: XmlElement): string {
  return childText(group, 'UUID').trim();
}

/** Items and folders from a KeePass document; group paths become folder names, the recycle bin is skipped. */
export function readKdbxXml(root: XmlElement): { folders: Folder[]; items: VaultItem[] } {
  if (root.name !== 'KeePassFile') corrupt('The KeePass file\'s XML has no KeePassFile element.');
  const meta = child(root, 'Meta');
  const recycleBin = meta ? childText(meta, 'RecycleBinUUID').trim() : '';
  const top = child(root, 'Root');
  const rootGroup = top && child(top, 'Group');
  if (!rootGroup) corrupt('The KeePass file\'s XML has no root group.');
  const folders: Folder[] = [];
  const items: VaultItem[] = [];
  const visit = (group: XmlElement, path: string[]) => {
    let folderId: string | null = null;
    if (path.length > 0) {
      folderId = newId();
      folders.push({ id: folderId, name: path.join(' / ') });
    }
    for (const node of group.children) {
      if (node.name === 'Entry') {
        const where = itemLabel(items.length, readStrings(node).get('Title')?.value ?? '');
        items.push(...readEntry(node, { where, folderId }));
      } else if (node.name === 'Group') {
        if (recycleBin !== '' && recycleBin !== 'AAAAAAAAAAAAAAAAAAAAAA==' && uuidText(node) === recycleBin) continue;
        visit(node, [...path, childText(node, 'Name')]);
      }
    }
  };
  visit(rootGroup, []);
  return { folders, items };
}
