// The decrypted vault contents: item types, constructors that always produce
// valid items, and a strict validator used wherever data crosses a trust
// boundary (decryption, import, migration) so garbage never enters the vault.

import { fromBase64, fromBase64Url } from './bytes';
import { VaultValidationError } from './errors';
import { parseTotp } from './totp';

export type UrlMatch = 'domain' | 'host' | 'exact' | 'startsWith' | 'never';
export const URL_MATCH_MODES: readonly UrlMatch[] = ['domain', 'host', 'exact', 'startsWith', 'never'];
export const DEFAULT_URL_MATCH: UrlMatch = 'domain';

export interface Website {
  url: string;
  match: UrlMatch;
}
/** What callers may pass when creating/updating: `match` defaults to 'domain'. */
export interface WebsiteInput {
  url: string;
  match?: UrlMatch;
}

export interface CustomField {
  name: string;
  value: string;
  hidden: boolean;
}

export interface PasswordHistoryEntry {
  password: string;
  /** When this password stopped being the current one (ms epoch). */
  changed: number;
}

export const MAX_PASSWORD_HISTORY = 50;

interface ItemBase {
  id: string;
  folderId: string | null;
  favorite: boolean;
  created: number;
  updated: number;
  revision: number;
  name: string;
  notes: string;
}

export interface LoginItem extends ItemBase {
  type: 'login';
  username: string;
  password: string;
  websites: Website[];
  /** '' or an otpauth://totp/ URI or a bare base32 secret. */
  totp: string;
  customFields: CustomField[];
  /** Newest first, at most MAX_PASSWORD_HISTORY entries. */
  passwordHistory: PasswordHistoryEntry[];
}

export interface SecureNoteItem extends ItemBase {
  type: 'note';
}

export interface CardItem extends ItemBase {
  type: 'card';
  cardholderName: string;
  number: string;
  brand: string;
  /** '' or '01'..'12'. */
  expiryMonth: string;
  /** '' or four digits. */
  expiryYear: string;
  code: string;
}

export interface IdentityItem extends ItemBase {
  type: 'identity';
  fullName: string;
  email: string;
  phone: string;
  address: string;
}

/** Reserved shape for stored WebAuthn credentials. */
export interface PasskeyItem extends ItemBase {
  type: 'passkey';
  rpId: string;
  rpName: string;
  userName: string;
  userDisplayName: string;
  /** base64url, unpadded. */
  userHandle: string;
  /** base64url, unpadded. */
  credentialId: string;
  /** COSE algorithm identifier, e.g. -7 (ES256). */
  algorithm: number;
  /** Standard base64 of the PKCS#8 private key. */
  privateKey: string;
  signCount: number;
  discoverable: boolean;
}

export type VaultItem = LoginItem | SecureNoteItem | CardItem | IdentityItem | PasskeyItem;
export type ItemType = VaultItem['type'];
export type ItemOfType<T extends ItemType> = Extract<VaultItem, { type: T }>;
export const ITEM_TYPES: readonly ItemType[] = ['login', 'note', 'card', 'identity', 'passkey'];

export interface Folder {
  id: string;
  name: string;
}

export interface GeneratorHistoryEntry {
  password: string;
  created: number;
  site: string;
}

/** What is left of a deleted item or folder, so sync carries the deletion to other devices. */
export interface Tombstone {
  /** The deleted item's or folder's id. */
  id: string;
  /** When it was deleted (ms epoch). */
  deleted: number;
}

/** Tombstones older than this are forgotten (a device offline longer may bring the item back). */
export const TOMBSTONE_RETENTION_DAYS = 90;

export type SyncMethod = 'off' | 'webdav' | 'browser';
export const SYNC_METHODS: readonly SyncMethod[] = ['off', 'webdav', 'browser'];

