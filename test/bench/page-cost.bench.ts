// What Latchkey's content scripts cost a page, measured the way a profiler sees
// it: V8's sampling profiler over CDP records the renderer's main thread during
// each load, and every sample whose stack holds a chrome-extension:// frame is
// Latchkey's (its script, and the style and layout that script forces, which
// run under its frames). The page's own time is every other busy sample.
// Wall-clock ratios hide this on a noisy 2-core machine; sample counts do not.
//
// Pages are served at http://localhost, where the passkey shim is injected as
// on any https page, so all of Latchkey's document_start scripts are counted.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession } from 'playwright-core';
import { CHROMIUM_PATH, DIST } from '../e2e/harness/paths';
import { type Benchmark } from './figures';
import { largePage, servePages } from './pages';

const LOADS = 15;
const SAMPLING_INTERVAL_US = 100;
const BASE_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface ProfileNode {
  id: number;
  callFrame: { url: string; functionName: string; scriptId: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

export interface LoadCost {
  /** Main-thread time under Latchkey's frames, ms. */
  extensionMs: number;
  /** Every other busy main-thread time (the page's own, and the browser's for it), ms. */
  pageMs: number;
  extensionSamples: number;
  /** Distinct Latchkey scripts that ran (evaluations). */
  scripts: number;
}

/** Splits one load's profile into Latchkey's time and the page's. */
export function splitProfile(profile: Profile): LoadCost {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const ours = new Map<number, string | null>();
  const extensionScriptOf = (id: number): string | null => {
    if (ours.has(id)) return ours.get(id)!;
    const node = byId.get(id)!;
    const own = node.callFrame.url.startsWith('chrome-extension://') ? node.callFrame.scriptId : null;
    const up = parent.get(id);
    const result = own ?? (up === undefined ? null : extensionScriptOf(up));
    ours.set(id, result);
    return result;
  };
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let extensionUs = 0;
  let pageUs = 0;
  let extensionSamples = 0;
  const scripts = new Set<string>();
  for (let i = 0; i < samples.length; i++) {
    const node = byId.get(samples[i]!)!;
    // A sample stands for the time until the next one.
    const us = deltas[i + 1] ?? SAMPLING_INTERVAL_US;
    if (node.callFrame.functionName === '(idle)') continue;
    const script = extensionScriptOf(node.id);
    if (script) {
      // LATCHKEY_PAGE_COST_TRACE=1 prints where each of Latchkey's samples was, to find the cost.
      if (process.env.LATCHKEY_PAGE_COST_TRACE) {
        const chain: string[] = [];
        for (let at: number | undefined = node.id; at !== undefined && chain.length < 6; at = parent.get(at)) {
          const frame = byId.get(at)!.callFrame;
          chain.push(`${frame.functionName || '(anon)'}@${frame.url.replace(/^chrome-extension:\/\/[^/]+/, '')}`);
        }
        console.error(`sample ${us} µs ${chain.join(' < ')}`);
      }
      extensionUs += us;
      extensionSamples++;
      scripts.add(script);
    } else {
      pageUs += us;
    }
  }
  return { extensionMs: extensionUs / 1000, pageMs: pageUs / 1000, extensionSamples, scripts: scripts.size };
}

async function profiledLoad(cdp: CDPSession, load: () => Promise<void>): Promise<LoadCost> {
  await cdp.send('Profiler.start');
  await load();
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  return splitProfile(profile);
}

async function extensionBrowser(): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'latchkey-bench-')), {
    executablePath: CHROMIUM_PATH,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [...BASE_ARGS, `--disable-extensions-except=${DIST.chromium}`, `--load-extension=${DIST.chromium}`],
  });
  if (context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker');
  return context;
}

async function costOf(context: BrowserContext, url: string): Promise<LoadCost[]> {
  const page = await context.newPage();
  await page.goto(`${url}?warm-up`, { waitUntil: 'load' });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
  const costs: LoadCost[] = [];
  for (let i = 0; i < LOADS; i++) {
    costs.push(
      await profiledLoad(cdp, async () => {
        await page.goto(`${url}?load=${i}`, { waitUntil: 'load' });
        // The content script's work after load (idle callbacks) belongs to the load.
        await page.waitForTimeout(400);
      }),
    );
  }
  await page.close();
  return costs;
}

export const pageCostBenchmark: Benchmark = {
  title: 'Page cost',
  async run() {
    const pages = await servePages({ '/large.html': largePage(20_000), '/large-login.html': largePage(20_000, true) });
    const context = await extensionBrowser();
    try {
      const figures = [];
      for (const [label, path] of [
        ['20,000-node page, no form', '/large.html'],
        ['20,000-node login page', '/large-login.html'],
      ] as const) {
        const costs = await costOf(context, pages.url(path).replace('127.0.0.1', 'localhost'));
        const share = median(costs.map((cost) => cost.extensionMs / cost.pageMs));
        figures.push(
          { name: `${label}: Latchkey’s main-thread time per load (profiler)`, value: median(costs.map((cost) => cost.extensionMs)), unit: 'ms' as const },
          { name: `${label}: the page’s own main-thread time per load`, value: median(costs.map((cost) => cost.pageMs)), unit: 'ms' as const },
          { name: `${label}: Latchkey’s samples per load (${SAMPLING_INTERVAL_US} µs)`, value: median(costs.map((cost) => cost.extensionSamples)), unit: 'items' as const },
          { name: `${label}: Latchkey scripts evaluated per load`, value: median(costs.map((cost) => cost.scripts)), unit: 'items' as const },
          { name: `${label}: Latchkey’s share of the page’s main-thread time`, value: share, unit: 'ratio' as const, budget: 0.02 },
        );
      }
      return figures;
    } finally {
      await context.close();
      await pages.close();
    }
  },
};
