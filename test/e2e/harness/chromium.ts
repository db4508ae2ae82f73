// Chromium, driven by Playwright with the unpacked extension loaded.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Frame, type Locator, type Page } from 'playwright-core';
import { namePattern } from './aria-query';
import { assertNoLeak } from './leaks';
import { ConsoleWatch } from './console-watch';
import { resolveHostFixture } from './fixtures';
import { CHROMIUM_PATH, DIST } from './paths';
import { DEFAULT_TIMEOUT_MS, type Control, type ExtensionSession, type LaunchOptions, type TestPage } from './types';

/**
 * Whether a frame's URL starts with `prefix`. In-page extension pages are served at a
 * per-session dynamic extension URL (use_dynamic_url), so for extension URLs only the
 * path is compared.
 */
function sameFrameUrl(url: string, prefix: string): boolean {
  if (!prefix.startsWith('chrome-extension://') || !url.startsWith('chrome-extension://')) return url.startsWith(prefix);
  const path = (full: string) => full.replace(/^chrome-extension:\/\/[^/]+/, '');
  return path(url).startsWith(path(prefix));
}

function control(locator: Locator): Control {
  const first = locator.first();
  return {
    click: () => first.click({ timeout: DEFAULT_TIMEOUT_MS }),
    fill: (value) => first.fill(value, { timeout: DEFAULT_TIMEOUT_MS }),
    press: (key) => first.press(key, { timeout: DEFAULT_TIMEOUT_MS }),
    text: async () => ((await first.innerText({ timeout: DEFAULT_TIMEOUT_MS })) ?? '').trim(),
    value: () => first.inputValue({ timeout: DEFAULT_TIMEOUT_MS }),
    waitFor: (timeoutMs = DEFAULT_TIMEOUT_MS) => first.waitFor({ state: 'visible', timeout: timeoutMs }),
    isVisible: () => first.isVisible(),
  };
}

/** The Playwright page behind each TestPage, for DevTools access (evaluateInContentScript). */
const pageOf = new WeakMap<TestPage, Page>();

function wrap(target: Page | Frame, page: Page): TestPage {
  const wrapped = wrapTarget(target, page);
  pageOf.set(wrapped, page);
  return wrapped;
}

function wrapTarget(target: Page | Frame, page: Page): TestPage {
  return {
    url: () => target.url(),
    goto: async (url) => {
      await target.goto(url);
    },
    byRole: (role, name) => {
      const pattern = namePattern(name);
      const regex = pattern ? new RegExp(pattern.source, pattern.flags) : undefined;
      const ariaRole = role as Parameters<Page['getByRole']>[0];
      // ARIA gives list items no name from their content; the contract means their text.
      if (role === 'listitem' && regex) return control(target.getByRole(ariaRole).filter({ hasText: regex }));
      return control(target.getByRole(ariaRole, regex ? { name: regex } : {}));
    },
    bySelector: (css) => control(target.locator(css)),
    // Playwright's CSS already looks inside open shadow roots.
    byDeepSelector: (css) => control(target.locator(css.replace(/\s*>>>\s*/g, ' '))),
    setInputFile: (css, path) => target.locator(css).first().setInputFiles(path),
    valueOf: (css) => target.locator(css.replace(/\s*>>>\s*/g, ' ')).first().inputValue({ timeout: DEFAULT_TIMEOUT_MS }),
    text: async () => (await target.locator('body').innerText()).trim(),
    waitForText: async (text, timeoutMs = DEFAULT_TIMEOUT_MS) => {
      await target.getByText(text).first().waitFor({ state: 'visible', timeout: timeoutMs });
    },
    evaluate: (fn, arg) => target.evaluate(fn as never, arg) as never,
    press: (key) => page.keyboard.press(key),
    clickAt: (x, y) => page.mouse.click(x, y),
    frame: async (prefix, timeoutMs = DEFAULT_TIMEOUT_MS) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = page.frames().find((frame) => sameFrameUrl(frame.url(), prefix));
        if (found) {
          await found.waitForLoadState('domcontentloaded');
          return wrap(found, page);
        }
        if (Date.now() > deadline) throw new Error(`No frame at ${prefix} appeared within ${timeoutMs} ms`);
        await page.waitForTimeout(50);
      }
    },
    hasFrame: async (prefix) => page.frames().some((frame) => sameFrameUrl(frame.url(), prefix)),
    screenshot: async (path) => {
      await page.screenshot({ path });
    },
    setColorScheme: (scheme) => page.emulateMedia({ colorScheme: scheme }),
    close: () => page.close(),
  };
}

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  `--disable-extensions-except=${DIST.chromium}`,
  `--load-extension=${DIST.chromium}`,
];