/** How this vault syncs. Kept inside the encrypted vault (the WebDAV password is a secret); never synced itself. */
export interface SyncSettings {
  method: SyncMethod;
  /** A folder (the file in it is latchkey.kdbx) or a .kdbx file URL. */
  webdavUrl: string;
  webdavUsername: string;
  webdavPassword: string;
  /** Minutes between automatic syncs; 0 = only "Sync now". */
  intervalMinutes: number;
}

export interface VaultData {
  items: VaultItem[];
  folders: Folder[];
  generatorHistory: GeneratorHistoryEntry[];
  /** Deleted items and folders, newest deletion per id, for TOMBSTONE_RETENTION_DAYS. */
  tombstones: Tombstone[];
  sync: SyncSettings | null;
}

export function emptyVaultData(): VaultData {
  return { items: [], folders: [], generatorHistory: [], tombstones: [], sync: null };
}

/** Fields managed by newItem/updateItem, never set directly by callers. */
type SystemField = 'type' | 'id' | 'created' | 'updated' | 'revision';
const SYSTEM_FIELDS: readonly string[] = ['type', 'id', 'created', 'updated', 'revision'];

type WebsitesInput<I> = I extends LoginItem ? { websites?: WebsiteInput[] } : unknown;

export type NewItemFields<T extends ItemType> = Partial<Omit<ItemOfType<T>, SystemField | 'websites'>> &
  WebsitesInput<ItemOfType<T>>;

export type ItemChanges<I extends VaultItem> = Partial<Omit<I, SystemField | 'websites'>> & WebsitesInput<I>;

// ---------------------------------------------------------------------------
// Construction and editing

const COMMON_DEFAULTS = { folderId: null, favorite: false, name: '', notes: '' } as const;

/** Type-specific fields and their defaults; also the list of keys each type allows. */
const TYPE_DEFAULTS: { readonly [T in ItemType]: () => Record<string, unknown> } = {
  login: () => ({ username: '', password: '', websites: [], totp: '', customFields: [], passwordHistory: [] }),
  note: () => ({}),
  card: () => ({ cardholderName: '', number: '', brand: '', expiryMonth: '', expiryYear: '', code: '' }),
  identity: () => ({ fullName: '', email: '', phone: '', address: '' }),
  // A passkey has no sensible default credential; the validator will insist on one.
  passkey: () => ({
    rpId: '',
    rpName: '',
    userName: '',
    userDisplayName: '',
    userHandle: '',
    credentialId: '',
    algorithm: -7,
    privateKey: '',
    signCount: 0,
    discoverable: true,
  }),
};

export function newId(): string {
  return globalThis.crypto.randomUUID();
}

function assertTimestampArg(now: number, fn: string): void {
  if (!Number.isSafeInteger(now) || now < 0) throw new RangeError(`${fn}: now must be a ms epoch integer, got ${String(now)}`);
}

function withWebsiteDefaults(value: unknown): unknown {
  if (!Array.isArray(value)) return value; // let the validator report it
  return value.map((w: unknown) =>
    typeof w === 'object' && w !== null && !Array.isArray(w) && (w as WebsiteInput).match === undefined
      ? { ...w, match: DEFAULT_URL_MATCH }
      : w,
  );
}

function applyFields(target: Record<string, unknown>, fields: object, type: ItemType, fn: string): void {
  for (const [key, value] of Object.entries(fields)) {
    if (SYSTEM_FIELDS.includes(key)) throw new Error(`${fn}: "${key}" is managed automatically and cannot be set`);
    if (!Object.hasOwn(target, key)) throw new Error(`${fn}: unknown field "${key}" for a ${type} item`);
    if (value === undefined) continue;
    target[key] = key === 'websites' ? withWebsiteDefaults(value) : value;
  }
}

