// What the content script costs a page, in real Chromium with the production
// build: page-load time with and without the extension (same run, as a ratio),
// main-thread script time it adds, and click-to-menu time on a 20,000-node page.
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM_PATH, DIST } from '../e2e/harness/paths';
import { launch } from '../e2e/harness';
import { largePage, servePages } from './pages';
import { type Benchmark } from './figures';

const LOADS = 60;
const FOCUS_ROUNDS = 15;
/** Median of the per-round ratios a[i] / b[i]: each round's loads ran back to back. */
const pairedRatio = (a: number[], b: number[]) => median(a.map((value, index) => value / b[index]!));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const BASE_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function browserWith(extensionDir: string | null): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'latchkey-bench-')), {
    executablePath: CHROMIUM_PATH,
    headless: true,
    ignoreDefaultArgs: extensionDir ? ['--disable-extensions'] : [],
    args: extensionDir ? [...BASE_ARGS, `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : BASE_ARGS,
  });
  if (extensionDir && context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker');
  return context;
}

/**
 * The same extension with an empty content script: what Chrome itself costs a
 * page for injecting any content script, so Latchkey's own share can be told apart.
 */
function emptyContentScriptCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'latchkey-empty-content-'));
  cpSync(DIST.chromium, dir, { recursive: true });
  writeFileSync(join(dir, 'content.js'), '');
  return dir;
}

interface LoadFigures {
  load: number[];
  task: number[];
}

/**
 * Loads the page alternately in both browsers, one load at a time, so drift in
 * the machine's load hits both alike. Per load: navigation start to load event
 * end, and main-thread task time (CDP Performance metrics).
 */
async function measureLoads(contexts: BrowserContext[], url: string): Promise<LoadFigures[]> {
  const sessions = await Promise.all(
    contexts.map(async (context) => {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      await page.goto(url, { waitUntil: 'load' }); // warm-up
      return { page, cdp, figures: { load: [] as number[], task: [] as number[] } };
    }),
  );
  // The renderer's counters start again with each document, so read them once it settled.
  const taskSeconds = async (cdp: (typeof sessions)[number]['cdp']) =>
    (await cdp.send('Performance.getMetrics')).metrics.find((metric) => metric.name === 'TaskDuration')!.value;
  for (let i = 0; i < LOADS; i++) {
    // Rotate who loads first in each round, so no browser is always the warm one.
    const order = sessions.map((_, index) => sessions[(index + i) % sessions.length]!);
    for (const { page, cdp, figures } of order) {
      await page.goto(`${url}?load=${i}`, { waitUntil: 'load' });
      // Let content scripts finish their idle work before reading the counters.
      await page.waitForTimeout(150);
      figures.task.push(await taskSeconds(cdp));
      figures.load.push(
        await page.evaluate(() => {
          const [entry] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
          return entry!.loadEventEnd - entry!.startTime;
        }),
      );
    }
  }
  return sessions.map(({ figures }) => figures);
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

/** A person's click in a sign-in field to the inline menu rendered, on a large page, in one browser. */
async function clickToMenuTimes(browserName: 'chromium' | 'firefox', url: string): Promise<number[]> {
  const session = await launch(browserName);
  const popup = await session.openPopup();
  await popup.byRole('textbox', 'Master password').fill('Bench-Master-Password-93!');
  await popup.byRole('textbox', 'Confirm master password').fill('Bench-Master-Password-93!');
  await popup.byRole('button', 'Create vault').click();
  await popup.byRole('searchbox', 'Search vault').waitFor(30_000);
  const page = await session.newPage();
  await page.goto(url);
  const times: number[] = [];
  const menuUrl = session.extensionUrl('ui/menu.html');
  for (let round = 0; round < FOCUS_ROUNDS; round++) {
    await page.press('Escape');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur(), undefined);
    await page.waitForText('Sign in');
    // A person's click opens the menu (a script's focus() does not). Both clocks are
    // absolute (timeOrigin + time), taken inside the page (the pointerdown's own
    // timestamp) and inside the menu.
    const id = round % 2 ? 'password' : 'email';
    const point = await page.evaluate((fieldId) => {
      const field = document.getElementById(fieldId)!;
      const rect = field.getBoundingClientRect();
      (window as unknown as { pressedAt: Promise<number> }).pressedAt = new Promise((resolve) =>
        field.addEventListener('pointerdown', (event) => resolve(performance.timeOrigin + event.timeStamp), { once: true }),
      );
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }, id);
    await page.clickAt(point.x, point.y);
    const focusedAt = await page.evaluate(() => (window as unknown as { pressedAt: Promise<number> }).pressedAt, undefined);
    const menu = await page.frame(menuUrl, 5000);
    // The menu frame is reused, so take its first "rendered" mark after this click.
    const renderedAt = await menu.evaluate(async (since) => {
      for (;;) {
        const mark = performance
          .getEntriesByName('latchkey:menu-rendered')
          .map((entry) => performance.timeOrigin + entry.startTime)
          .find((at) => at >= since);
        if (mark !== undefined) return mark;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }, focusedAt);
    times.push(renderedAt - focusedAt);
  }
  await session.close();
  return times;
}

export const contentBenchmark: Benchmark = {
  title: 'Content script',
  async run() {
    const pages = await servePages({ '/large.html': largePage(20_000), '/large-login.html': largePage(20_000, true) });
    try {
      const contexts = [await browserWith(null), await browserWith(emptyContentScriptCopy()), await browserWith(DIST.chromium)];
      const [without, emptyScript, withExtension] = (await measureLoads(contexts, pages.url('/large.html'))) as LoadFigures[] as [
        LoadFigures,
        LoadFigures,
        LoadFigures,
      ];
      for (const context of contexts) await context.close();

      const menuTimes = { chromium: await clickToMenuTimes('chromium', pages.url('/large-login.html')), firefox: await clickToMenuTimes('firefox', pages.url('/large-login.html')) };

      const loadWithout = median(without.load);
      const loadWith = median(withExtension.load);
      const taskWithout = median(without.task) * 1000;
      const taskWith = median(withExtension.task) * 1000;
      return [
        { name: '20,000-node page, no form: load, without extension', value: loadWithout, unit: 'ms' },
        { name: '20,000-node page, no form: load, with extension', value: loadWith, unit: 'ms' },
        { name: 'page load with / without, same run', value: pairedRatio(withExtension.load, without.load), unit: 'ratio' },
        // Chrome slows a page a little for injecting any content script at all; the
        // budget is on what Latchkey's content script adds beyond that.
        { name: 'page load, empty content script / without (Chrome’s share)', value: pairedRatio(emptyScript.load, without.load), unit: 'ratio' },
        { name: 'page load, Latchkey / empty content script (Latchkey’s share)', value: pairedRatio(withExtension.load, emptyScript.load), unit: 'ratio', budget: 1.02 },
        { name: 'main-thread task time per load, without', value: taskWithout, unit: 'ms' },
        { name: 'main-thread task time per load, with', value: taskWith, unit: 'ms' },
        ...(['chromium', 'firefox'] as const).flatMap((name) => [
          { name: `click to menu rendered, median (20,000-node page, ${name})`, value: median(menuTimes[name]), unit: 'ms' as const, budget: 50 },
          { name: `click to menu rendered, p90 (20,000-node page, ${name})`, value: percentile(menuTimes[name], 0.9), unit: 'ms' as const, budget: 80 },
        ]),
      ];
    } finally {
      await pages.close();
    }
  },
};
