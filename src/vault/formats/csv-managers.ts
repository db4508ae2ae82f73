// CSV exports of other password managers. Each header is written down from how
// that manager exports (see test/fixtures/imports/README.md for the source of
// each, and which details are from memory rather than from a real export).
import type { CustomField, VaultItem } from '../model';
import { buildItem, expiryMonth, expiryYear, parseTime } from './build-item';
import type { CsvProfile, Row, RowContext } from './csv-profile';
import { fieldsOf, login, truthy } from './csv-profile';
import { corrupt } from './errors';

/** Epoch seconds (Proton) or milliseconds or an ISO date. */
function timeOf(value: string | undefined): number | null {
  const text = (value ?? '').trim();
  if (/^\d{9,10}$/.test(text)) return Number(text) * 1000;
  return parseTime(text);
}

/** "Work\Servers" (LastPass, Keeper) → "Work / Servers", as KDBX folders are named. */
const nested = (path: string, separator: string) =>
  path
    .split(separator)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(' / ');

/** Splits a list of URLs written in one cell, one a line or separated by commas. */
const urlList = (cell: string) => cell.split(/\r?\n|,\s*/);

/** LastPass: `url,username,password,totp,extra,name,grouping,fav`; secure notes have the URL "http://sn". */
const lastPass: CsvProfile = {
  label: 'LastPass',
  required: ['url', 'username', 'password', 'extra', 'name', 'grouping', 'fav'],
  optional: ['totp'],
  toItem: (row, context) => {
    const grouping = row.grouping!.trim() === '(none)' ? '' : nested(row.grouping!, '\\');
    const common = { name: row.name!, favorite: truthy(row.fav), folderId: context.folder(grouping) };
    if (row.url!.trim() === 'http://sn') {
      // A secure note; structured ones ("NoteType:Credit Card", addresses...) keep their text whole.
      return buildItem('note', { ...common, notes: row.extra! }, context.where);
    }
    return login(context, { ...common, urls: [row.url!], username: row.username!, password: row.password!, totp: row.totp ?? '', notes: row.extra! });
  },
};

/** Proton Pass: `type,name,url,email,username,password,note,totp,createTime,modifyTime,vault`. */
const protonPass: CsvProfile = {
  label: 'Proton Pass',
  required: ['type', 'name', 'url', 'username', 'password', 'note', 'totp', 'vault'],
  optional: ['email', 'createtime', 'modifytime'],
  toItem: (row, context) => {
    const type = row.type!.trim();
    const times = { created: timeOf(row.createtime), updated: timeOf(row.modifytime) };
    const common = { name: row.name!, notes: row.note!, folderId: context.folder(row.vault!) };
    if (type === 'note') return buildItem('note', common, context.where, times);
    if (type === 'alias') return context.skip(`"${row.name}"`, 'a Proton Pass alias is an email forwarding address kept by Proton; there is nothing to store');
    if (type === 'creditCard' || type === 'identity') {
      return context.skip(`"${row.name}"`, `Proton Pass writes no ${type === 'creditCard' ? 'card' : 'identity'} details into its CSV; import its JSON export to bring them`);
    }
    if (type !== 'login') corrupt(`${context.where}: unknown Proton Pass item type "${type.slice(0, 30)}"`);
    const email = (row.email ?? '').trim();
    const username = row.username!.trim() !== '' ? row.username! : email;
    return login(context, {
      ...common,
      urls: urlList(row.url!),
      username,
      password: row.password!,
      totp: row.totp!,
      customFields: username === email ? [] : fieldsOf([['Email', email]]),
      ...times,
    });
  },
};

/** Dashlane's credentials.csv: `username,username2,username3,title,password,note,url,category,otpSecret`. */
const dashlane: CsvProfile = {
  label: 'Dashlane',
  required: ['username', 'username2', 'username3', 'title', 'password', 'note', 'url', 'category'],
  optional: ['otpsecret', 'otpurl'],
  toItem: (row, context) =>
    login(context, {
      name: row.title!,
      urls: [row.url!],
      username: row.username!,
      password: row.password!,
      totp: (row.otpurl ?? '').trim() !== '' ? row.otpurl! : (row.otpsecret ?? ''),
      notes: row.note!,
      folderId: context.folder(row.category!),
      customFields: fieldsOf([['Username 2', row.username2], ['Username 3', row.username3]]),
    }),
};

/** NordPass custom fields: a JSON list of {label, type, value}; anything else is kept as one field. */
function nordPassFields(cell: string | undefined): CustomField[] {
  const text = (cell ?? '').trim();
  if (text === '') return [];
  try {
    const list: unknown = JSON.parse(text);
    if (Array.isArray(list) && list.every((f) => typeof f === 'object' && f !== null && typeof (f as Record<string, unknown>).value === 'string')) {
      return (list as Record<string, unknown>[]).map((f) => ({
        name: typeof f.label === 'string' ? f.label : 'Field',
        value: f.value as string,
        hidden: f.type === 'hidden',
      }));
    }
  } catch {
    // Not JSON: kept below as written.
  }
  return [{ name: 'Custom fields', value: text, hidden: false }];
}

function nordPassUrls(row: Row): string[] {
  const more = (row.additional_urls ?? '').trim();
  let extra: string[] = [];
  if (more.startsWith('[')) {
    try {
      const list: unknown = JSON.parse(more);
      if (Array.isArray(list)) extra = list.filter((u): u is string => typeof u === 'string');
    } catch {
      extra = urlList(more);
    }
  } else if (more !== '') extra = urlList(more);
  return [row.url!, ...extra];
}

const NORDPASS_COLUMNS = ['name', 'url', 'username', 'password', 'note', 'cardholdername', 'cardnumber', 'cvc', 'expirydate', 'zipcode', 'folder', 'full_name', 'phone_number', 'email', 'address1', 'address2', 'city', 'country', 'state'];