/** Builds a complete, validated item. Throws if the resulting item would be invalid. */
export function newItem<T extends ItemType>(type: T, fields: NewItemFields<T> = {}, now: number = Date.now()): ItemOfType<T> {
  if (!ITEM_TYPES.includes(type)) throw new Error(`newItem: unknown item type ${JSON.stringify(type)}`);
  if (typeof fields !== 'object' || fields === null) throw new TypeError('newItem: fields must be an object');
  assertTimestampArg(now, 'newItem');
  const draft: Record<string, unknown> = {
    type,
    id: newId(),
    ...COMMON_DEFAULTS,
    created: now,
    updated: now,
    revision: 1,
    ...TYPE_DEFAULTS[type](),
  };
  applyFields(draft, fields, type, 'newItem');
  return validateVaultItem(draft, 'newItem') as ItemOfType<T>;
}

/**
 * Returns an edited copy: revision+1, updated=now, and for logins whose
 * password changes, the old password goes to the front of passwordHistory.
 */
export function updateItem<I extends VaultItem>(item: I, changes: ItemChanges<I>, now: number = Date.now()): I {
  const current = validateVaultItem(item, 'updateItem item');
  if (typeof changes !== 'object' || changes === null) throw new TypeError('updateItem: changes must be an object');
  assertTimestampArg(now, 'updateItem');
  const draft: Record<string, unknown> = { ...current };
  applyFields(draft, changes, current.type, 'updateItem');
  draft.revision = current.revision + 1;
  // Never older than the version it replaces (a device whose clock is behind), so sync sees it as the newer one.
  draft.updated = Math.max(now, current.updated);

  if (current.type === 'login' && typeof draft.password === 'string' && draft.password !== current.password) {
    // Empty passwords are not worth remembering.
    if (current.password !== '') {
      const history = Array.isArray(draft.passwordHistory) ? (draft.passwordHistory as unknown[]) : [];
      draft.passwordHistory = [{ password: current.password, changed: now }, ...history].slice(0, MAX_PASSWORD_HISTORY);
    }
  }
  return validateVaultItem(draft, 'updateItem') as I;
}

// ---------------------------------------------------------------------------
// Validation. Each check names the path; each returns a fresh copy built only
// from checked fields, so extra properties and prototypes never survive.

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Generous caps that only exist to stop absurd input, not to restrict real data. */
const MAX_SHORT_TEXT = 10_000;
const MAX_LONG_TEXT = 1_000_000;
/** Year 2286 in ms; anything larger is not a real timestamp. */
const MAX_TIMESTAMP = 10_000_000_000_000;

function fail(path: string, problem: string): never {
  throw new VaultValidationError(path, problem);
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** A plain object with exactly `keys` (no missing, no extra). */
export function expectRecord(value: unknown, path: string, keys: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(path, `expected an object, got ${kind(value)}`);
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) fail(path, 'expected a plain object');
  const record = value as Record<string, unknown>;
  for (const key of keys) {
    if (!Object.hasOwn(record, key)) fail(path, `missing field "${key}"`);
  }
  for (const key of Object.keys(record)) {
    if (!keys.includes(key)) fail(path, `unexpected field "${key}"`);
  }
  return record;
}

export function expectString(value: unknown, path: string, maxLength = MAX_SHORT_TEXT): string {
  if (typeof value !== 'string') fail(path, `expected a string, got ${kind(value)}`);
  if (value.length > maxLength) fail(path, `string is too long (${value.length} > ${maxLength} characters)`);
  return value;
}

function expectNonEmptyString(value: unknown, path: string, maxLength = MAX_SHORT_TEXT): string {
  const text = expectString(value, path, maxLength);
  if (text.trim() === '') fail(path, 'must not be empty');
  return text;
}

function expectBoolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(path, `expected a boolean, got ${kind(value)}`);
  return value;
}

export function expectInteger(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number') fail(path, `expected an integer, got ${kind(value)}`);
  if (!Number.isSafeInteger(value)) fail(path, `expected an integer, got ${value}`);
  if (value < min || value > max) fail(path, `${value} is outside the allowed range ${min}..${max}`);
  return value;
}

