// How well detection tells sign-up from sign-in on real pages it was not tuned
// on: Mozilla's hand-labelled Fathom corpora (../shared/corpus/fathom/), each
// page loaded in headless Chromium (layout decides visibility), its labels read
// and removed by the benchmark, then the product's detection bundle injected and
// asked what the menu would offer on every input. A fixed 30 % of the pages
// (by a hash of the file name) is held out: the budgets apply to it, and only the
// tuning split's mistakes are ever listed (LATCHKEY_BENCH_MISSES=file).
import * as esbuild from 'esbuild';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_PATH, ROOT } from '../e2e/harness/paths';
import type { Verdict } from './detection-probe';
import type { Benchmark, Figure } from './figures';

const CORPUS = process.env.LATCHKEY_CORPUS ?? join(ROOT, '..', 'shared', 'corpus', 'fathom');
const SETS = [
  { id: 'np', dir: join(CORPUS, 'new-password', 'samples', 'training'), viewport: { width: 1366, height: 768 } },
  { id: 'lw', dir: join(CORPUS, 'lockwise-proof-of-concept', 'samples', 'training'), viewport: { width: 1100, height: 900 } },
] as const;
const HELD_OUT_PERCENT = 30;
const PARALLEL = 2;

type SetId = (typeof SETS)[number]['id'];

interface CorpusPage {
  set: SetId;
  name: string;
  heldOut: boolean;
}

/** What the benchmark itself knows of one input (never shown to the product). */
interface FieldFacts {
  label: string | null;
  visible: boolean;
  type: string;
  /** Shares a <form> with an input labelled `new` (the text fields of a sign-up form). */
  inSignUpForm: boolean;
  snippet: string;
}

interface PageResult extends CorpusPage {
  language: string;
  fields: (FieldFacts & { verdict: Verdict })[];
}

