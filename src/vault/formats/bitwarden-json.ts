// Bitwarden's unencrypted JSON export ("File format: .json"): folders, and
// items of type 1 login, 2 secure note, 3 card, 4 identity (5 SSH key is read
// as a note). Passkeys live inside logins as login.fido2Credentials.
import { fromBase64, fromBase64Url, toBase64, toBase64Url } from '../bytes';
import type { CustomField, Folder, IdentityItem, PasskeyItem, UrlMatch, VaultData, VaultItem } from '../model';
import { MAX_PASSWORD_HISTORY, newId } from '../model';
import { buildItem, expiryMonth, expiryYear, itemLabel, parseTime, totpOrField } from './build-item';
import { corrupt, FormatError } from './errors';
import { booleanAt, isObject, listAt, objectAt, optionalObject, shown, textAt } from './json-read';
import type { JsonObject } from './json-read';
import type { ImportedData } from './types';

const MATCH_TO_BITWARDEN: Readonly<Record<UrlMatch, number>> = { domain: 0, host: 1, startsWith: 2, exact: 3, never: 5 };
// 4 is "regular expression", which Latchkey cannot evaluate: such a website is kept but never filled.
const MATCH_FROM_BITWARDEN: Readonly<Record<number, UrlMatch>> = { 0: 'domain', 1: 'host', 2: 'startsWith', 3: 'exact', 4: 'never', 5: 'never' };

const ES256 = -7;

// ---------------------------------------------------------------------------
// Credential ids: Bitwarden writes 16-byte ids as a GUID and others as "b64." + base64url.

const GUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

export function credentialIdToBitwarden(id: string): string {
  const bytes = fromBase64Url(id);
  if (bytes.length !== 16) return `b64.${id}`;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function credentialIdFromBitwarden(text: string, where: string): string {
  if (GUID.test(text)) {
    const hex = text.replace(/-/g, '');
    return toBase64Url(Uint8Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16)));
  }
  const encoded = text.startsWith('b64.') ? text.slice(4) : text;
  try {
    return toBase64Url(fromBase64Url(encoded.replace(/=+$/, '')));
  } catch {
    return corrupt(`${where}: the passkey's credentialId is neither a GUID nor base64url.`);
  }
}

