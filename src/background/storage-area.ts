// The slice of storage.local / storage.session the background needs, so the
// vault store can be exercised against a failing or in-memory area in tests.
import browser from 'webextension-polyfill';

export interface StorageArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export const localArea: StorageArea = browser.storage.local;
export const sessionArea: StorageArea = browser.storage.session;
