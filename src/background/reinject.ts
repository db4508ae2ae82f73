// After Latchkey is installed or updated, the tabs already open have no working
// content script (Chrome injects manifest content scripts only into pages loaded
// later, and an update cuts the old ones off), so neither the inline menu nor the
// popup's Fill would work there until a reload. Inject them now. Firefox injects
// into open tabs by itself, so this runs in Chrome only.
import browser from 'webextension-polyfill';

const isChrome = () => browser.runtime.getURL('/').startsWith('chrome-extension://');

export function reinjectIntoOpenTabs(): void {
  browser.runtime.onInstalled.addListener(() => {
    if (!isChrome() || !browser.scripting) return;
    void (async () => {
      for (const tab of await browser.tabs.query({ url: ['http://*/*', 'https://*/*'] })) {
        if (tab.id === undefined || tab.discarded) continue;
        // Only the autofill bootstrap: the passkey shim (page.js) wraps navigator.credentials
        // once per page, and a second copy would wrap the first; passkeys there work after a reload.
        await browser.scripting.executeScript({ target: { tabId: tab.id, allFrames: true }, files: ['content.js'] }).catch((error: unknown) => {
          console.warn(`Latchkey: could not start in an open tab (${error instanceof Error ? error.message : 'unknown error'})`);
        });
      }
    })();
  });
}
