// Sync through a WebDAV server as a KeePass KDBX 4 file: download, decrypt, merge, upload.
// - The file is opened and written with the master password's KeePass key, which the vault
//   service keeps in the session while unlocked (never the password itself).
// - The local vault changes only after the server holds the merged file (or already held
//   everything); a failure anywhere leaves both the vault and the server file as they were.
// - A file that is not a vault, or is under another password, is never replaced.
// - A concurrent writer (the ETag moved) makes it download and merge again; network failures
//   and 5xx are retried with backoff, then reported.
import { UserFacingError } from '../../shared/errors';
import type { SyncOutcome, SyncView } from '../../shared/protocol-sync';
import { FormatError } from '../../vault/formats/errors';
import type { SyncSettings } from '../../vault/model';
import { readSyncFile, writeSyncFile } from '../../vault/sync/kdbx-file';
import { mergeContent, syncContentOf, withContent, type MergeCounts } from '../../vault/sync/merge';
import type { StorageArea } from '../storage-area';
import type { VaultService } from '../vault-service';
import { BrowserSyncStore } from './browser-sync-store';
import { isLocalHttp, resolveFileUrl, WebDavClient, WebDavError, type RemoteFile } from './webdav';

/** Where the sync file lives: a WebDAV server, or the browser's sync storage. */
interface Remote {
  get(): Promise<RemoteFile | null>;
  replace(bytes: Uint8Array, expected: string | null): Promise<void>;
}

const LAST_KEY = 'sync.last';
const DEFAULT_SETTINGS: SyncSettings = { method: 'off', webdavUrl: '', webdavUsername: '', webdavPassword: '', intervalMinutes: 15 };
/** Merge again at most this many times when another device keeps writing. */
const MAX_CONFLICT_ROUNDS = 4;

export interface SyncServiceDeps {
  vault: VaultService;
  local: StorageArea;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Waits before each retry of a transient failure. */
  backoffMs?: readonly number[];
  timeoutMs?: number;
  /** storage.sync, for the "Browser sync" method (null where the browser has none). */
  browserSync?: StorageArea | null;
}

export type SyncInput = Omit<SyncSettings, 'webdavPassword'> & { webdavPassword?: string };

function describe(counts: MergeCounts, uploaded: boolean): string {
  const parts = [
    counts.added > 0 ? `${counts.added} added` : '',
    counts.changed > 0 ? `${counts.changed} updated` : '',
    counts.removed > 0 ? `${counts.removed} deleted` : '',
  ].filter((p) => p !== '');
  const here = parts.length > 0 ? `here: ${parts.join(', ')}` : 'nothing new here';
  return `${here}${uploaded ? '; the server copy was updated' : ''}`;
}

export class SyncService {
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private running: Promise<SyncOutcome> | null = null;

  constructor(private readonly deps: SyncServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async settings(): Promise<SyncSettings> {
    return (await this.deps.vault.read()).sync ?? DEFAULT_SETTINGS;
  }

  async view(): Promise<SyncView> {
    const s = await this.settings();
    const last = (await this.deps.local.get(LAST_KEY))[LAST_KEY] as SyncOutcome | undefined;
    return {
      method: s.method,
      webdavUrl: s.webdavUrl,
      webdavUsername: s.webdavUsername,
      hasWebdavPassword: s.webdavPassword !== '',
      intervalMinutes: s.intervalMinutes,
      last: last ?? null,
    };
  }

  /** Keeps what was typed (an empty password keeps the saved one), inside the vault. */
  async save(input: SyncInput): Promise<SyncSettings> {
    if (input.method === 'webdav') {
      const url = resolveFileUrl(input.webdavUrl); // refuses a URL that cannot work, before keeping it
      if (url.protocol === 'http:' && !isLocalHttp(url)) {
        throw new UserFacingError('bad-request', 'Use an https:// WebDAV URL: over http:// the WebDAV password and the file would cross the network unprotected.');
      }
    }
    return this.deps.vault.update((draft) => {
      const previous = draft.sync ?? DEFAULT_SETTINGS;
      // A different server or account does not inherit the password typed for the old one.
      const sameAccount = previous.webdavUrl === input.webdavUrl && previous.webdavUsername === input.webdavUsername;
      const webdavPassword = input.webdavPassword || (sameAccount ? previous.webdavPassword : '');
      draft.sync = { method: input.method, webdavUrl: input.webdavUrl, webdavUsername: input.webdavUsername, webdavPassword, intervalMinutes: input.intervalMinutes };
      return draft.sync;
    });
  }

  /** One sync at a time; a second request waits for the running one. */
  sync(): Promise<SyncOutcome> {
    this.running ??= this.run().finally(() => (this.running = null));
    return this.running;
  }

  private async run(): Promise<SyncOutcome> {
    let outcome: SyncOutcome;
    try {
      outcome = { ok: true, at: this.now(), message: await this.syncOnce() };
    } catch (error) {
      outcome = { ok: false, at: this.now(), message: this.reason(error) };
    }
    await this.deps.local.set({ [LAST_KEY]: outcome }).catch(() => undefined);
    return outcome;
  }

  private reason(error: unknown): string {
    const untouched = ' Your vault here and the file on the server were left as they were.';
    if (error instanceof WebDavError) return `Sync failed: ${error.message}${(error.kind === 'bad-url' && error.status === undefined) || error.kind === 'too-large' ? '' : untouched}`;
    if (error instanceof UserFacingError) return `Sync failed: ${error.message}`;
    if (error instanceof FormatError && error.kind === 'wrong-password') {
      return `Sync failed: the file on the server is protected by a different master password (or also needs a key file).${untouched} Open it with its own password, or use another file.`;
    }
    if (error instanceof FormatError || error instanceof SyncShapeError) {
      return `Sync failed: the file on the server is not a KeePass KDBX 4 database Latchkey can read (${error.message.replace(/\.$/, '')}).${untouched}`;
    }
    return `Sync failed: ${error instanceof Error ? error.message : 'unknown error'}.${untouched}`;
  }

  /** Transient failures (offline, timeout, 5xx) are tried again after each backoff delay. */
  private async retrying<T>(work: () => Promise<T>): Promise<T> {
    const delays = this.deps.backoffMs ?? [1000, 3000];
    for (let attempt = 0; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (!(error instanceof WebDavError) || !error.transient || attempt >= delays.length) throw error;
        await this.sleep(delays[attempt]!);
      }
    }
  }

