// Requests of the sync area: see src/background/sync/.
import { request } from './request';
import { integer, literal, object, optional, string } from './validate';

export type SyncMethodName = 'off' | 'webdav' | 'browser';

export interface SyncOutcome {
  ok: boolean;
  /** When it finished (ms epoch). */
  at: number;
  /** "Synced …" with what changed, or the reason it failed, written for the person. */
  message: string;
}

/** The sync settings as the popup shows them: the WebDAV password never leaves the vault. */
export interface SyncView {
  method: SyncMethodName;
  webdavUrl: string;
  webdavUsername: string;
  hasWebdavPassword: boolean;
  intervalMinutes: number;
  last: SyncOutcome | null;
}

const settings = {
  method: literal('off', 'webdav', 'browser'),
  webdavUrl: string({ max: 2048 }),
  webdavUsername: string({ max: 1024 }),
  /** Empty keeps the saved one. */
  webdavPassword: optional(string({ max: 4096 })),
  intervalMinutes: integer({ min: 0, max: 7 * 24 * 60 }),
};

export const syncProtocol = {
  'sync.get': request<Record<string, never>, SyncView>(['popup'], object({})),
  /** Keeps the settings given, then syncs at once when the method is WebDAV; answers with the outcome. */
  'sync.now': request<{ method: SyncMethodName; webdavUrl: string; webdavUsername: string; webdavPassword?: string; intervalMinutes: number }, SyncView>(
    ['popup'],
    object(settings),
  ),
} as const;
