// A StorageArea over IndexedDB of the extension's own origin: what the background
// uses in Firefox instead of storage.local, which Firefox lets content scripts read
// and write. A content script's IndexedDB is the page's, so it never reaches this one.
// Same semantics as storage.local: get returns the present keys, set writes all its
// keys in one transaction (all or none), remove ignores missing keys.
import type { StorageArea } from './storage-area';

export const IDB_NAME = 'latchkey';
export const IDB_STORE = 'local';
const IDB_VERSION = 1;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function finished(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    // A quota error aborts the transaction; its error says so ("QuotaExceededError").
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    tx.onerror = () => undefined; // the abort that follows reports it
  });
}

export function idbArea(factory: IDBFactory = indexedDB, name = IDB_NAME): StorageArea {
  let opening: Promise<IDBDatabase> | null = null;
  const database = (): Promise<IDBDatabase> => {
    opening ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = factory.open(name, IDB_VERSION);
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(IDB_STORE)) req.result.createObjectStore(IDB_STORE);
      };
      req.onsuccess = () => {
        const db = req.result;
        // Let a newer version (or a deletion) proceed; the next call opens again.
        db.onversionchange = () => {
          db.close();
          opening = null;
        };
        db.onclose = () => {
          opening = null;
        };
        resolve(db);
      };
      req.onerror = () => reject(req.error ?? new Error('IndexedDB could not be opened'));
      req.onblocked = () => reject(new Error('IndexedDB is blocked by another open connection'));
    });
    opening.catch(() => {
      opening = null;
    });
    return opening;
  };

  return {
    async get(keys) {
      const db = await database();
      const tx = db.transaction(IDB_STORE, 'readonly');
      const store = tx.objectStore(IDB_STORE);
      const result: Record<string, unknown> = {};
      if (keys === null) {
        const [allKeys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
        allKeys.forEach((key, index) => (result[String(key)] = values[index]));
        return result;
      }
      const wanted = [keys].flat();
      const values = await Promise.all(wanted.map((key) => request(store.get(key))));
      wanted.forEach((key, index) => {
        if (values[index] !== undefined) result[key] = values[index];
      });
      return result;
    },
    async set(items) {
      const db = await database();
      const tx = db.transaction(IDB_STORE, 'readwrite');
      const done = finished(tx);
      const store = tx.objectStore(IDB_STORE);
      for (const [key, value] of Object.entries(items)) {
        // storage.local stores JSON-like values; so does this area (and undefined means "nothing").
        if (value !== undefined) store.put(value, key);
      }
      await done;
    },
    async remove(keys) {
      const db = await database();
      const tx = db.transaction(IDB_STORE, 'readwrite');
      const done = finished(tx);
      const store = tx.objectStore(IDB_STORE);
      for (const key of [keys].flat()) store.delete(key);
      await done;
    },
  };
}
