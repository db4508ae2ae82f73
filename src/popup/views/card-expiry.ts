// A card's expiry as people type it: what is printed on the card (MM/YY), or
// with the full year (MM/YYYY), with a slash, a dash, a dot or a space; the
// vault keeps a two-digit month and a four-digit year.
export interface Expiry {
  month: string;
  year: string;
}

const PATTERN = /^(\d{1,2})\s*[/\-. ]\s*(\d{2}|\d{4})$/;

export class ExpiryError extends Error {}

/** '' stays empty; anything else must be a month and a year, or the person is told how to write it. */
export function parseExpiry(text: string): Expiry {
  const trimmed = text.trim();
  if (trimmed === '') return { month: '', year: '' };
  const match = PATTERN.exec(trimmed);
  const month = match ? Number(match[1]) : 0;
  if (!match || month < 1 || month > 12) {
    throw new ExpiryError('Write the expiry as it is printed on the card, month then year, like 12/31 or 12/2031.');
  }
  const year = match[2]!.length === 2 ? `20${match[2]}` : match[2]!;
  return { month: String(month).padStart(2, '0'), year };
}

/** How the editor shows a stored expiry: as printed on cards. */
export function formatExpiry(month: string, year: string): string {
  return month && year ? `${month}/${year.slice(-2)}` : '';
}