function expectTimestamp(value: unknown, path: string): number {
  return expectInteger(value, path, 0, MAX_TIMESTAMP);
}

function expectArray(value: unknown, path: string, maxLength = Number.MAX_SAFE_INTEGER): unknown[] {
  if (!Array.isArray(value)) fail(path, `expected an array, got ${kind(value)}`);
  if (value.length > maxLength) fail(path, `too many entries (${value.length} > ${maxLength})`);
  return value;
}

function expectOneOf<T extends string>(value: unknown, path: string, options: readonly T[]): T {
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
    fail(path, `expected one of ${options.map((o) => JSON.stringify(o)).join(', ')}, got ${typeof value === 'string' ? JSON.stringify(value) : kind(value)}`);
  }
  return value as T;
}

export function expectUuid(value: unknown, path: string): string {
  const text = expectString(value, path, 64);
  if (!UUID_PATTERN.test(text)) fail(path, `expected a lowercase UUID, got ${JSON.stringify(text)}`);
  return text;
}

function expectMatching(value: unknown, path: string, pattern: RegExp, description: string): string {
  const text = expectString(value, path);
  if (!pattern.test(text)) fail(path, `expected ${description}, got ${JSON.stringify(text)}`);
  return text;
}

function expectEncodedBytes(
  value: unknown,
  path: string,
  decode: (text: string) => Uint8Array,
  maxLength: number,
): string {
  const text = expectNonEmptyString(value, path, maxLength);
  try {
    decode(text);
  } catch (error) {
    fail(path, (error as Error).message);
  }
  return text;
}

const COMMON_KEYS = ['type', 'id', 'folderId', 'favorite', 'created', 'updated', 'revision', 'name', 'notes'] as const;
const TYPE_KEYS: { readonly [T in ItemType]: readonly string[] } = {
  login: ['username', 'password', 'websites', 'totp', 'customFields', 'passwordHistory'],
  note: [],
  card: ['cardholderName', 'number', 'brand', 'expiryMonth', 'expiryYear', 'code'],
  identity: ['fullName', 'email', 'phone', 'address'],
  passkey: [
    'rpId',
    'rpName',
    'userName',
    'userDisplayName',
    'userHandle',
    'credentialId',
    'algorithm',
    'privateKey',
    'signCount',
    'discoverable',
  ],
};

function validateBase(record: Record<string, unknown>, path: string): ItemBase {
  return {
    id: expectUuid(record.id, `${path}.id`),
    folderId: record.folderId === null ? null : expectUuid(record.folderId, `${path}.folderId`),
    favorite: expectBoolean(record.favorite, `${path}.favorite`),
    created: expectTimestamp(record.created, `${path}.created`),
    updated: expectTimestamp(record.updated, `${path}.updated`),
    revision: expectInteger(record.revision, `${path}.revision`, 1, Number.MAX_SAFE_INTEGER),
    name: expectString(record.name, `${path}.name`),
    notes: expectString(record.notes, `${path}.notes`, MAX_LONG_TEXT),
  };
}

function validateWebsite(value: unknown, path: string): Website {
  const record = expectRecord(value, path, ['url', 'match']);
  return {
    url: expectNonEmptyString(record.url, `${path}.url`),
    match: expectOneOf(record.match, `${path}.match`, URL_MATCH_MODES),
  };
}

function validateTotp(value: unknown, path: string): string {
  const text = expectString(value, path);
  if (text === '') return text;
  try {
    parseTotp(text);
  } catch (error) {
    fail(path, (error as Error).message);
  }
  return text;
}

