// `npm run bench`: bundles test/bench/ for Node with esbuild and runs it, so the
// benchmarks measure the same TypeScript modules the extension ships.
import * as esbuild from 'esbuild';
import { build } from './build.mjs';
import { ensureBrowsers } from './ensure-browsers.mjs';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

ensureBrowsers();
// Browser figures are taken on the production build, as shipped.
await build({ production: true });
// Inside the project, so the bundle resolves node_modules.
const dir = join('dist', '.bench');
const outfile = join(dir, 'bench.mjs');
await esbuild.build({
  entryPoints: ['test/bench/index.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile,
  packages: 'external',
  logLevel: 'warning',
});
try {
  await import(pathToFileURL(outfile).href);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
