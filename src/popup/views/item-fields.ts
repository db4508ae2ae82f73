// Which editable fields each item type has, with the labels the UI contract fixes.
import { formatExpiry, parseExpiry } from './card-expiry';
import type { VaultItem } from '../../vault/model';

export type ItemType = VaultItem['type'];

export interface FieldSpec {
  key: string;
  label: string;
  secret?: boolean;
  multiline?: boolean;
}

export const TYPE_LABELS: Record<Exclude<ItemType, 'passkey'>, string> = {
  login: 'Login',
  note: 'Secure note',
  card: 'Card',
  identity: 'Identity',
};

export const FIELDS: Record<Exclude<ItemType, 'passkey'>, FieldSpec[]> = {
  login: [
    { key: 'username', label: 'Username' },
    { key: 'password', label: 'Password', secret: true },
    { key: 'website', label: 'Website' },
    { key: 'totp', label: 'TOTP secret', secret: true },
  ],
  note: [],
  card: [
    { key: 'cardholderName', label: 'Cardholder name' },
    { key: 'number', label: 'Card number', secret: true },
    { key: 'expiry', label: 'Expiry' },
    { key: 'code', label: 'Security code', secret: true },
  ],
  identity: [
    { key: 'fullName', label: 'Full name' },
    { key: 'email', label: 'Email' },
    { key: 'phone', label: 'Phone' },
    { key: 'address', label: 'Address', multiline: true },
  ],
};

/** Flattens an item into the editor's text fields. */
export function toFormValues(item: VaultItem): Record<string, string> {
  const values: Record<string, string> = { name: item.name, notes: item.notes };
  switch (item.type) {
    case 'login':
      return { ...values, username: item.username, password: item.password, website: item.websites[0]?.url ?? '', totp: item.totp };
    case 'card': {
      const expiry = formatExpiry(item.expiryMonth, item.expiryYear);
      return { ...values, cardholderName: item.cardholderName, number: item.number, expiry, code: item.code };
    }
    case 'identity':
      return { ...values, fullName: item.fullName, email: item.email, phone: item.phone, address: item.address };
    default:
      return values;
  }
}

/** Turns the editor's text fields back into the item fields the background expects. */
export function fromFormValues(type: ItemType, values: Record<string, string>, existing: VaultItem | null) {
  const base = { name: values.name?.trim() ?? '', notes: values.notes ?? '' };
  switch (type) {
    case 'login': {
      const url = values.website?.trim() ?? '';
      const kept = existing?.type === 'login' ? existing.websites.slice(1) : [];
      const first = existing?.type === 'login' && existing.websites[0]?.url === url ? existing.websites[0] : { url, match: 'domain' as const };
      return { ...base, username: values.username ?? '', password: values.password ?? '', totp: values.totp?.trim() ?? '', websites: url ? [first, ...kept] : kept };
    }
    case 'card': {
      const { month, year } = parseExpiry(values.expiry ?? '');
      return { ...base, cardholderName: values.cardholderName ?? '', number: values.number ?? '', expiryMonth: month, expiryYear: year, code: values.code ?? '' };
    }
    case 'identity':
      return { ...base, fullName: values.fullName ?? '', email: values.email ?? '', phone: values.phone ?? '', address: values.address ?? '' };
    default:
      return base;
  }
}