/** NordPass: one CSV for every kind of item, told apart by `type` (and folders as rows of their own). */
const nordPass: CsvProfile = {
  label: 'NordPass',
  required: NORDPASS_COLUMNS,
  optional: ['additional_urls', 'pin', 'type', 'custom_fields'],
  toItem: (row, context) => {
    const declared = (row.type ?? '').trim();
    const type =
      declared !== '' ? declared
        : row.cardnumber!.trim() !== '' ? 'credit_card'
          : row.full_name!.trim() !== '' ? 'identity'
            : row.username!.trim() !== '' || row.password!.trim() !== '' || row.url!.trim() !== '' ? 'password'
              : 'note';
    if (type === 'folder') {
      context.folder(row.name!);
      return null;
    }
    const common = { name: row.name!, notes: row.note!, folderId: context.folder(row.folder!) };
    const custom = nordPassFields(row.custom_fields);
    switch (type) {
      case 'password':
        return login(context, { ...common, urls: nordPassUrls(row), username: row.username!, password: row.password!, customFields: custom });
      case 'note':
        return buildItem('note', { ...common, notes: [row.note!, ...custom.map((f) => `${f.name}: ${f.value}`)].filter((l) => l !== '').join('\n') }, context.where);
      case 'credit_card': {
        const [month = '', year = ''] = row.expirydate!.split('/');
        const extra = fieldsOf([['PIN', row.pin, true], ['ZIP code', row.zipcode], ...custom.map((f): [string, string, boolean] => [f.name, f.value, f.hidden])]);
        return buildItem('card', {
          ...common,
          notes: [row.note!, ...extra.map((f) => `${f.name}: ${f.value}`)].filter((l) => l !== '').join('\n'),
          cardholderName: row.cardholdername!,
          number: row.cardnumber!.replace(/\s+/g, ''),
          code: row.cvc!,
          expiryMonth: expiryMonth(month, context.where),
          expiryYear: expiryYear(year, context.where),
        }, context.where);
      }
      case 'identity': {
        const cityLine = [row.city!, row.state!, row.zipcode!].map((p) => p.trim()).filter((p) => p !== '').join(' ');
        return buildItem('identity', {
          ...common,
          fullName: row.full_name!,
          email: row.email!,
          phone: row.phone_number!,
          address: [row.address1!, row.address2!, cityLine, row.country!].map((p) => p.trim()).filter((p) => p !== '').join('\n'),
        }, context.where);
      }
      default:
        return context.skip(`"${row.name}"`, `NordPass item type "${type.slice(0, 30)}" has no counterpart in Latchkey`);
    }
  },
};

/** Apple Passwords (macOS Passwords app, Safari, iOS): `Title,URL,Username,Password,Notes,OTPAuth`. */
const APPLE_HEADER = ['Title', 'URL', 'Username', 'Password', 'Notes', 'OTPAuth'];
const applePasswords: CsvProfile = {
  label: 'Apple Passwords',
  required: APPLE_HEADER.map((c) => c.toLowerCase()),
  optional: [],
  exactHeader: APPLE_HEADER,
  toItem: (row, context) =>
    login(context, { name: row.title!, urls: [row.url!], username: row.username!, password: row.password!, totp: row.otpauth!, notes: row.notes! }),
};

/** KeePassXC: `"Group","Title","Username","Password","URL","Notes","TOTP","Icon","Last Modified","Created"`. */
const keePassXc: CsvProfile = {
  label: 'KeePassXC',
  required: ['group', 'title', 'username', 'password', 'url', 'notes'],
  optional: ['totp', 'icon', 'last modified', 'created'],
  toItem: (row, context) => {
    // The first part of the path is the database's root group.
    const path = row.group!.split('/').slice(1).join('/');
    return login(context, {
      name: row.title!,
      urls: [row.url!],
      username: row.username!,
      password: row.password!,
      totp: row.totp ?? '',
      notes: row.notes!,
      folderId: context.folder(nested(path, '/')),
      created: parseTime(row.created),
      updated: parseTime(row['last modified']),
    });
  },
};

export const MANAGER_PROFILES: readonly CsvProfile[] = [lastPass, protonPass, dashlane, nordPass, applePasswords, keePassXc];

/**
 * Keeper writes no header row: `Folder,Title,Login,Password,Website Address,Notes,Shared Folder`,
 * then pairs of custom field name and value (its TOTP as the field "TFC:Keeper").
 */
export const KEEPER_LABEL = 'Keeper';

/** Seven fields, then pairs; the fifth a website or empty (so an unknown header row is not taken for an item). */
export function looksLikeKeeper(fields: readonly string[], first = false): boolean {
  return fields.length >= 7 && (fields.length - 7) % 2 === 0 && (!first || fields[4] === '' || /[.:]/.test(fields[4]!));
}

export function keeperItem(fields: readonly string[], context: RowContext): VaultItem {
  const [folder = '', title = '', username = '', password = '', url = '', notes = '', shared = ''] = fields;
  const custom: CustomField[] = [];
  let totp = '';
  for (let i = 7; i + 1 < fields.length; i += 2) {
    const name = fields[i]!;
    const value = fields[i + 1]!;
    if (name === 'TFC:Keeper') totp = value;
    else if (name !== '' || value !== '') custom.push({ name: name === '' ? 'Field' : name, value, hidden: false });
  }
  const folderPath = [shared, folder].map((p) => nested(p, '\\')).filter((p) => p !== '').join(' / ');
  return login(context, { name: title, urls: [url], username, password, totp, notes, folderId: context.folder(folderPath), customFields: custom });
}
