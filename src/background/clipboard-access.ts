// Clipboard access for the background, per browser (see clipboard-clear.ts).
import browser from 'webextension-polyfill';
import { documentClipboard, type Clipboard } from '../shared/document-clipboard';

const OFFSCREEN_URL = 'offscreen/clipboard.html';

/** Chrome: the offscreen document does the reading and writing for the service worker. */
function offscreenClipboard(): Clipboard {
  const chromeApi = (globalThis as unknown as { chrome: { offscreen: { createDocument(o: object): Promise<void>; hasDocument?(): Promise<boolean> } } }).chrome;
  const ensure = async () => {
    if (chromeApi.offscreen.hasDocument && (await chromeApi.offscreen.hasDocument())) return;
    await chromeApi.offscreen
      .createDocument({ url: OFFSCREEN_URL, reasons: ['CLIPBOARD'], justification: 'Clear a copied password from the clipboard' })
      .catch((error: Error) => {
        if (!/single offscreen/i.test(error.message)) throw error;
      });
  };
  const ask = async (message: object) => {
    await ensure();
    return browser.runtime.sendMessage({ target: 'offscreen-clipboard', ...message });
  };
  return {
    read: async () => String((await ask({ op: 'read' })) ?? ''),
    write: async (text) => {
      await ask({ op: 'write', text });
    },
  };
}

export function backgroundClipboard(): Clipboard {
  return typeof document !== 'undefined' && document.body ? documentClipboard(document) : offscreenClipboard();
}
