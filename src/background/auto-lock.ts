// Locks the vault after a period without use, on system lock and when the
// browser closes. Alarms survive the service worker being stopped, timers don't.
import browser from 'webextension-polyfill';
import type { Settings } from '../shared/protocol';

export const AUTO_LOCK_ALARM = 'latchkey.auto-lock';

/** Restarts the idle countdown; called on every use of the unlocked vault. */
export async function restartAutoLockCountdown(settings: Settings): Promise<void> {
  if (settings.autoLockMinutes <= 0) {
    await browser.alarms.clear(AUTO_LOCK_ALARM);
    return;
  }
  await browser.alarms.create(AUTO_LOCK_ALARM, { delayInMinutes: settings.autoLockMinutes });
}

export function watchForLockEvents(lock: () => Promise<unknown>, settings: () => Promise<Settings>): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === AUTO_LOCK_ALARM) void lock();
  });
  // No `idle` on Firefox for Android: the idle-time lock (an alarm) still works there.
  (browser as Partial<Pick<typeof browser, 'idle'>>).idle?.onStateChanged.addListener(async (state) => {
    if (state === 'locked' && (await settings()).lockOnSystemLock) await lock();
  });
}
