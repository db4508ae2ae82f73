// What a CSV flavour is: the header that names it, and how one of its rows
// becomes an item. Shared by csv-formats.ts (browsers, Bitwarden, 1Password,
// Latchkey) and csv-managers.ts (the other password managers).
import type { CustomField, VaultItem } from '../model';
import { buildItem, nameFromUrl, totpOrField, websitesFrom } from './build-item';

export type Row = Record<string, string>;

export interface RowContext {
  where: string;
  /** Returns the id of the imported folder with this name, creating it once. */
  folder(name: string): string | null;
  /** Records a row that is not imported and why; the row then gives no item. */
  skip(what: string, reason: string): null;
}

export interface CsvProfile {
  /** The manager's name ("LastPass"); the preview shows it as "LastPass CSV". */
  label: string;
  /** Lower-cased column names that must all be present. */
  required: readonly string[];
  optional: readonly string[];
  /**
   * For flavours whose columns are another's (Apple's are 1Password's): the header
   * exactly as that manager writes it, case and order included.
   */
  exactHeader?: readonly string[];
  toItem(row: Row, context: RowContext): VaultItem | null;
}

export function login(context: RowContext, values: {
  name: string;
  urls: string[];
  username: string;
  password: string;
  totp?: string;
  notes?: string;
  favorite?: boolean;
  folderId?: string | null;
  customFields?: CustomField[];
  created?: number | null;
  updated?: number | null;
}): VaultItem {
  const { totp, fields } = totpOrField(values.totp ?? '');
  return buildItem(
    'login',
    {
      name: values.name.trim() === '' ? nameFromUrl(values.urls[0] ?? '') : values.name,
      username: values.username,
      password: values.password,
      websites: websitesFrom(values.urls),
      totp,
      notes: values.notes ?? '',
      favorite: values.favorite ?? false,
      folderId: values.folderId ?? null,
      customFields: [...(values.customFields ?? []), ...fields],
    },
    context.where,
    { created: values.created ?? null, updated: values.updated ?? null },
  );
}

/** Custom fields for the values that are not empty. */
export function fieldsOf(pairs: readonly [name: string, value: string | undefined, hidden?: boolean][]): CustomField[] {
  return pairs.flatMap(([name, value, hidden]) => (value !== undefined && value.trim() !== '' ? [{ name, value, hidden: hidden ?? false }] : []));
}

export const truthy = (value: string | undefined) => /^(1|true|yes)$/i.test((value ?? '').trim());
