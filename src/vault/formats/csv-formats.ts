// CSV import from the managers and browsers people come from, recognised by
// their header row, and CSV export of logins in Latchkey's own layout.
import type { CustomField, Folder, VaultData, VaultItem } from '../model';
import { newId } from '../model';
import { buildItem, parseTime } from './build-item';
import { parseCsvRecords, toCsv } from './csv';
import { keeperItem, KEEPER_LABEL, looksLikeKeeper, MANAGER_PROFILES } from './csv-managers';
import type { CsvProfile, Row, RowContext } from './csv-profile';
import { login } from './csv-profile';
import { corrupt } from './errors';
import { shown } from './json-read';
import type { ImportedData, NotImported } from './types';

export const LATCHKEY_CSV_COLUMNS = ['name', 'url', 'username', 'password', 'totp', 'notes'] as const;

/** Bitwarden writes custom fields as "name: value" lines. */
function bitwardenFields(text: string): CustomField[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const at = line.indexOf(': ');
      return at < 0 ? { name: line, value: '', hidden: false } : { name: line.slice(0, at), value: line.slice(at + 2), hidden: false };
    });
}

const PROFILES: readonly CsvProfile[] = [
  {
    label: 'Latchkey',
    required: LATCHKEY_CSV_COLUMNS,
    optional: [],
    toItem: (row, context) =>
      login(context, {
        name: row.name!,
        urls: row.url!.split(/\r?\n/),
        username: row.username!,
        password: row.password!,
        totp: row.totp!,
        notes: row.notes!,
      }),
  },
  {
    label: 'Bitwarden',
    required: ['folder', 'favorite', 'type', 'name', 'notes', 'fields', 'login_uri', 'login_username', 'login_password', 'login_totp'],
    optional: ['reprompt'],
    toItem: (row, context) => {
      const common = {
        name: row.name!,
        notes: row.notes!,
        favorite: row.favorite!.trim() === '1',
        folderId: context.folder(row.folder!),
      };
      const type = row.type!.trim().toLowerCase();
      if (type === 'note') return buildItem('note', common, context.where);
      if (type !== 'login') corrupt(`${context.where}: unknown Bitwarden item type ${shown(row.type)}; expected "login" or "note"`);
      return login(context, {
        ...common,
        urls: row.login_uri!.split(','),
        username: row.login_username!,
        password: row.login_password!,
        totp: row.login_totp!,
        customFields: bitwardenFields(row.fields!),
      });
    },
  },
  {
    label: 'Chrome or Edge',
    required: ['name', 'url', 'username', 'password'],
    optional: ['note'],
    toItem: (row, context) =>
      login(context, { name: row.name!, urls: [row.url!], username: row.username!, password: row.password!, notes: row.note ?? '' }),
  },
  {
    label: 'Firefox',
    required: ['url', 'username', 'password'],
    optional: ['httprealm', 'formactionorigin', 'guid', 'timecreated', 'timelastused', 'timepasswordchanged'],
    toItem: (row, context) =>
      login(context, {
        name: '',
        urls: [row.url!],
        username: row.username!,
        password: row.password!,
        created: parseTime(row.timecreated),
        updated: parseTime(row.timepasswordchanged),
      }),
  },
  {
    label: '1Password',
    required: ['title', 'url', 'username', 'password'],
    optional: ['otpauth', 'favorite', 'archived', 'tags', 'notes'],
    toItem: (row, context) =>
      login(context, {
        name: row.title!,
        urls: [row.url!],
        username: row.username!,
        password: row.password!,
        totp: row.otpauth ?? '',
        notes: row.notes ?? '',
        favorite: /^(true|1|yes)$/i.test((row.favorite ?? '').trim()),
      }),
  },
  ...MANAGER_PROFILES,
];

function describeProfiles(): string {
  return PROFILES.map((p) => `${p.label} (${[...p.required, ...p.optional].join(',')})`).join('; ');
}

/** Column names as a message lists them: each cut short, and not thousands of them. */
function columnList(columns: readonly string[], separator: string): string {
  const shownColumns = columns.slice(0, 12).map((column) => (column.length > 40 ? `${column.slice(0, 37)}...` : column));
  return columns.length > 12 ? `${shownColumns.join(separator)}${separator}... (${columns.length} in all)` : shownColumns.join(separator);
}

