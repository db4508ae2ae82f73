// Moves what the background kept in storage.local into another area (Firefox: the
// IndexedDB area), without losing anything if the browser stops at any point:
//   1. copy every key (one atomic write), 2. read the copy back and compare,
//   3. write the marker (from then on the new area is the only one read),
//   4. remove the copied keys from the old area, 5. note that in the marker.
// A crash before 3 leaves the old area untouched and the copy is redone at the next
// start (nothing has written to the new area meanwhile: every access waits for this);
// a crash after 3 only leaves step 4 to redo.
import type { StorageArea } from './storage-area';

export const MIGRATION_MARKER = 'latchkey.migratedFromStorageLocal';

interface Marker {
  keys: string[];
  cleaned: boolean;
}

/** JSON with sorted keys, so two equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export async function migrateArea(from: StorageArea, to: StorageArea): Promise<void> {
  let marker = (await to.get(MIGRATION_MARKER))[MIGRATION_MARKER] as Marker | undefined;
  if (!marker) {
    const items = await from.get(null);
    const keys = Object.keys(items);
    if (keys.length > 0) {
      await to.set(items);
      const copied = await to.get(keys);
      const different = keys.filter((key) => canonical(copied[key]) !== canonical(items[key]));
      if (different.length > 0) throw new Error(`Moving Latchkey's data to its own store did not read back (${different.length} keys); nothing was removed`);
    }
    marker = { keys, cleaned: keys.length === 0 };
    await to.set({ [MIGRATION_MARKER]: marker });
  }
  if (!marker.cleaned) {
    await from.remove(marker.keys);
    await to.set({ [MIGRATION_MARKER]: { ...marker, cleaned: true } });
  }
}

/** An area whose every call first waits for `ready` (access level, migration); a failed `ready` is tried again by the next call. */
export function whenReady(area: StorageArea, prepare: () => Promise<void>): StorageArea & { ready(): Promise<void> } {
  let pending: Promise<void> | null = null;
  const ready = () => {
    pending ??= prepare().catch((error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  };
  return {
    ready,
    get: async (keys) => (await ready(), area.get(keys)),
    set: async (items) => (await ready(), area.set(items)),
    remove: async (keys) => (await ready(), area.remove(keys)),
  };
}
