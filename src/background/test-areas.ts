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
