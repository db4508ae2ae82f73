// Runs vitest and returns its pass/fail counts, read from its JSON report.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function runVitest(args) {
  const dir = mkdtempSync(join(tmpdir(), 'latchkey-vitest-'));
  const report = join(dir, 'report.json');
  const result = spawnSync(
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args],
    { stdio: 'inherit' },
  );
  let counts = { passed: 0, failed: 0, skipped: 0 };
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    counts = {
      passed: json.numPassedTests,
      failed: json.numFailedTests + (json.numRuntimeErrorTestSuites ?? 0),
      skipped: json.numPendingTests + json.numTodoTests,
    };
  } catch {
    counts.failed += 1;
  }
  rmSync(dir, { recursive: true, force: true });
  if (result.status !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}