  private remote(settings: SyncSettings): Remote {
    if (settings.method === 'browser') {
      if (!this.deps.browserSync) throw new UserFacingError('bad-request', 'This browser has no sync storage. Choose WebDAV as the sync method instead.');
      return new BrowserSyncStore(this.deps.browserSync);
    }
    if (settings.webdavUrl.trim() === '') throw new UserFacingError('bad-request', 'Enter the WebDAV URL first.');
    return new WebDavClient({
      fileUrl: resolveFileUrl(settings.webdavUrl).href,
      username: settings.webdavUsername,
      password: settings.webdavPassword,
      ...(this.deps.timeoutMs !== undefined ? { timeoutMs: this.deps.timeoutMs } : {}),
      ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
    });
  }

  private async syncOnce(): Promise<string> {
    const settings = await this.settings();
    if (settings.method === 'off') throw new UserFacingError('bad-request', 'Choose a sync method first.');
    const key = await this.deps.vault.kdbxKey();
    if (!key) throw new UserFacingError('locked', 'Lock Latchkey and unlock it again once, so it can open the sync file with your master password.');
    const kdf = await this.deps.vault.kdf();
    const client = this.remote(settings);
    for (let round = 0; round < MAX_CONFLICT_ROUNDS; round++) {
      const remote = await this.retrying(() => client.get());
      const remoteContent = remote ? await readRemote(remote.bytes, key) : null;
      const local = syncContentOf(await this.deps.vault.read());
      const merged = mergeContent(local, remoteContent ?? { items: [], folders: [], tombstones: [] }, { now: this.now() });
      const upload = remoteContent === null || merged.remoteChanged;
      if (upload) {
        const bytes = await writeSyncFile(merged.content, key, kdf, this.now());
        try {
          await this.retrying(() => client.replace(bytes, remote?.etag ?? null));
        } catch (error) {
          if (error instanceof WebDavError && error.kind === 'conflict') continue;
          throw error;
        }
      }
      let counts = merged.counts;
      if (merged.localChanged) {
        // Joined with the vault as it is now, so an edit made during the sync is kept (and goes up next time).
        counts = await this.deps.vault.update((draft) => {
          const joined = mergeContent(syncContentOf(draft), merged.content, { now: this.now() });
          Object.assign(draft, withContent(draft, joined.content));
          return joined.counts;
        });
      }
      const first = remoteContent === null ? (settings.method === 'browser' ? 'Browser sync now holds the vault. ' : 'Created the sync file on the server. ') : '';
      return `Synced ${new Date(this.now()).toLocaleTimeString()}: ${first}${describe(counts, upload)}.`;
    }
    throw new WebDavError('conflict', 'Another device kept changing the file on the server; try again in a moment.');
  }
}

class SyncShapeError extends Error {}

async function readRemote(bytes: Uint8Array, key: Uint8Array) {
  try {
    return await readSyncFile(bytes, key);
  } catch (error) {
    if (error instanceof FormatError) throw error;
    throw new SyncShapeError(error instanceof Error ? error.message : 'unreadable');
  }
}
