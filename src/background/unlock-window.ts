// The master password is typed only in Latchkey's own windows, never in a frame
// inside a web page (where the page could move focus to its own field while the
// person types). When a page needs the vault (the inline menu's "Unlock", a
// passkey request), the background opens a small Latchkey window of its own
// (a tab on Firefox for Android, which has no windows). Not the toolbar popup:
// action.openPopup() needs a user gesture in Firefox, which a message from the
// menu no longer carries, and a popup closes as soon as the person clicks back
// into the page. The page's menu or prompt waits and continues once unlocked.
import browser from 'webextension-polyfill';

export type UnlockPurpose = 'unlock' | 'verify';

let openWindowId: number | null = null;

export async function openUnlockWindow(purpose: UnlockPurpose): Promise<void> {
  const url = browser.runtime.getURL(`popup/popup.html?for=${purpose}`);
  const windows = (browser as { windows?: typeof browser.windows }).windows;
  if (!windows) {
    // Firefox for Android has no windows: a tab of our own does the same.
    await browser.tabs.create({ url });
    return;
  }
  // One Latchkey window at a time: a second request brings it forward.
  if (openWindowId !== null) {
    const focused = await windows.update(openWindowId, { focused: true }).then(
      () => true,
      () => false,
    );
    if (focused) {
      const [tab] = await browser.tabs.query({ windowId: openWindowId });
      if (tab?.id !== undefined) await browser.tabs.update(tab.id, { url });
      return;
    }
    openWindowId = null;
  }
  const created = await windows.create({ url, type: 'popup', width: 380, height: 560, focused: true });
  openWindowId = created.id ?? null;
}
