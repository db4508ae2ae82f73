// Moving storage.local into the Firefox store: nothing lost, whatever write the browser stops at.
import { describe, expect, it } from 'vitest';
import { memoryArea } from './memory-area';
import { MIGRATION_MARKER, migrateArea, whenReady } from './storage-migration';
import { crashOnWrite } from './test-areas';

const OLD_DATA = {
  'vault.state': { current: { generation: 2 }, previous: { generation: 1 } },
  'vault.record.2': { ciphertext: 'AAAA', generation: 2 },
  'vault.record.1': { ciphertext: 'BBBB', generation: 1 },
  settings: { autoLockMinutes: 5, theme: 'dark' },
  'unlock.failures': { count: 2 },
};

/** What the background would read after a start: the new area once the marker is there, else the old one. */
async function visible(from: ReturnType<typeof memoryArea>, to: ReturnType<typeof memoryArea>) {
  const marker = (await to.get(MIGRATION_MARKER))[MIGRATION_MARKER];
  const all = await (marker ? to : from).get(null);
  return Object.fromEntries(Object.entries(all).filter(([key]) => key !== MIGRATION_MARKER));
}

describe('migrateArea (storage.local → IndexedDB)', () => {
  it('copies everything, checks it, then removes it from storage.local', async () => {
    const from = memoryArea(OLD_DATA);
    const to = memoryArea();
    await migrateArea(from, to);
    expect(await visible(from, to)).toEqual(OLD_DATA);
    expect(from.data.size).toBe(0);
    expect(to.data.get(MIGRATION_MARKER)).toEqual({ keys: Object.keys(OLD_DATA), cleaned: true });
  });

  for (const n of [1, 2, 3, 4]) {
    it(`a crash at write ${n} of the move loses nothing, and the next start finishes it`, async () => {
      const from = memoryArea(OLD_DATA);
      const to = memoryArea();
      const crashingFrom = crashOnWrite(from);
      const crashingTo = crashOnWrite(to);
      // Count the writes of both areas together: 1 copy, 2 marker, 3 removal, 4 "cleaned".
      let writes = 0;
      const counted = (area: ReturnType<typeof crashOnWrite>) => ({
        get: area.get,
        set: async (items: Record<string, unknown>) => (++writes >= n ? Promise.reject(new Error('the browser stopped')) : area.set(items)),
        remove: async (keys: string | string[]) => (++writes >= n ? Promise.reject(new Error('the browser stopped')) : area.remove(keys)),
      });
      await expect(migrateArea(counted(crashingFrom), counted(crashingTo))).rejects.toThrow(/stopped/);
      expect(await visible(from, to)).toEqual(OLD_DATA);
      await migrateArea(from, to);
      expect(await visible(from, to)).toEqual(OLD_DATA);
      expect(from.data.size).toBe(0);
    });
  }

  it('a copy that does not read back removes nothing from storage.local', async () => {
    const from = memoryArea(OLD_DATA);
    const to = memoryArea();
    const lossy = { ...to, set: async (items: Record<string, unknown>) => to.set({ ...items, settings: { autoLockMinutes: 1 } }) };
    await expect(migrateArea(from, lossy)).rejects.toThrow(/did not read back.*nothing was removed/);
    expect(Object.fromEntries(from.data)).toEqual(OLD_DATA);
    expect(to.data.has(MIGRATION_MARKER)).toBe(false);
  });

  it('after the move (or on a fresh install), keys written to storage.local later are never read', async () => {
    const from = memoryArea();
    const to = memoryArea();
    await migrateArea(from, to);
    await from.set({ settings: { autoLockMinutes: 0 }, 'vault.state': { planted: true } });
    await migrateArea(from, to);
    expect(await visible(from, to)).toEqual({});
  });

  it('every access waits for the move, and a failed move is tried again by the next access', async () => {
    const target = memoryArea();
    let attempts = 0;
    const area = whenReady(target, async () => {
      attempts++;
      if (attempts === 1) throw new Error('IndexedDB is blocked');
      await target.set({ moved: true });
    });
    await expect(area.get('moved')).rejects.toThrow(/blocked/);
    expect(await area.get('moved')).toEqual({ moved: true });
    await area.set({ other: 1 });
    expect(attempts).toBe(2);
  });
});
