// Sites where the person chose "Never for this site". Kept as salted hashes of
// the site, so the list at rest does not say which sites the person uses.
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes, toBase64, utf8Encode } from '../../vault/bytes';
import type { StorageArea } from '../storage-area';
import { siteKeyOf as siteKey } from './site-match';

const KEY = 'neverSave';

interface NeverSaveList {
  salt: string;
  sites: string[];
}

async function read(area: StorageArea): Promise<NeverSaveList> {
  const stored = (await area.get(KEY))[KEY] as NeverSaveList | undefined;
  return stored && typeof stored.salt === 'string' && Array.isArray(stored.sites) ? stored : { salt: toBase64(randomBytes(16)), sites: [] };
}

const hashOf = (salt: string, key: string) => toBase64(sha256(utf8Encode(`${salt}:${key}`)));

export async function isNeverSaveSite(area: StorageArea, url: string): Promise<boolean> {
  const key = siteKey(url);
  if (!key) return false;
  const list = await read(area);
  return list.sites.includes(hashOf(list.salt, key));
}

export async function neverSaveSite(area: StorageArea, url: string): Promise<void> {
  const key = siteKey(url);
  if (!key) return;
  const list = await read(area);
  const hash = hashOf(list.salt, key);
  if (!list.sites.includes(hash)) await area.set({ [KEY]: { salt: list.salt, sites: [...list.sites, hash] } });
}
