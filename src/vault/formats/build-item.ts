// Builds vault items from values read out of a foreign file. Everything goes
// through the vault model's constructor and validator, so an import can only
// ever add items the vault would accept from the editor.
import { VaultValidationError } from '../errors';
import { newItem, validateVaultItem } from '../model';
import type { CustomField, ItemOfType, ItemType, NewItemFields, WebsiteInput } from '../model';
import { parseTotp } from '../totp';
import { corrupt } from './errors';
import { shown } from './json-read';

export interface ItemTimes {
  created?: number | null;
  updated?: number | null;
}

/** Same bounds as the model: anything outside is not a real timestamp and is ignored. */
function usableTime(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= 10_000_000_000_000;
}

/** "Item 3 (“Contoso”)": which item of the file a message is about. */
export function itemLabel(index: number, name: string): string {
  const shown = name.length > 60 ? `${name.slice(0, 57)}...` : name;
  return shown === '' ? `Item ${index + 1}` : `Item ${index + 1} ("${shown}")`;
}

/**
 * A complete, valid item, or a refusal that names the item and the field.
 * Times from the file are kept when they are plausible.
 */
export function buildItem<T extends ItemType>(
  type: T,
  fields: NewItemFields<T>,
  where: string,
  times: ItemTimes = {},
  now: number = Date.now(),
): ItemOfType<T> {
  try {
    const item = newItem(type, fields, now);
    const created = usableTime(times.created) ? times.created : now;
    const updated = usableTime(times.updated) ? Math.max(times.updated, created) : created;
    return validateVaultItem({ ...item, created, updated }) as ItemOfType<T>;
  } catch (error) {
    if (error instanceof VaultValidationError) {
      const field = error.path.replace(/^(newItem|item)\.?/, '');
      const problem = error.message.slice(error.path.length + 2);
      corrupt(`${where}: ${field === '' ? '' : `${field}: `}${problem}`);
    }
    throw error;
  }
}

/**
 * TOTP values the vault can't use (Steam codes, HOTP, a typo) are kept as a
 * hidden custom field rather than refusing a whole import over them.
 */
export function totpOrField(value: string): { totp: string; fields: CustomField[] } {
  const trimmed = value.trim();
  if (trimmed === '') return { totp: '', fields: [] };
  try {
    parseTotp(trimmed);
    return { totp: trimmed, fields: [] };
  } catch {
    return { totp: '', fields: [{ name: 'TOTP (not recognised)', value: trimmed, hidden: true }] };
  }
}

export function websitesFrom(urls: readonly string[]): WebsiteInput[] {
  return urls.map((url) => url.trim()).filter((url) => url !== '').map((url) => ({ url }));
}

/** "3", "03" → "03"; '' stays ''; anything else refuses the file. */
export function expiryMonth(raw: string, where: string): string {
  const text = raw.trim();
  if (text === '') return '';
  const month = /^\d{1,2}$/.test(text) ? Number(text) : NaN;
  if (!(month >= 1 && month <= 12)) corrupt(`${where}: the card's expiry month ${shown(text)} is not 1 to 12`);
  return String(month).padStart(2, '0');
}

/** "2027" stays; "27" → "2027"; '' stays ''; anything else refuses the file. */
export function expiryYear(raw: string, where: string): string {
  const text = raw.trim();
  if (text === '' || /^\d{4}$/.test(text)) return text;
  if (/^\d{2}$/.test(text)) return `20${text}`;
  return corrupt(`${where}: the card's expiry year ${shown(text)} is not a year`);
}

/** An ISO date or epoch value from a file, or null when absent or unreadable. */
export function parseTime(value: unknown): number | null {
  if (typeof value === 'number') return usableTime(value) ? value : null;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const text = value.trim();
  const time = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  return usableTime(time) ? time : null;
}

/** A name for an item that has none, from its first website's host. */
export function nameFromUrl(url: string): string {
  const text = url.trim();
  if (text === '') return '';
  try {
    return new URL(text.includes('://') ? text : `https://${text}`).hostname || text;
  } catch {
    return text;
  }
}
