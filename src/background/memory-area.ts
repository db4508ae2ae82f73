// An in-memory StorageArea for unit tests and benchmarks.
import type { StorageArea } from './storage-area';

export function memoryArea(initial: Record<string, unknown> = {}): StorageArea & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>(Object.entries(structuredClone(initial)));
  const keysOf = (keys: string | string[] | null) => (keys === null ? [...data.keys()] : [keys].flat());
  return {
    data,
    async get(keys) {
      const result: Record<string, unknown> = {};
      for (const key of keysOf(keys)) if (data.has(key)) result[key] = structuredClone(data.get(key));
      return result;
    },
    async set(items) {
      for (const [key, value] of Object.entries(items)) data.set(key, structuredClone(value));
    },
    async remove(keys) {
      for (const key of [keys].flat()) data.delete(key);
    },
  };
}
