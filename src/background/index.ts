// The background: the vault's only home. Listeners are registered synchronously
// at start so that a service worker woken by an event finds them in place.
import browser, { type Runtime } from 'webextension-polyfill';
import { watchForLockEvents } from './auto-lock';
import { CaptureService } from './autofill/capture';
import { AutofillService, type TabsPort } from './autofill/fill-service';
import { watchFillGestures } from './fill-gestures';
import { backgroundClipboard } from './clipboard-access';
import { CLIPBOARD_ALARM, clearAfterRestart, clearIfStillOurs } from './clipboard-clear';
import { createHandlers } from './handlers';
import { forgetPendingImport } from './data/handlers';
import { lockEverything } from './lock';
import { forgetMenuSessions } from './menu-sessions';
import { reinjectIntoOpenTabs } from './reinject';
import { createRouter } from './router';
import { Toolbar } from './toolbar';
import { watchSyncAlarm } from './sync/handlers';
import { readSettings } from './settings';
import { localArea, localAreaReady, sessionArea, witnessArea } from './storage-area';
import { VaultService } from './vault-service';

const startedAt = Date.now();
// Restrict storage to trusted contexts (Chrome) or move it out of storage.local (Firefox) at once;
// every access waits for this anyway, so nothing is stored before it.
void localAreaReady().catch((error: unknown) => console.error('Latchkey: storage could not be prepared', error instanceof Error ? error.message : ''));
const vault = new VaultService({ local: localArea, session: sessionArea, witness: witnessArea });

const tabs: TabsPort = {
  topUrl: async (tabId) => (await browser.tabs.get(tabId)).url ?? null,
  sendToFrame: (tabId, frameId, command, documentId) =>
    browser.tabs.sendMessage(tabId, command, documentId ? ({ frameId, documentId } as { frameId: number }) : { frameId }),
  sendToTab: (tabId, command) => browser.tabs.sendMessage(tabId, command),
  activeTabId: () => activeWebTabId(),
};

/**
 * The page the person is looking at. When the popup itself is open as a tab (its
 * "open in a tab" use), that is the web page they used most recently in the window.
 */
async function activeWebTabId(): Promise<number | null> {
  const isWeb = (url: string | undefined) => !!url && /^https?:/.test(url);
  const [active] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (active?.id !== undefined && isWeb(active.url)) return active.id;
  const recent = (await browser.tabs.query({ lastFocusedWindow: true }))
    .filter((tab) => tab.id !== undefined && isWeb(tab.url))
    .sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  return recent[0]?.id ?? null;
}

const capture = new CaptureService(vault, sessionArea, localArea);
const autofill = new AutofillService({ vault, session: sessionArea, tabs });

const lock = () =>
  lockEverything({
    vault,
    session: sessionArea,
    forgetInMemory: () => {
      toolbar.refreshSoon();
      autofill.forget();
      forgetMenuSessions();
      forgetPendingImport();
    },
  });

const route = createRouter(createHandlers({ vault, local: localArea, session: sessionArea, tabs, capture, autofill, startedAt, lock }), {
  self: { id: browser.runtime.id, baseUrl: browser.runtime.getURL('/') },
  onInternalError: (type, error) => {
    // Only the request type and the error's class and message: never a payload.
    console.error(`Latchkey: ${type} failed`, error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error');
  },
});

const toolbar = new Toolbar(vault, activeWebTabId);
browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
  route(message, sender).finally(() => toolbar.refreshSoon()),
);
browser.tabs.onActivated.addListener(() => toolbar.refreshSoon());
// After a sign-in that navigates, the save prompt appears on the page the site moved on to.
browser.tabs.onUpdated.addListener(async (tabId, change) => {
  if (change.url !== undefined || change.status === 'complete') toolbar.refreshSoon();
  if (change.status !== 'complete') return;
  const token = await capture.pendingTokenForTab(tabId).catch(() => null);
  if (token) await tabs.sendToFrame(tabId, 0, { type: 'content.showPrompt', token }).catch(() => undefined);
});
watchFillGestures(autofill, tabs);
reinjectIntoOpenTabs();
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === CLIPBOARD_ALARM) void clearIfStillOurs(sessionArea, localArea, backgroundClipboard()).catch(() => undefined);
});
watchForLockEvents(lock, () => readSettings(localArea));
watchSyncAlarm(vault, localArea, witnessArea);
// A copied secret whose clear was pending when the browser closed is cleared now.
browser.runtime.onStartup.addListener(() => void clearAfterRestart(localArea, backgroundClipboard()).catch(() => undefined));
