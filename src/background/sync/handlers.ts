// Handlers for the sync area's requests (src/shared/protocol-sync.ts), and the timer for
// automatic syncs.
import browser from 'webextension-polyfill';
import type { StorageArea } from '../storage-area';
import type { VaultService } from '../vault-service';
import { SyncService, type SyncInput } from './sync-service';

export const SYNC_ALARM = 'latchkey-sync';

let service: SyncService | null = null;
/** storage.sync as the background prepared it (trusted contexts only in Chrome); set by watchSync at start. */
let browserSync: StorageArea | null = null;

/** One sync service per background, shared by the handlers and the alarm; made at first use. */
export function syncService(vault: VaultService, local: StorageArea): SyncService {
  service ??= new SyncService({ vault, local, browserSync });
  return service;
}

async function scheduleAlarm(minutes: number, method: string): Promise<void> {
  await browser.alarms.clear(SYNC_ALARM);
  if (method !== 'off' && minutes > 0) await browser.alarms.create(SYNC_ALARM, { periodInMinutes: minutes, delayInMinutes: minutes });
}

export function createSyncHandlers(deps: { vault: VaultService; local: StorageArea }) {
  const sync = () => syncService(deps.vault, deps.local);
  return {
    'sync.get': () => sync().view(),
    'sync.now': async (payload: SyncInput) => {
      const saved = await sync().save(payload);
      await scheduleAlarm(saved.intervalMinutes, saved.method).catch(() => undefined);
      if (saved.method !== 'off') await sync().sync();
      return sync().view();
    },
  };
}

/** Syncs on the alarm while unlocked; a locked vault waits for the next one. `sync` is storage.sync, or null. */
export function watchSyncAlarm(vault: VaultService, local: StorageArea, sync: StorageArea | null): void {
  browserSync = sync;
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== SYNC_ALARM) return;
    void (async () => {
      if (!(await vault.isUnlocked())) return;
      const s = syncService(vault, local);
      if ((await s.settings()).method !== 'off') await s.sync();
    })().catch(() => undefined);
  });
}
