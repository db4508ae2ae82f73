// Firefox ESR, driven by Puppeteer over WebDriver BiDi, with the extension
// installed through BiDi's webExtension.install.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Frame, type Page } from 'puppeteer-core';
import { FIND_BY_ROLE_SOURCE, namePattern } from './aria-query';
import { assertNoLeak } from './leaks';
import { ConsoleWatch } from './console-watch';
import { resolveHostFixture } from './fixtures';
import { DIST, FIREFOX_PATH, GECKO_ID } from './paths';
import { DEFAULT_TIMEOUT_MS, type Control, type ExtensionSession, type LaunchOptions, type TestPage } from './types';

// A fixed internal UUID makes moz-extension:// URLs known in advance.
const EXTENSION_UUID = '3f6b2a1c-5d4e-4f70-8a9b-0c1d2e3f4a5b';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Finder = () => Promise<ElementHandle<Element> | null>;

/** "host >>> inner" crosses a shadow boundary (Puppeteer's own syntax); a plain selector searches all of them. */
const deepSelector = (css: string) => (css.includes('>>>') ? css : `pierce/${css}`);

function control(find: Finder, page: Page, describe: string): Control {
  const waitFound = async (timeoutMs = DEFAULT_TIMEOUT_MS) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const handle = await find().catch(() => null);
      if (handle) return handle;
      if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${describe}`);
      await sleep(50);
    }
  };
  return {
    // Like Playwright's click: wait until the control is enabled (the inline menu arms its buttons after a moment).
    click: async () => {
      const deadline = Date.now() + DEFAULT_TIMEOUT_MS;
      for (;;) {
        const handle = await waitFound();
        const enabled = await handle.evaluate((el) => !(el as HTMLButtonElement).disabled && el.getAttribute('aria-disabled') !== 'true').catch(() => false);
        if (enabled) return handle.click();
        if (Date.now() > deadline) throw new Error(`Timed out after ${DEFAULT_TIMEOUT_MS} ms waiting for ${describe} to be enabled`);
        await sleep(50);
      }
    },
    fill: async (value) => {
      const handle = await waitFound();
      await handle.evaluate((el) => {
        (el as HTMLInputElement).focus();
        (el as HTMLInputElement).select?.();
      });
      if (value === '') await page.keyboard.press('Backspace');
      else await page.keyboard.type(value);
    },
    press: async (key) => {
      await (await waitFound()).focus();
      await page.keyboard.press(key as Parameters<Page['keyboard']['press']>[0]);
    },
    text: async () => (await waitFound()).evaluate((el) => ((el as HTMLElement).innerText ?? el.textContent ?? '').trim()),
    value: async () => (await waitFound()).evaluate((el) => (el as HTMLInputElement).value),
    waitFor: async (timeoutMs) => {
      await waitFound(timeoutMs);
    },
    isVisible: async () => (await find().catch(() => null)) !== null,
  };
}

function wrap(target: Page | Frame, page: Page): TestPage {
  const frame = 'mainFrame' in target ? target.mainFrame() : target;
  return {
    url: () => frame.url(),
    goto: async (url) => {
      await frame.goto(url);
    },
    byRole: (role, name) => {
      const pattern = namePattern(name);
      const find: Finder = async () => {
        const handle = await frame.evaluateHandle(
          `(${FIND_BY_ROLE_SOURCE})(${JSON.stringify(role)}, ${JSON.stringify(pattern?.source ?? null)}, ${JSON.stringify(pattern?.flags ?? '')}, null)`,
        );
        const element = handle.asElement() as ElementHandle<Element> | null;
        if (!element) await handle.dispose();
        return element;
      };
      return control(find, page, `${role} "${String(name ?? '')}"`);
    },
    bySelector: (css) => {
      const find: Finder = async () => {
        const element = await frame.$(css);
        if (!element) return null;
        const shown = await element.evaluate((el) => {
          const rect = el.getBoundingClientRect();
          return rect.width > 0 && rect.height > 0 && getComputedStyle(el).visibility !== 'hidden';
        });
        return shown ? element : null;
      };
      return control(find, page, css);
    },
    byDeepSelector: (css) => {
      const find: Finder = async () => (await frame.$(deepSelector(css))) as ElementHandle<Element> | null;
      return control(find, page, css);
    },
    setInputFile: async (css, path) => {
      const input = (await frame.$(css)) as ElementHandle<HTMLInputElement> | null;
      if (!input) throw new Error(`No file input matches ${css}`);
      await input.uploadFile(path);
    },
    valueOf: async (css) => {
      const element = await frame.$(deepSelector(css));
      if (!element) throw new Error(`No element matches ${css}`);
      return element.evaluate((el) => (el as HTMLInputElement).value);
    },
    text: () => frame.evaluate(() => document.body.innerText.trim()),
    waitForText: async (text, timeoutMs = DEFAULT_TIMEOUT_MS) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const body = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
        if (typeof text === 'string' ? body.includes(text) : text.test(body)) return;
        if (Date.now() > deadline) throw new Error(`Timed out waiting for text ${String(text)}`);
        await sleep(50);
      }
    },
    evaluate: (fn, arg) => frame.evaluate(fn as (arg: unknown) => unknown, arg) as never,
    press: (key) => page.keyboard.press(key as Parameters<Page['keyboard']['press']>[0]),
    clickAt: (x, y) => page.mouse.click(x, y),
    frame: async (prefix, timeoutMs = DEFAULT_TIMEOUT_MS) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = await findFrame(page, prefix);
        if (found) return wrap(found, page);
        if (Date.now() > deadline) throw new Error(`No frame at ${prefix} appeared within ${timeoutMs} ms`);
        await sleep(50);
      }
    },
    hasFrame: async (prefix) => (await findFrame(page, prefix)) !== null,
    screenshot: async (path) => {
      await page.screenshot({ path: path as `${string}.png` });
    },
    // WebDriver BiDi cannot emulate media features yet; headless Firefox is light,
    // so "light" is checked, and "dark" is refused rather than faked.
    setColorScheme: async (scheme) => {
      const dark = await frame.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
      if (dark !== (scheme === 'dark')) throw new Error(`Firefox over WebDriver BiDi cannot switch the system theme to ${scheme}`);
    },
    close: () => page.close(),
  };
}

/**
 * Puppeteer keeps reporting a frame that navigated into an extension page as
 * about:blank, so ask each frame where it really is.
 */
async function findFrame(page: Page, prefix: string): Promise<Frame | null> {
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    const state = await frame.evaluate(() => `${document.readyState} ${location.href}`).catch(() => '');
    if (/^(interactive|complete) /.test(state) && state.slice(state.indexOf(' ') + 1).startsWith(prefix)) return frame;
  }
  return null;
}

/**
 * Firefox's remote agent does not report a navigation into an extension page as
 * finished, so start it and wait for the document instead.
 */
async function gotoExtensionPage(page: Page, url: string): Promise<void> {
  page.goto(url, { timeout: 30_000 }).catch(() => undefined);
  const deadline = Date.now() + DEFAULT_TIMEOUT_MS;
  for (;;) {
    const state = await page.evaluate(() => `${location.href} ${document.readyState}`).catch(() => '');
    if (state === `${url} complete`) return;
    if (Date.now() > deadline) throw new Error(`The extension page ${url} did not load`);
    await sleep(50);
  }
}

async function routeFixtureHosts(page: Page): Promise<void> {
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (request.isInterceptResolutionHandled()) return;
    const fixture = resolveHostFixture(request.url());
    if (fixture) void request.respond({ status: fixture.status, contentType: fixture.contentType, body: fixture.body });
    else void request.continue();
  });
}

export async function launchFirefox(options: LaunchOptions = {}): Promise<ExtensionSession> {
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'latchkey-firefox-'));
  let browser: Browser;
  const consoleWatch = new ConsoleWatch();
  const watchConsole = (page: Page | null) => page?.on('console', (message) => consoleWatch.record(message.text()));

  async function start() {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      userDataDir: profileDir,
      // Lets the remote agent open moz-extension:// pages such as the popup.
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
        // A temporary add-on is removed when Firefox quits; keep its data so a
        // restart on the same profile finds the vault, as a user's would.
        'extensions.webextensions.keepStorageOnUninstall': true,
        'extensions.webextensions.keepUuidOnUninstall': true,
        ...(options.backgroundIdleMs ? { 'extensions.background.idle.timeout': options.backgroundIdleMs } : {}),
      },
    });
    browser.on('targetcreated', (target: { page(): Promise<Page | null> }) => void target.page().then(watchConsole, () => undefined));
    for (const page of await browser.pages()) watchConsole(page);
    await browser.installExtension(DIST.firefox);
  }
  await start();

  const extensionUrl = (path: string) => `moz-extension://${EXTENSION_UUID}/${path.replace(/^\//, '')}`;
  let probe: Page | null = null;
  async function extensionPage(): Promise<Page> {
    if (probe && !probe.isClosed()) return probe;
    probe = await browser.newPage();
    await gotoExtensionPage(probe, extensionUrl('popup/popup.html'));
    return probe;
  }
  const backgroundStartedAt = async () => {
    const answer = (await session.sendFromExtensionPage({ type: 'diagnostics.info', payload: {} })) as {
      value: { backgroundStartedAt: number };
    };
    return answer.value.backgroundStartedAt;
  };

  const session: ExtensionSession = {
    browser: 'firefox',
    profileDir,
    extensionUrl,
    newPage: async () => {
      // A window that just closed itself (Latchkey's unlock window) can still be BiDi's
      // reference context for a moment: creating a tab then fails once with a discarded context.
      const page = await browser.newPage().catch(async (error: unknown) => {
        if (!String(error).includes('DiscardedBrowsingContextError')) throw error;
        await sleep(500);
        return browser.newPage();
      });
      await routeFixtureHosts(page);
      return wrap(page, page);
    },
    openPopup: async () => {
      const page = await browser.newPage();
      await gotoExtensionPage(page, extensionUrl('popup/popup.html'));
      return wrap(page, page);
    },
    waitForPage: async (prefix, timeoutMs = DEFAULT_TIMEOUT_MS) => {
      // BiDi does not always report navigations into extension pages: ask each page where it is.
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        for (const candidate of await browser.pages()) {
          const href = await candidate.evaluate(() => `${location.href} ${document.readyState}`).catch(() => '');
          if (href.startsWith(prefix) && href.endsWith(' complete')) return wrap(candidate, candidate);
        }
        if (Date.now() > deadline) throw new Error(`No page at ${prefix} was opened within ${timeoutMs} ms`);
        await sleep(100);
      }
    },
    toolbar: async (pageUrl) =>
      (await extensionPage()).evaluate(async (url) => {
        const api = (globalThis as unknown as { browser?: ToolbarApi; chrome: ToolbarApi }).browser ?? (globalThis as unknown as { chrome: ToolbarApi }).chrome;
        const tab = (await api.tabs.query({})).find((candidate) => candidate.url === url);
        if (tab?.id === undefined) throw new Error(`No tab at ${url}`);
        return { badge: await api.action.getBadgeText({ tabId: tab.id }), title: await api.action.getTitle({}) };
      }, pageUrl),
    sendFromExtensionPage: async (message) =>
      (await extensionPage()).evaluate((m) => (globalThis as unknown as { browser: ExtensionNamespaceForTests }).browser.runtime.sendMessage(m), message as never),
    restartBackground: async () => {
      // Firefox stops an idle event page on its own; wait for that, sending nothing meanwhile.
      if (!options.backgroundIdleMs) throw new Error('Launch Firefox with backgroundIdleMs to restart its background');
      const before = await backgroundStartedAt();
      for (let attempt = 0; attempt < 5; attempt++) {
        await sleep(options.backgroundIdleMs + 1500);
        if ((await backgroundStartedAt()) !== before) return;
      }
      throw new Error('Firefox did not stop the idle event page');
    },
    killBackground: async () => {
      probe = null;
      await browser.uninstallExtension(GECKO_ID);
      await browser.installExtension(DIST.firefox);
    },
    readStorage: async (area) =>
      (await extensionPage()).evaluate(async (name) => {
        const stored = await (globalThis as unknown as { browser: ExtensionNamespaceForTests }).browser.storage[name]!.get(null);
        // Firefox keeps the vault and settings in the extension's IndexedDB (src/background/idb-area.ts).
        if (name !== 'local' || !(await indexedDB.databases()).some((db) => db.name === 'latchkey')) return stored;
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open('latchkey');
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        try {
          if (!db.objectStoreNames.contains('local')) return stored;
          const store = db.transaction('local', 'readonly').objectStore('local');
          const read = <T>(req: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((req.onsuccess = () => resolve(req.result)), (req.onerror = () => reject(req.error))));
          const [keys, values] = await Promise.all([read(store.getAllKeys()), read(store.getAll())]);
          return { ...stored, ...Object.fromEntries(keys.map((key, i) => [String(key), values[i]])) };
        } finally {
          db.close();
        }
      }, area as never),
    restartBrowser: async () => {
      probe = null;
      await browser.close();
      await start();
    },
    console: consoleWatch,
    close: async () => {
      await browser.close();
      assertNoLeak(consoleWatch);
    },
  };
  return session;
}
