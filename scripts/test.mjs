// `npm test`: everything a change must pass, in the order that fails fastest:
// typecheck, ESLint, unit tests, the production build, web-ext lint, then the browser
// tests in real Chromium and Firefox. Ends with one "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { build } from './build.mjs';
import { ensureBrowsers } from './ensure-browsers.mjs';
import { ensureServers } from './ensure-servers.mjs';
import { lintFirefox } from './lint-firefox.mjs';
import { runVitest } from './run-vitest.mjs';

const total = { passed: 0, failed: 0, skipped: 0 };
function add(counts) {
  for (const key of Object.keys(total)) total[key] += counts[key] ?? 0;
}
function step(title) {
  console.log(`\n━━ ${title}`);
}
function finish() {
  console.log(`\nLatchkey tests: ${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
  process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
}

step('Browsers and servers');
ensureBrowsers();
ensureServers();

step('Typecheck (tsc --noEmit)');
const tsc = spawnSync('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'], { stdio: 'inherit' });
if (tsc.status !== 0) {
  total.failed += 1;
  finish();
}

step('ESLint');
const eslint = spawnSync('npx', ['eslint', '.'], { stdio: 'inherit' });
if (eslint.status !== 0) total.failed += 1;
else total.passed += 1;

step('Unit tests (vitest)');
add(runVitest([]));

step('Production build');
await build({ production: true });

step('web-ext lint (Firefox build)');
const lint = await lintFirefox();
if (lint.errors.length > 0) total.failed += 1;
else total.passed += 1;

step('Browser tests (Chromium and Firefox)');
add(runVitest(['-c', 'test/e2e/vitest.config.ts']));

finish();