function validateLogin(record: Record<string, unknown>, path: string): Omit<LoginItem, keyof ItemBase | 'type'> {
  return {
    username: expectString(record.username, `${path}.username`),
    password: expectString(record.password, `${path}.password`),
    websites: expectArray(record.websites, `${path}.websites`).map((w, i) => validateWebsite(w, `${path}.websites[${i}]`)),
    totp: validateTotp(record.totp, `${path}.totp`),
    customFields: expectArray(record.customFields, `${path}.customFields`).map((f, i) => {
      const at = `${path}.customFields[${i}]`;
      const field = expectRecord(f, at, ['name', 'value', 'hidden']);
      return {
        name: expectString(field.name, `${at}.name`),
        value: expectString(field.value, `${at}.value`, MAX_LONG_TEXT),
        hidden: expectBoolean(field.hidden, `${at}.hidden`),
      };
    }),
    passwordHistory: expectArray(record.passwordHistory, `${path}.passwordHistory`, MAX_PASSWORD_HISTORY).map((h, i) => {
      const at = `${path}.passwordHistory[${i}]`;
      const entry = expectRecord(h, at, ['password', 'changed']);
      return {
        password: expectString(entry.password, `${at}.password`),
        changed: expectTimestamp(entry.changed, `${at}.changed`),
      };
    }),
  };
}

function validateCard(record: Record<string, unknown>, path: string): Omit<CardItem, keyof ItemBase | 'type'> {
  return {
    cardholderName: expectString(record.cardholderName, `${path}.cardholderName`),
    number: expectString(record.number, `${path}.number`),
    brand: expectString(record.brand, `${path}.brand`),
    expiryMonth: expectMatching(record.expiryMonth, `${path}.expiryMonth`, /^(?:|0[1-9]|1[0-2])$/, "'' or a month 01..12"),
    expiryYear: expectMatching(record.expiryYear, `${path}.expiryYear`, /^(?:|\d{4})$/, "'' or a four-digit year"),
    code: expectString(record.code, `${path}.code`),
  };
}

function validateIdentity(record: Record<string, unknown>, path: string): Omit<IdentityItem, keyof ItemBase | 'type'> {
  return {
    fullName: expectString(record.fullName, `${path}.fullName`),
    email: expectString(record.email, `${path}.email`),
    phone: expectString(record.phone, `${path}.phone`),
    address: expectString(record.address, `${path}.address`, MAX_LONG_TEXT),
  };
}

function validatePasskey(record: Record<string, unknown>, path: string): Omit<PasskeyItem, keyof ItemBase | 'type'> {
  return {
    rpId: expectNonEmptyString(record.rpId, `${path}.rpId`, 253),
    rpName: expectString(record.rpName, `${path}.rpName`),
    userName: expectString(record.userName, `${path}.userName`),
    userDisplayName: expectString(record.userDisplayName, `${path}.userDisplayName`),
    // WebAuthn: user handles are at most 64 bytes, credential ids at most 1023.
    userHandle: expectEncodedBytes(record.userHandle, `${path}.userHandle`, fromBase64Url, 86),
    credentialId: expectEncodedBytes(record.credentialId, `${path}.credentialId`, fromBase64Url, 1364),
    algorithm: expectInteger(record.algorithm, `${path}.algorithm`, -(2 ** 31), 2 ** 31 - 1),
    privateKey: expectEncodedBytes(record.privateKey, `${path}.privateKey`, fromBase64, 100_000),
    signCount: expectInteger(record.signCount, `${path}.signCount`, 0, 2 ** 32 - 1),
    discoverable: expectBoolean(record.discoverable, `${path}.discoverable`),
  };
}

/** Validates one item and returns a clean copy. */
export function validateVaultItem(value: unknown, path = 'item'): VaultItem {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, `expected an object, got ${kind(value)}`);
  const type = expectOneOf((value as Record<string, unknown>).type, `${path}.type`, ITEM_TYPES);
  const record = expectRecord(value, path, [...COMMON_KEYS, ...TYPE_KEYS[type]]);
  const base = validateBase(record, path);
  switch (type) {
    case 'login':
      return { type, ...base, ...validateLogin(record, path) };
    case 'note':
      return { type, ...base };
    case 'card':
      return { type, ...base, ...validateCard(record, path) };
    case 'identity':
      return { type, ...base, ...validateIdentity(record, path) };
    case 'passkey':
      return { type, ...base, ...validatePasskey(record, path) };
  }
}

