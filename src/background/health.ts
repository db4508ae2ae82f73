// Vault health, without any network: passwords used by more than one login, and
// passwords not changed for a long time. (Weak ones are judged in the popup with
// zxcvbn, which is too large to load into the background.)
import { sha256 } from '@noble/hashes/sha2.js';
import type { LoginItem, VaultData } from '../vault/model';
import { toBase64, utf8Encode } from '../vault/bytes';

export const OLD_AFTER_DAYS = 365;
const DAY_MS = 24 * 60 * 60_000;

export interface HealthEntry {
  id: string;
  name: string;
  username: string;
}

export interface VaultHealth {
  reused: (HealthEntry & { sharedWith: number })[];
  old: (HealthEntry & { ageDays: number })[];
  /** Logins with a password, for the popup's strength check. */
  toCheck: (HealthEntry & { password: string })[];
}

export function vaultHealth(data: VaultData, now: number): VaultHealth {
  const logins = data.items.filter((item): item is LoginItem => item.type === 'login' && item.password !== '');
  const byPassword = new Map<string, LoginItem[]>();
  for (const login of logins) {
    const key = toBase64(sha256(utf8Encode(login.password)));
    byPassword.set(key, [...(byPassword.get(key) ?? []), login]);
  }
  const entry = (login: LoginItem): HealthEntry => ({ id: login.id, name: login.name, username: login.username });
  const reused = [...byPassword.values()]
    .filter((group) => group.length > 1)
    .flatMap((group) => group.map((login) => ({ ...entry(login), sharedWith: group.length - 1 })));
  const old = logins
    .map((login) => ({ login, since: login.passwordHistory[0]?.changed ?? login.created }))
    .filter(({ since }) => now - since > OLD_AFTER_DAYS * DAY_MS)
    .map(({ login, since }) => ({ ...entry(login), ageDays: Math.floor((now - since) / DAY_MS) }));
  return { reused, old, toCheck: logins.map((login) => ({ ...entry(login), password: login.password })) };
}
