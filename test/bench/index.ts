// `npm run bench`: every benchmark, printed as one table. Budgets are the
// product's promises; a missed budget is shown, and makes the run exit non-zero.
import type { Benchmark, Figure } from './figures';
import { contentBenchmark } from './content.bench';
import { pageCostBenchmark } from './page-cost.bench';
import { detectionBenchmark } from './detection.bench';
import { popupBenchmark } from './popup.bench';
import { syncBenchmark } from './sync.bench';
import { vaultBenchmark } from './vault.bench';

const BENCHMARKS: Benchmark[] = (process.env.LATCHKEY_BENCH ?? 'vault,content,page,popup,detection,sync').split(',').map((name) => ({ vault: vaultBenchmark, content: contentBenchmark, page: pageCostBenchmark, popup: popupBenchmark, detection: detectionBenchmark, sync: syncBenchmark })[name.trim() as 'vault' | 'content' | 'page' | 'popup' | 'detection' | 'sync']).filter((benchmark): benchmark is Benchmark => benchmark !== undefined);

function format(figure: Figure): string {
  const digits = figure.unit === 'ratio' ? 3 : figure.value < 10 ? 2 : figure.value < 100 ? 1 : 0;
  return `${figure.value.toFixed(digits)} ${figure.unit}`;
}

const rows: string[][] = [];
let missed = 0;
for (const benchmark of BENCHMARKS) {
  for (const figure of await benchmark.run()) {
    const over = (figure.budget !== undefined && figure.value > figure.budget) || (figure.atLeast !== undefined && figure.value < figure.atLeast);
    if (over) missed++;
    const budget = figure.budget !== undefined ? `≤ ${figure.budget} ${figure.unit}` : figure.atLeast !== undefined ? `≥ ${figure.atLeast} ${figure.unit}` : '';
    rows.push([benchmark.title, figure.name, format(figure), budget, budget === '' ? '' : over ? 'MISSED' : 'ok']);
  }
}

const header = ['area', 'figure', 'value', 'budget', ''];
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
console.log(line(header));
console.log(widths.map((width) => '─'.repeat(width)).join('  '));
for (const row of rows) console.log(line(row));
if (missed > 0) {
  console.log(`\n${missed} budget(s) missed.`);
  process.exitCode = 1;
}
