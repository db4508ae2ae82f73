import { describe, expect, it } from 'vitest';
import type { StorageArea } from '../storage-area';
import { isNeverSaveSite, neverSaveSite } from './never-save';

function memoryArea(): StorageArea {
  const data = new Map<string, unknown>();
  return {
    get: async (keys) => {
      const wanted = keys === null ? [...data.keys()] : Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(wanted.filter((key) => data.has(key)).map((key) => [key, structuredClone(data.get(key))]));
    },
    set: async (items) => {
      for (const [key, value] of Object.entries(items)) data.set(key, structuredClone(value));
    },
    remove: async (keys) => {
      for (const key of Array.isArray(keys) ? keys : [keys]) data.delete(key);
    },
  };
}

describe('never save', () => {
  it('covers the registrable domain of an ordinary site', async () => {
    const area = memoryArea();
    await neverSaveSite(area, 'https://shop.example.co.uk/login');
    expect(await isNeverSaveSite(area, 'https://www.example.co.uk/')).toBe(true);
    expect(await isNeverSaveSite(area, 'https://example.com/')).toBe(false);
  });

  it('covers a Microsoft realm’s own pages together, and only that realm', async () => {
    const area = memoryArea();
    await neverSaveSite(area, 'https://login.microsoftonline.com/common/login');
    expect(await isNeverSaveSite(area, 'https://passwordreset.microsoftonline.com/')).toBe(true);
    expect(await isNeverSaveSite(area, 'https://admin.microsoft.com/')).toBe(true);
    expect(await isNeverSaveSite(area, 'https://login.live.com/')).toBe(false);
    expect(await isNeverSaveSite(area, 'https://login.microsoftonline.us/')).toBe(false);
  });

  it('a content host chosen "never" does not turn saving off on its realm’s sign-in', async () => {
    const area = memoryArea();
    await neverSaveSite(area, 'https://contoso.sharepoint.com/sites/hr');
    expect(await isNeverSaveSite(area, 'https://contoso.sharepoint.com/')).toBe(true);
    expect(await isNeverSaveSite(area, 'https://login.microsoftonline.com/')).toBe(false);
  });
});