/** FNV-1a: a stable split that does not depend on the order files are listed in. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export function corpusPages(): CorpusPage[] {
  return SETS.flatMap((set) =>
    existsSync(set.dir)
      ? readdirSync(set.dir)
          .filter((name) => name.endsWith('.html'))
          .sort()
          .map((name) => ({ set: set.id, name, heldOut: hash(`${set.id}/${name}`) % 100 < HELD_OUT_PERCENT }))
      : [],
  );
}

async function probeSource(): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [join(ROOT, 'test', 'bench', 'detection-probe.ts')],
    bundle: true,
    format: 'iife',
    target: 'chrome120',
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0]!.text;
}

/** Serves the corpus files as they are; the page's own CSP keeps any script out. */
async function serveCorpus(): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    const match = /^\/(np|lw)\/([\w.-]+\.html)$/.exec(request.url ?? '');
    const set = SETS.find((candidate) => candidate.id === match?.[1]);
    const file = set && match ? join(set.dir, match[2]!) : null;
    if (!file || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Reads every input's label and the benchmark's own view of it, then strips every label from the page. */
function readAndStripLabels(): { language: string; facts: FieldFacts[] } {
  const inputs = Array.from(document.getElementsByTagName('input'));
  const signUpForms = new Set(inputs.filter((input) => input.getAttribute('data-fathom') === 'new').map((input) => input.form).filter(Boolean));
  const facts = inputs.map((input) => {
    const rect = input.getBoundingClientRect();
    const visible = input.type !== 'hidden' && rect.width > 1 && rect.height > 1 && input.checkVisibility({ opacityProperty: true, visibilityProperty: true });
    return {
      label: input.getAttribute('data-fathom'),
      visible,
      type: input.type,
      inSignUpForm: input.form !== null && signUpForms.has(input.form),
      snippet: input.outerHTML.slice(0, 300),
    };
  });
  for (const element of Array.from(document.querySelectorAll('[data-fathom]'))) element.removeAttribute('data-fathom');
  return { language: (document.documentElement.lang || '').slice(0, 2).toUpperCase(), facts };
}

async function runPage(page: Page, origin: string, probe: string, corpusPage: CorpusPage): Promise<PageResult> {
  const set = SETS.find((candidate) => candidate.id === corpusPage.set)!;
  await page.setViewportSize(set.viewport);
  await page.goto(`${origin}/${corpusPage.set}/${corpusPage.name}`, { waitUntil: 'load', timeout: 30_000 });
  const { language, facts } = await page.evaluate(readAndStripLabels);
  // Only now, with the labels gone, does the product's code enter the page.
  const verdicts = (await page.evaluate(`${probe}\n;globalThis.latchkeyVerdicts()`)) as Verdict[];
  const prefix = /^([A-Z]{2})_/.exec(corpusPage.name)?.[1];
  return {
    ...corpusPage,
    language: prefix ?? (language || '??'),
    fields: facts.map((fact, index) => ({ ...fact, verdict: verdicts[index] ?? 'hidden' })),
  };
}

const TEXT_TYPES = new Set(['text', 'email', 'tel', 'number', '']);

interface Tally {
  hits: number;
  of: number;
}
const rate = (tally: Tally) => (tally.of === 0 ? NaN : tally.hits / tally.of);

/** The figures for a set of pages. Field level, inputs a person can see. */
export function score(results: PageResult[]) {
  const generatorRecall: Tally = { hits: 0, of: 0 }; // new/confirm fields that get the generator
  const generatorPrecision: Tally = { hits: 0, of: 0 }; // generator offers that were on new/confirm fields
  const loginOnSignUpPasswords: Tally = { hits: 0, of: 0 };
  const loginOnSignUpText: Tally = { hits: 0, of: 0 };
  const signInFound: Tally = { hits: 0, of: 0 };
  const generatorOnSignIn: Tally = { hits: 0, of: 0 };
  const misses: string[] = [];
  const miss = (result: PageResult, index: number, what: string) =>
    misses.push(`${result.set}/${result.name} #${index} ${what}: ${result.fields[index]!.snippet.replace(/\s+/g, ' ')}`);
  for (const result of results) {
    const bait = result.set === 'lw' && /^n?fp/.test(result.name);
    const changePage = /_change\.html$/.test(result.name);
    result.fields.forEach((field, index) => {
      if (!field.visible) return;
      const positive = field.label === 'new' || field.label === 'confirm';
      const generator = field.verdict === 'generator';
      const login = field.verdict === 'login';
      if (result.set === 'np') {
        if (positive) {
          generatorRecall.of++;
          if (generator) generatorRecall.hits++;
          else miss(result, index, `${field.label} got ${field.verdict}`);
          loginOnSignUpPasswords.of++;
          if (login) loginOnSignUpPasswords.hits++;
        } else if (!changePage && field.inSignUpForm && TEXT_TYPES.has(field.type)) {
          loginOnSignUpText.of++;
          if (login) {
            loginOnSignUpText.hits++;
            miss(result, index, 'sign-up text field got login');
          }
        }
        if (generator) {
          generatorPrecision.of++;
          if (positive) generatorPrecision.hits++;
          else miss(result, index, 'unlabelled field got the generator');
        }
        return;
      }
      // Lockwise pages: labelled sign-in fields, and bait pages with no sign-in form at all.
      if (field.label === 'username' || field.label === 'password') {
        signInFound.of++;
        if (login) signInFound.hits++;
        else miss(result, index, `sign-in ${field.label} got ${field.verdict}`);
        generatorOnSignIn.of++;
        if (generator) {
          generatorOnSignIn.hits++;
          generatorPrecision.of++;
        }
      } else if (bait && (field.type === 'password' || TEXT_TYPES.has(field.type))) {
        const tally = field.type === 'password' ? loginOnSignUpPasswords : loginOnSignUpText;
        tally.of++;
        if (login) {
          tally.hits++;
          miss(result, index, 'bait field got login');
        }
      }
    });
  }
  const loginOnSignUp = { hits: loginOnSignUpPasswords.hits + loginOnSignUpText.hits, of: loginOnSignUpPasswords.of + loginOnSignUpText.of };
  return { generatorRecall, generatorPrecision, loginOnSignUpPasswords, loginOnSignUpText, loginOnSignUp, signInFound, generatorOnSignIn, misses };
}

function cell(tally: Tally): string {
  return tally.of === 0 ? '–' : `${rate(tally).toFixed(3)} (${tally.hits}/${tally.of})`;
}

function printBreakdown(title: string, results: PageResult[]): void {
  const languages = [...new Set(results.map((result) => result.language))].sort(
    (a, b) => results.filter((result) => result.language === b).length - results.filter((result) => result.language === a).length,
  );
  const rows = [['language', 'pages', 'new-pw recall', 'new-pw precision', 'login on sign-up/payment', 'sign-in found']];
  for (const language of [...languages, 'all']) {
    const subset = language === 'all' ? results : results.filter((result) => result.language === language);
    const figures = score(subset);
    rows.push([language, String(subset.length), cell(figures.generatorRecall), cell(figures.generatorPrecision), cell(figures.loginOnSignUp), cell(figures.signInFound)]);
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  console.log(`\n${title}`);
  for (const row of rows) console.log(row.map((text, column) => text.padEnd(widths[column]!)).join('  '));
}

export async function runDetection(pages: CorpusPage[]): Promise<PageResult[]> {
  const probe = await probeSource();
  const server = await serveCorpus();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  const results: PageResult[] = [];
  try {
    const context = await browser.newContext({ bypassCSP: true, javaScriptEnabled: true });
    // Nothing but the page itself: its images and styles were never part of the corpus.
    await context.route((url) => !url.href.startsWith(server.origin), (route) => route.abort());
    const queue = [...pages];
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        const page = await context.newPage();
        for (let next = queue.shift(); next; next = queue.shift()) {
          try {
            results.push(await runPage(page, server.origin, probe, next));
          } catch (error) {
            console.warn(`detection bench: ${next.set}/${next.name} skipped: ${(error as Error).message.split('\n')[0]}`);
          }
        }
      }),
    );
  } finally {
    await browser.close();
    await server.close();
  }
  return results.sort((a, b) => `${a.set}/${a.name}`.localeCompare(`${b.set}/${b.name}`));
}

