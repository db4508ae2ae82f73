// The sync file kept in the browser's own sync storage (storage.sync), for people who use one
// browser on several machines. The same KDBX 4 file as on WebDAV, in base64 chunks under the
// per-item quota (8 KB), written under a fresh generation id, then switched to by one small
// head record, then the old generation removed. Two generations must fit at once, so the file
// may use at most half of the total quota (100 KB); a bigger vault is refused with a pointer to
// WebDAV instead of failing halfway. A head whose chunks have not all arrived yet (sync brings
// items one by one) is a transient failure: the next sync finds them.
import { fromBase64, toBase64 } from '../../vault/bytes';
import { sha256 } from '../../vault/formats/kdbx/crypto';
import type { StorageArea } from '../storage-area';
import { WebDavError, type RemoteFile } from './webdav';

export const HEAD_KEY = 'sync.file.head';
const chunkKey = (generation: string, index: number) => `sync.file.${generation}.${index}`;
/** storage.sync: 8,192 bytes per item (key + JSON value), 102,400 in all. */
export const QUOTA_BYTES = 102_400;
const CHUNK_CHARS = 7_800;
/** Room left for the rollback witness and the head. */
const RESERVED_BYTES = 4_096;
export const MAX_FILE_BASE64 = Math.floor((QUOTA_BYTES - RESERVED_BYTES) / 2);

interface Head {
  generation: string;
  chunks: number;
  sha256: string;
}

function parseHead(value: unknown): Head | null {
  if (typeof value !== 'object' || value === null) return null;
  const head = value as Head;
  if (typeof head.generation !== 'string' || !Number.isSafeInteger(head.chunks) || head.chunks < 1 || head.chunks > 64 || typeof head.sha256 !== 'string') return null;
  return head;
}

export class BrowserSyncStore {
  constructor(private readonly area: StorageArea) {}

  async get(): Promise<RemoteFile | null> {
    const head = parseHead((await this.area.get(HEAD_KEY))[HEAD_KEY]);
    if (!head) return null;
    const keys = Array.from({ length: head.chunks }, (_, i) => chunkKey(head.generation, i));
    const stored = await this.area.get(keys);
    const parts = keys.map((key) => stored[key]);
    const text = parts.every((p) => typeof p === 'string') ? parts.join('') : null;
    let bytes: Uint8Array | null = null;
    try {
      bytes = text === null ? null : fromBase64(text);
    } catch {
      bytes = null;
    }
    if (!bytes || toBase64(sha256(bytes)) !== head.sha256) {
      throw new WebDavError('server', 'Browser sync has not brought the whole vault to this browser yet; Latchkey will try again.');
    }
    return { bytes, etag: head.generation };
  }

  async replace(bytes: Uint8Array, expected: string | null): Promise<void> {
    const text = toBase64(bytes);
    if (text.length > MAX_FILE_BASE64) {
      const kb = Math.ceil(text.length / 1024);
      throw new WebDavError(
        'too-large',
        `The vault has outgrown browser sync: it needs ${kb} KB and browser sync holds ${Math.floor(MAX_FILE_BASE64 / 1024)} KB for it. Choose WebDAV as the sync method instead.`,
      );
    }
    const current = parseHead((await this.area.get(HEAD_KEY))[HEAD_KEY]);
    if ((current?.generation ?? null) !== expected) throw new WebDavError('conflict', 'Another browser changed the synced vault at the same time.');
    const generation = crypto.randomUUID().slice(0, 8);
    const chunks: Record<string, string> = {};
    for (let i = 0, n = 0; i < text.length; i += CHUNK_CHARS, n++) chunks[chunkKey(generation, n)] = text.slice(i, i + CHUNK_CHARS);
    const head: Head = { generation, chunks: Object.keys(chunks).length, sha256: toBase64(sha256(bytes)) };
    try {
      await this.area.set(chunks);
      await this.area.set({ [HEAD_KEY]: head });
    } catch (error) {
      await this.area.remove(Object.keys(chunks)).catch(() => undefined);
      const text = error instanceof Error ? error.message : String(error);
      if (/quota/i.test(text)) throw new WebDavError('too-large', 'Browser sync is full (its quota is 100 KB for everything). Choose WebDAV as the sync method instead.');
      throw new WebDavError('server', `The browser refused to write to its sync storage (${text}).`);
    }
    if (current) {
      await this.area.remove(Array.from({ length: current.chunks }, (_, i) => chunkKey(current.generation, i))).catch(() => undefined);
    }
  }
}