export async function launchChromium(options: LaunchOptions = {}): Promise<ExtensionSession> {
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'latchkey-chromium-'));
  let context: BrowserContext;
  let extensionId: string;
  const consoleWatch = new ConsoleWatch();

  async function start() {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages'],
      args: ARGS,
      viewport: { width: 1000, height: 760 },
    });
    // Pages at real hostnames (login.microsoftonline.com, ...) come from test/fixtures/hosts/.
    await context.route(
      (url) => resolveHostFixture(url.href) !== null,
      (route) => {
        const fixture = resolveHostFixture(route.request().url())!;
        return route.fulfill({ status: fixture.status, contentType: fixture.contentType, body: fixture.body });
      },
    );
    context.on('console', (message) => consoleWatch.record(message.text()));
    context.on('serviceworker', (started) => started.on('console', (message) => consoleWatch.record(message.text())));
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    worker.on('console', (message) => consoleWatch.record(message.text()));
    extensionId = new URL(worker.url()).host;
  }
  await start();

  const extensionUrl = (path: string) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`;
  let probe: Page | null = null;
  async function extensionPage(): Promise<Page> {
    if (probe && !probe.isClosed()) return probe;
    probe = await context.newPage();
    await probe.goto(extensionUrl('popup/popup.html'));
    return probe;
  }

  /** Stops the extension's service worker through the DevTools protocol, as Chrome does when idle. */
  async function stopServiceWorker(): Promise<void> {
    const page = await extensionPage();
    const cdp = await context.newCDPSession(page);
    const versions = new Map<string, { scriptURL: string; runningStatus: string }>();
    const stopped = new Set<string>();
    cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
      for (const version of event.versions) {
        versions.set(version.versionId, version);
        // Remember the stop itself: a pending event may start the worker again at once.
        if (version.runningStatus === 'stopped') stopped.add(version.versionId);
      }
    });
    await cdp.send('ServiceWorker.enable');
    const deadline = Date.now() + 30_000;
    const ours = () => [...versions].find(([, v]) => v.scriptURL.startsWith(extensionUrl('')) && v.runningStatus === 'running');
    while (!ours() && Date.now() < deadline) await page.waitForTimeout(20);
    const running = ours();
    if (!running) throw new Error('The extension service worker is not running, so it cannot be stopped');
    stopped.delete(running[0]);
    await cdp.send('ServiceWorker.stopWorker', { versionId: running[0] });
    while (!stopped.has(running[0])) {
      if (Date.now() > deadline) throw new Error('The service worker did not stop');
      await page.waitForTimeout(20);
    }
    await cdp.detach();
  }

  const session: ExtensionSession = {
    browser: 'chromium',
    profileDir,
    extensionUrl,
    newPage: async () => {
      const page = await context.newPage();
      return wrap(page, page);
    },
    openPopup: async () => {
      const page = await context.newPage();
      // The size of the toolbar popup, so the pictures and the layout are the real ones.
      await page.setViewportSize({ width: 380, height: 600 });
      await page.goto(extensionUrl('popup/popup.html'));
      return wrap(page, page);
    },
    waitForPage: async (prefix, timeoutMs = DEFAULT_TIMEOUT_MS) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = context.pages().find((candidate) => sameFrameUrl(candidate.url(), prefix));
        if (found) {
          await found.waitForLoadState('domcontentloaded');
          return wrap(found, found);
        }
        if (Date.now() > deadline) throw new Error(`No page at ${prefix} was opened within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
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
      (await extensionPage()).evaluate((m) => chrome.runtime.sendMessage(m), message),
    restartBackground: () => stopServiceWorker(),
    killBackground: () => stopServiceWorker(),
    readStorage: async (area) =>
      (await extensionPage()).evaluate((name) => chrome.storage[name]!.get(null), area),
    evaluateInContentScript: async (testPage, expression) => {
      const page = pageOf.get(testPage);
      if (!page) throw new Error('evaluateInContentScript needs a page opened by this session');
      const cdp = await context.newCDPSession(page);
      try {
        const worlds: Array<{ id: number; origin: string; auxData?: { type?: string; frameId?: string } }> = [];
        cdp.on('Runtime.executionContextCreated', (event) => worlds.push(event.context));
        await cdp.send('Runtime.enable');
        const deadline = Date.now() + DEFAULT_TIMEOUT_MS;
        const ours = () => worlds.find((world) => world.auxData?.type === 'isolated' && world.origin === extensionUrl('').replace(/\/$/, ''));
        while (!ours() && Date.now() < deadline) await page.waitForTimeout(50);
        const world = ours();
        if (!world) throw new Error(`No content script of the extension runs in ${page.url()}`);
        const wrappedExpression = `(async () => { try { return { value: await (${expression}) }; } catch (error) { return { error: String(error && error.message || error) }; } })()`;
        const answer = await cdp.send('Runtime.evaluate', { expression: wrappedExpression, contextId: world.id, awaitPromise: true, returnByValue: true });
        return answer.result.value as { value?: unknown; error?: string };
      } finally {
        await cdp.detach();
      }
    },
    restartBrowser: async () => {
      probe = null;
      await context.close();
      await start();
    },
    console: consoleWatch,
    close: async () => {
      await context.close();
      assertNoLeak(consoleWatch);
    },
  };
  return session;
}