export const detectionBenchmark: Benchmark = {
  title: 'detection',
  async run(): Promise<Figure[]> {
    // LATCHKEY_BENCH_PAGES=np/EN_102.html,lw/1.html: only those pages (to look into one).
    const only = process.env.LATCHKEY_BENCH_PAGES?.split(',');
    const pages = corpusPages().filter((page) => !only || only.includes(`${page.set}/${page.name}`));
    if (pages.length === 0) {
      console.warn(`detection bench: no corpus at ${CORPUS}; skipped`);
      return [];
    }
    const results = await runDetection(pages);
    const heldOut = results.filter((result) => result.heldOut);
    const tuning = results.filter((result) => !result.heldOut);
    printBreakdown(`Detection, held-out split (${heldOut.length} pages, never tuned on), by language:`, heldOut);
    printBreakdown(`Detection, tuning split (${tuning.length} pages):`, tuning);
    const missesFile = process.env.LATCHKEY_BENCH_MISSES;
    if (missesFile) writeFileSync(missesFile, `${score(tuning).misses.join('\n')}\n`);
    console.log('');
    const held = score(heldOut);
    const tuned = score(tuning);
    return [
      { name: 'held-out: new-password precision', value: rate(held.generatorPrecision), unit: 'ratio', atLeast: 0.99 },
      { name: 'held-out: new-password recall', value: rate(held.generatorRecall), unit: 'ratio', atLeast: 0.97 },
      { name: 'held-out: login on sign-up/payment fields', value: rate(held.loginOnSignUp), unit: 'ratio', budget: 0.05 },
      { name: 'held-out:   of which password fields', value: rate(held.loginOnSignUpPasswords), unit: 'ratio' },
      { name: 'held-out:   of which text fields', value: rate(held.loginOnSignUpText), unit: 'ratio' },
      { name: 'held-out: sign-in fields found', value: rate(held.signInFound), unit: 'ratio', atLeast: 0.97 },
      { name: 'held-out: generator on sign-in fields', value: rate(held.generatorOnSignIn), unit: 'ratio' },
      { name: 'tuning: new-password precision', value: rate(tuned.generatorPrecision), unit: 'ratio' },
      { name: 'tuning: new-password recall', value: rate(tuned.generatorRecall), unit: 'ratio' },
      { name: 'tuning: login on sign-up/payment fields', value: rate(tuned.loginOnSignUp), unit: 'ratio' },
      { name: 'tuning: sign-in fields found', value: rate(tuned.signInFound), unit: 'ratio' },
    ];
  },
};
