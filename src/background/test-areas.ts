// Storage areas that misbehave on purpose, for tests of what a failed write leaves behind.
import { memoryArea } from './memory-area';
import type { StorageArea } from './storage-area';

export type MemoryArea = ReturnType<typeof memoryArea>;

/** Fails every write that touches a key matching `keys`, like a full quota would. */
export function failingWrites(area: MemoryArea, keys: RegExp, message = 'QUOTA_BYTES quota exceeded'): StorageArea {
  return {
    get: (k) => area.get(k),
    remove: (k) => area.remove(k),
    set: async (items) => {
      if (Object.keys(items).some((key) => keys.test(key))) throw new Error(message);
      return area.set(items);
    },
  };
}

/** Writes nothing to keys matching `keys` and never returns, like a worker killed mid-write. */
export function killedDuringWrite(area: MemoryArea, keys: RegExp): StorageArea {
  return {
    get: (k) => area.get(k),
    remove: (k) => area.remove(k),
    set: (items) => (Object.keys(items).some((key) => keys.test(key)) ? new Promise(() => undefined) : area.set(items)),
  };
}

/**
 * Once armed, lets `n - 1` writes (set or remove) through and throws on the n-th and
 * every one after it, like a browser that stops at that point: nothing later reaches storage.
 */
export function crashOnWrite(area: MemoryArea): StorageArea & { arm(n: number): void; writes: number } {
  let limit = Infinity;
  const wrapper = {
    writes: 0,
    arm(n: number) {
      limit = n;
      wrapper.writes = 0;
    },
    get: (k: string | string[] | null) => area.get(k),
    async set(items: Record<string, unknown>) {
      if (++wrapper.writes >= limit) throw new Error('the browser stopped');
      return area.set(items);
    },
    async remove(keys: string | string[]) {
      if (++wrapper.writes >= limit) throw new Error('the browser stopped');
      return area.remove(keys);
    },
  };
  return wrapper;
}

/** Reports every write as done but stores a damaged copy of records, like a failing disk. */
export function corruptingWrites(area: MemoryArea, keys: RegExp): StorageArea {
  return {
    get: (k) => area.get(k),
    remove: (k) => area.remove(k),
    set: async (items) => {
      const damaged = Object.fromEntries(
        Object.entries(items).map(([key, value]) =>
          keys.test(key) && value && typeof value === 'object' ? [key, { ...value, ciphertext: Buffer.alloc(48, 7).toString('base64') }] : [key, value],
        ),
      );
      return area.set(damaged);
    },
  };
}
