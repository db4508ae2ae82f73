// Browser tests only: builds the production extension, then runs test/e2e/ in
// real Chromium and Firefox. Extra arguments go to vitest (a file, -t "name").
//   npm run test:e2e -- test/e2e/vault.e2e.ts -t "wrong password"
//   LATCHKEY_BROWSERS=firefox npm run test:e2e
import { build } from './build.mjs';
import { ensureBrowsers } from './ensure-browsers.mjs';
import { ensureServers } from './ensure-servers.mjs';
import { runVitest } from './run-vitest.mjs';

ensureBrowsers();
ensureServers();
await build({ production: true });
const counts = runVitest(['-c', 'test/e2e/vitest.config.ts', ...process.argv.slice(2)]);
console.log(`e2e: ${counts.passed} passed, ${counts.failed} failed`);
process.exit(counts.failed > 0 ? 1 : 0);