/** Bitwarden's keyValue is base64url of the PKCS#8 key; some tools pad it or use standard base64. */
function pkcs8FromBitwarden(text: string, where: string): string {
  const unpadded = text.trim().replace(/=+$/, '');
  try {
    return toBase64(fromBase64Url(unpadded.replace(/\+/g, '-').replace(/\//g, '_')));
  } catch {
    return corrupt(`${where}: the passkey's keyValue is not base64url.`);
  }
}

// ---------------------------------------------------------------------------
// Export

function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

function splitName(fullName: string): { firstName: string | null; lastName: string | null } {
  const trimmed = fullName.trim();
  if (trimmed === '') return { firstName: null, lastName: null };
  const at = trimmed.lastIndexOf(' ');
  return at < 0 ? { firstName: trimmed, lastName: null } : { firstName: trimmed.slice(0, at), lastName: trimmed.slice(at + 1) };
}

const orNull = (text: string): string | null => (text === '' ? null : text);

function fido2Credential(item: PasskeyItem): JsonObject {
  if (item.algorithm !== ES256) {
    throw new FormatError(
      'unsupported',
      `The passkey "${item.name || item.rpId}" uses COSE algorithm ${item.algorithm}; Bitwarden's format only holds ES256 (ECDSA P-256) passkeys.`,
    );
  }
  return {
    credentialId: credentialIdToBitwarden(item.credentialId),
    keyType: 'public-key',
    keyAlgorithm: 'ECDSA',
    keyCurve: 'P-256',
    keyValue: toBase64Url(fromBase64(item.privateKey)),
    rpId: item.rpId,
    userHandle: item.userHandle,
    userName: item.userName,
    counter: String(item.signCount),
    rpName: item.rpName,
    userDisplayName: item.userDisplayName,
    discoverable: String(item.discoverable),
    creationDate: isoTime(item.created),
  };
}

function exportItem(item: VaultItem): JsonObject {
  const base: JsonObject = {
    passwordHistory: null,
    revisionDate: isoTime(item.updated),
    creationDate: isoTime(item.created),
    deletedDate: null,
    id: item.id,
    organizationId: null,
    folderId: item.folderId,
    type: 1,
    reprompt: 0,
    name: item.name,
    notes: orNull(item.notes),
    favorite: item.favorite,
  };
  switch (item.type) {
    case 'login':
      return {
        ...base,
        passwordHistory:
          item.passwordHistory.length === 0
            ? null
            : item.passwordHistory.map((h) => ({ lastUsedDate: isoTime(h.changed), password: h.password })),
        fields: item.customFields.map((f) => ({ name: f.name, value: f.value, type: f.hidden ? 1 : 0, linkedId: null })),
        login: {
          fido2Credentials: [],
          uris: item.websites.map((w) => ({ match: w.match === 'domain' ? null : MATCH_TO_BITWARDEN[w.match], uri: w.url })),
          username: orNull(item.username),
          password: orNull(item.password),
          totp: orNull(item.totp),
        },
        collectionIds: null,
      };
    case 'passkey':
      return {
        ...base,
        name: item.name || item.rpName || item.rpId,
        login: {
          fido2Credentials: [fido2Credential(item)],
          uris: [{ match: null, uri: `https://${item.rpId}` }],
          username: orNull(item.userName),
          password: null,
          totp: null,
        },
        collectionIds: null,
      };
    case 'note':
      return { ...base, type: 2, secureNote: { type: 0 }, collectionIds: null };
    case 'card':
      return {
        ...base,
        type: 3,
        card: {
          cardholderName: orNull(item.cardholderName),
          brand: orNull(item.brand),
          number: orNull(item.number),
          // Bitwarden writes months without a leading zero.
          expMonth: item.expiryMonth === '' ? null : String(Number(item.expiryMonth)),
          expYear: orNull(item.expiryYear),
          code: orNull(item.code),
        },
        collectionIds: null,
      };
    case 'identity':
      return { ...base, type: 4, identity: exportIdentity(item), collectionIds: null };
  }
}

function exportIdentity(item: IdentityItem): JsonObject {
  return {
    title: null,
    ...splitName(item.fullName),
    middleName: null,
    address1: orNull(item.address),
    address2: null,
    address3: null,
    city: null,
    state: null,
    postalCode: null,
    country: null,
    company: null,
    email: orNull(item.email),
    phone: orNull(item.phone),
    ssn: null,
    username: null,
    passportNumber: null,
    licenseNumber: null,
  };
}

export function exportBitwardenJson(data: VaultData): string {
  return JSON.stringify(
    { encrypted: false, folders: data.folders.map((f) => ({ id: f.id, name: f.name })), items: data.items.map(exportItem) },
    null,
    2,
  );
}

// ---------------------------------------------------------------------------
// Import

/** True when parsed JSON has the shape of a Bitwarden export (encrypted or not). */
export function isBitwardenJson(value: unknown): boolean {
  return isObject(value) && typeof value.encrypted === 'boolean' && (Array.isArray(value.items) || typeof value.data === 'string');
}

function importFields(item: JsonObject, where: string): CustomField[] {
  return listAt(item, 'fields', where).flatMap((raw, i) => {
    const at = `${where}, field ${i + 1}`;
    const field = objectAt(raw, at);
    const type = field.type ?? 0;
    if (type === 3) return []; // "linked" fields only point at the username or password: no data of their own
    if (type !== 0 && type !== 1 && type !== 2) corrupt(`${at}: unknown field type ${shown(type)}.`);
    return [{ name: textAt(field, 'name', at), value: textAt(field, 'value', at), hidden: type === 1 }];
  });
}

function importHistory(item: JsonObject, where: string) {
  return listAt(item, 'passwordHistory', where)
    .map((raw, i) => {
      const at = `${where}, password history ${i + 1}`;
      const entry = objectAt(raw, at);
      return { password: textAt(entry, 'password', at), changed: parseTime(entry.lastUsedDate) ?? 0 };
    })
    .filter((h) => h.password !== '')
    .sort((a, b) => b.changed - a.changed)
    .slice(0, MAX_PASSWORD_HISTORY);
}

function importPasskeys(login: JsonObject, common: Common, where: string): VaultItem[] {
  return listAt(login, 'fido2Credentials', where).map((raw, i) => {
    const at = `${where}, passkey ${i + 1}`;
    const credential = objectAt(raw, at);
    const algorithm = textAt(credential, 'keyAlgorithm', at);
    const curve = textAt(credential, 'keyCurve', at);
    if (algorithm !== 'ECDSA' || curve !== 'P-256') {
      throw new FormatError('unsupported', `${at}: a ${algorithm} ${curve} passkey; Latchkey reads ECDSA P-256 passkeys only.`);
    }
    const counter = textAt(credential, 'counter', at);
    if (!/^\d*$/.test(counter)) corrupt(`${at}: the passkey's counter ${JSON.stringify(counter)} is not a number.`);
    const rpId = textAt(credential, 'rpId', at);
    return buildItem(
      'passkey',
      {
        ...common.fields,
        rpId,
        rpName: textAt(credential, 'rpName', at) || rpId,
        userName: textAt(credential, 'userName', at),
        userDisplayName: textAt(credential, 'userDisplayName', at),
        userHandle: textAt(credential, 'userHandle', at).replace(/=+$/, ''),
        credentialId: credentialIdFromBitwarden(textAt(credential, 'credentialId', at), at),
        algorithm: ES256,
        privateKey: pkcs8FromBitwarden(textAt(credential, 'keyValue', at), at),
        signCount: counter === '' ? 0 : Number(counter),
        discoverable: booleanAt(credential, 'discoverable', at),
      },
      at,
      { created: parseTime(credential.creationDate), updated: common.times.updated },
    );
  });
}

interface Common {
  fields: { name: string; notes: string; favorite: boolean; folderId: string | null };
  times: { created: number | null; updated: number | null };
}

function importLogin(item: JsonObject, common: Common, where: string): VaultItem[] {
  const login = optionalObject(item, 'login', where) ?? {};
  const websites = listAt(login, 'uris', where).flatMap((raw, i) => {
    const at = `${where}, website ${i + 1}`;
    const uri = objectAt(raw, at);
    const url = textAt(uri, 'uri', at).trim();
    if (url === '') return [];
    const match = uri.match === null || uri.match === undefined ? 'domain' : MATCH_FROM_BITWARDEN[uri.match as number];
    if (match === undefined) corrupt(`${at}: unknown match setting ${shown(uri.match)}.`);
    return [{ url, match }];
  });
  const { totp, fields: totpFields } = totpOrField(textAt(login, 'totp', where));
  const customFields = [...importFields(item, where), ...totpFields];
  const password = textAt(login, 'password', where);
  const passkeys = importPasskeys(login, common, where);
  // A login that only carried a passkey becomes just the passkey item.
  if (passkeys.length > 0 && password === '' && totp === '' && customFields.length === 0) return passkeys;
  const loginItem = buildItem(
    'login',
    {
      ...common.fields,
      username: textAt(login, 'username', where),
      password,
      websites,
      totp,
      customFields,
      passwordHistory: importHistory(item, where),
    },
    where,
    common.times,
  );
  return [loginItem, ...passkeys];
}

function joinLines(parts: string[]): string {
  return parts.map((p) => p.trim()).filter((p) => p !== '').join('\n');
}

function importIdentity(item: JsonObject, common: Common, where: string): VaultItem {
  const identity = optionalObject(item, 'identity', where) ?? {};
  const t = (key: string) => textAt(identity, key, where);
  const cityLine = [t('postalCode'), t('city'), t('state')].filter((p) => p.trim() !== '').join(' ');
  // Fields Latchkey's identity has no place for are kept in the notes rather than lost.
  const extras = (
    [
      ['Company', 'company'],
      ['Username', 'username'],
      ['SSN', 'ssn'],
      ['Passport number', 'passportNumber'],
      ['Licence number', 'licenseNumber'],
    ] as const
  )
    .filter(([, key]) => t(key).trim() !== '')
    .map(([label, key]) => `${label}: ${t(key)}`);
  return buildItem(
    'identity',
    {
      ...common.fields,
      notes: joinLines([common.fields.notes, ...extras]),
      fullName: [t('title'), t('firstName'), t('middleName'), t('lastName')].filter((p) => p.trim() !== '').join(' '),
      email: t('email'),
      phone: t('phone'),
      address: joinLines([t('address1'), t('address2'), t('address3'), cityLine, t('country')]),
    },
    where,
    common.times,
  );
}

function importItem(raw: unknown, index: number, folderIds: Map<string, string>): VaultItem[] {
  const item = objectAt(raw, `Item ${index + 1}`);
  const name = textAt(item, 'name', `Item ${index + 1}`);
  const where = itemLabel(index, name);
  if (item.deletedDate !== null && item.deletedDate !== undefined) return []; // in Bitwarden's trash
  const collections = listAt(item, 'collectionIds', where);
  const folderKey = typeof item.folderId === 'string' ? item.folderId : typeof collections[0] === 'string' ? collections[0] : null;
  const common: Common = {
    fields: {
      name,
      notes: textAt(item, 'notes', where),
      favorite: booleanAt(item, 'favorite', where),
      folderId: folderKey === null ? null : (folderIds.get(folderKey) ?? null),
    },
    times: { created: parseTime(item.creationDate), updated: parseTime(item.revisionDate) },
  };
  switch (item.type) {
    case 1:
      return importLogin(item, common, where);
    case 2:
      return [buildItem('note', common.fields, where, common.times)];
    case 3: {
      const card = optionalObject(item, 'card', where) ?? {};
      return [
        buildItem(
          'card',
          {
            ...common.fields,
            cardholderName: textAt(card, 'cardholderName', where),
            brand: textAt(card, 'brand', where),
            number: textAt(card, 'number', where),
            expiryMonth: expiryMonth(textAt(card, 'expMonth', where), where),
            expiryYear: expiryYear(textAt(card, 'expYear', where), where),
            code: textAt(card, 'code', where),
          },
          where,
          common.times,
        ),
      ];
    }
    case 4:
      return [importIdentity(item, common, where)];
    case 5: {
      // SSH keys have no item type here yet: keep them readable as a secure note.
      const key = optionalObject(item, 'sshKey', where) ?? {};
      const parts = [common.fields.notes, textAt(key, 'privateKey', where), textAt(key, 'publicKey', where), textAt(key, 'keyFingerprint', where)];
      return [buildItem('note', { ...common.fields, notes: joinLines(parts) }, where, common.times)];
    }
    default:
      return corrupt(`${where}: unknown Bitwarden item type ${shown(item.type)}; expected 1 (login), 2 (note), 3 (card), 4 (identity) or 5 (SSH key).`);
  }
}

export function importBitwardenJson(json: unknown): ImportedData {
  const root = objectAt(json, 'The Bitwarden file');
  if (root.encrypted === true) {
    throw new FormatError(
      'unsupported',
      'This Bitwarden export is encrypted. In Bitwarden, export again choosing the ".json" file format (not "encrypted"), import that, then delete it.',
    );
  }
  if (!Array.isArray(root.items)) corrupt('The Bitwarden file has no "items" list.');
  const folders: Folder[] = [];
  const folderIds = new Map<string, string>();
  // Organisation exports have collections instead of folders; they become folders.
  for (const key of ['folders', 'collections'] as const) {
    listAt(root, key, 'The Bitwarden file').forEach((raw, i) => {
      const at = `Bitwarden ${key.slice(0, -1)} ${i + 1}`;
      const folder = objectAt(raw, at);
      const sourceId = textAt(folder, 'id', at);
      const name = textAt(folder, 'name', at);
      if (sourceId === '') corrupt(`${at} has no id.`);
      const id = newId();
      folderIds.set(sourceId, id);
      folders.push({ id, name });
    });
  }
  const items = root.items.flatMap((raw, index) => importItem(raw, index, folderIds));
  return { folders, items };
}