function validateFolder(value: unknown, path: string): Folder {
  const record = expectRecord(value, path, ['id', 'name']);
  return { id: expectUuid(record.id, `${path}.id`), name: expectString(record.name, `${path}.name`) };
}

function validateGeneratorEntry(value: unknown, path: string): GeneratorHistoryEntry {
  const record = expectRecord(value, path, ['password', 'created', 'site']);
  return {
    password: expectString(record.password, `${path}.password`),
    created: expectTimestamp(record.created, `${path}.created`),
    site: expectString(record.site, `${path}.site`),
  };
}

function validateTombstone(value: unknown, path: string): Tombstone {
  const record = expectRecord(value, path, ['id', 'deleted']);
  return { id: expectUuid(record.id, `${path}.id`), deleted: expectTimestamp(record.deleted, `${path}.deleted`) };
}

export function validateSyncSettings(value: unknown, path = 'vault.sync'): SyncSettings {
  const record = expectRecord(value, path, ['method', 'webdavUrl', 'webdavUsername', 'webdavPassword', 'intervalMinutes']);
  return {
    method: expectOneOf(record.method, `${path}.method`, SYNC_METHODS),
    webdavUrl: expectString(record.webdavUrl, `${path}.webdavUrl`, 2048),
    webdavUsername: expectString(record.webdavUsername, `${path}.webdavUsername`, 1024),
    webdavPassword: expectString(record.webdavPassword, `${path}.webdavPassword`, 4096),
    intervalMinutes: expectInteger(record.intervalMinutes, `${path}.intervalMinutes`, 0, 7 * 24 * 60),
  };
}

/**
 * Strictly validates decrypted or imported vault contents and returns a clean
 * copy. Also checks cross-references: unique ids, folderIds that exist.
 */
export function validateVaultData(value: unknown): VaultData {
  const root = 'vault';
  const record = expectRecord(value, root, ['items', 'folders', 'generatorHistory', 'tombstones', 'sync']);
  const folders = expectArray(record.folders, `${root}.folders`).map((f, i) => validateFolder(f, `${root}.folders[${i}]`));
  const items = expectArray(record.items, `${root}.items`).map((it, i) => validateVaultItem(it, `${root}.items[${i}]`));
  const generatorHistory = expectArray(record.generatorHistory, `${root}.generatorHistory`).map((g, i) =>
    validateGeneratorEntry(g, `${root}.generatorHistory[${i}]`),
  );

  const folderIds = new Set<string>();
  folders.forEach((folder, i) => {
    if (folderIds.has(folder.id)) fail(`${root}.folders[${i}].id`, `duplicate folder id ${folder.id}`);
    folderIds.add(folder.id);
  });
  const itemIds = new Set<string>();
  items.forEach((item, i) => {
    if (itemIds.has(item.id)) fail(`${root}.items[${i}].id`, `duplicate item id ${item.id}`);
    itemIds.add(item.id);
    if (item.folderId !== null && !folderIds.has(item.folderId)) {
      fail(`${root}.items[${i}].folderId`, `refers to folder ${item.folderId}, which does not exist`);
    }
  });
  const tombstones = expectArray(record.tombstones, `${root}.tombstones`).map((t, i) => validateTombstone(t, `${root}.tombstones[${i}]`));
  const tombstoneIds = new Set<string>();
  tombstones.forEach((tombstone, i) => {
    if (tombstoneIds.has(tombstone.id)) fail(`${root}.tombstones[${i}].id`, `duplicate tombstone id ${tombstone.id}`);
    tombstoneIds.add(tombstone.id);
  });
  const sync = record.sync === null ? null : validateSyncSettings(record.sync);
  return { items, folders, generatorHistory, tombstones, sync };
}
