// Fill gestures that start outside the page: the keyboard shortcut (commands)
// and the context menu on an editable field. Each allows one fill in that tab.
import browser from 'webextension-polyfill';
import type { AutofillService, TabsPort } from './autofill/fill-service';

export const FILL_COMMAND = 'fill-login';
const CONTEXT_MENU_ID = 'latchkey-fill';

/**
 * Firefox for Android has neither keyboard shortcuts (`commands`) nor context menus: each
 * gesture is set up only where the browser has it, so nothing after this fails there.
 */
export function watchFillGestures(autofill: AutofillService, tabs: TabsPort): void {
  const { commands, contextMenus } = browser as Partial<Pick<typeof browser, 'commands' | 'contextMenus'>>;
  commands?.onCommand.addListener(async (command) => {
    if (command !== FILL_COMMAND) return;
    const tabId = await tabs.activeTabId();
    if (tabId === null) return;
    await autofill.noteFillGesture(tabId);
    // Every frame hears it; only the one holding the focused field acts.
    await tabs.sendToTab(tabId, { type: 'content.fillRequested' }).catch(() => undefined);
  });

  if (!contextMenus) return;
  browser.runtime.onInstalled.addListener(() => {
    contextMenus.create({ id: CONTEXT_MENU_ID, title: 'Fill with Latchkey', contexts: ['editable'] });
  });
  contextMenus.onClicked.addListener(async (info, tab) => {
    if (info.menuItemId !== CONTEXT_MENU_ID || tab?.id === undefined) return;
    await autofill.noteFillGesture(tab.id);
    await tabs.sendToFrame(tab.id, info.frameId ?? 0, { type: 'content.fillRequested' }).catch(() => undefined);
  });
}