function pickProfile(header: readonly string[], written: readonly string[]): CsvProfile | null {
  const columns = new Set(header);
  const unknownCount = (p: CsvProfile) => header.filter((column) => !p.required.includes(column) && !p.optional.includes(column)).length;
  const matching = PROFILES.filter((p) => p.required.every((column) => columns.has(column)))
    // Apple's columns are 1Password's: only the header exactly as Apple writes it is Apple's.
    .filter((p) => !p.exactHeader || (p.exactHeader.length === written.length && p.exactHeader.every((column, i) => column === written[i])))
    // A profile that knows every column beats one that does not (LastPass's header holds Chrome's);
    // then the profile naming the most columns wins: Latchkey's header contains Chrome's, for instance.
    .sort((a, b) => unknownCount(a) - unknownCount(b) || Number(!!b.exactHeader) - Number(!!a.exactHeader) || b.required.length - a.required.length);
  const profile = matching[0];
  if (!profile) {
    return null;
  }
  return checkedProfile(profile, header);
}

function refuseHeader(header: readonly string[]): never {
  // The first row may be data, not a header (a password among it): name only the cells that are
  // column names some export uses, never the others.
  const known = new Set(PROFILES.flatMap((profile) => [...profile.required, ...profile.optional]));
  const named = header.map((column) => (known.has(column) ? column : '…'));
  return corrupt(
    `This CSV file's first row (${columnList(named, ',')}) is not the header of a supported export. Expected the header of one of: ${describeProfiles()}; or a Keeper export (no header).`,
  );
}

function checkedProfile(profile: CsvProfile, header: readonly string[]): CsvProfile {
  const known = new Set([...profile.required, ...profile.optional]);
  const unknown = header.filter((column) => !known.has(column));
  if (unknown.length > 0) {
    // Importing while ignoring columns would silently lose what they hold.
    corrupt(
      `This CSV file looks like a ${profile.label} export but has columns Latchkey does not know: ${columnList(unknown, ', ')}. ` +
        `Expected ${[...profile.required, ...profile.optional].join(',')}.`,
    );
  }
  return profile;
}

/** Imports a CSV file's items, its folders, and what it holds that Latchkey has no place for. */
export function importCsv(text: string): ImportedData {
  const records = parseCsvRecords(text);
  const first = records[0];
  if (!first) corrupt('The CSV file is empty.');
  const written = first.fields.map((column) => column.trim());
  const header = written.map((column) => column.toLowerCase());
  const profile = pickProfile(header, written);
  // Keeper writes no header: its first row is an item, recognised by its shape.
  const keeper = profile === null && looksLikeKeeper(first.fields, true);
  if (profile === null && !keeper) refuseHeader(header);
  if (profile !== null) {
    const repeated = header.find((column, i) => header.indexOf(column) !== i);
    if (repeated !== undefined) corrupt(`The CSV header names the column ${shown(repeated)} twice.`);
  }

  const folders: Folder[] = [];
  const folderIds = new Map<string, string>();
  const folder = (name: string): string | null => {
    const trimmed = name.trim();
    if (trimmed === '') return null;
    let id = folderIds.get(trimmed);
    if (id === undefined) {
      id = newId();
      folderIds.set(trimmed, id);
      folders.push({ id, name: trimmed });
    }
    return id;
  };
  const notImported: NotImported[] = [];

  const items: VaultItem[] = [];
  const rows = keeper ? records : records.slice(1);
  rows.forEach((record, index) => {
    const where = `CSV line ${record.line} (item ${index + 1})`;
    const context: RowContext = {
      where,
      folder,
      skip: (what, reason) => {
        notImported.push({ what: `${where}: ${what}`, reason });
        return null;
      },
    };
    if (profile === null) {
      if (!looksLikeKeeper(record.fields)) corrupt(`CSV line ${record.line}: ${record.fields.length} fields; a Keeper export has 7, then pairs of custom field name and value.`);
      items.push(keeperItem(record.fields, context));
      return;
    }
    if (record.fields.length !== header.length) {
      corrupt(`CSV line ${record.line}: ${record.fields.length} fields, but the header has ${header.length}.`);
    }
    const row: Row = Object.create(null) as Row;
    header.forEach((column, i) => (row[column] = record.fields[i]!));
    const item = profile.toItem(row, context);
    if (item !== null) items.push(item);
  });
  return { folders, items, source: `${profile?.label ?? KEEPER_LABEL} CSV${keeper ? ' (no header row)' : ''}`, notImported };
}

/** Logins only: CSV has no place for cards, identities, notes or passkeys. */
export function exportCsv(data: VaultData): string {
  const rows = data.items.flatMap((item) =>
    item.type === 'login'
      ? [[item.name, item.websites.map((w) => w.url).join('\n'), item.username, item.password, item.totp, item.notes]]
      : [],
  );
  return toCsv([[...LATCHKEY_CSV_COLUMNS], ...rows]);
}
