// `npm run package`: production build, then one zip per store in dist/packages/:
// the Chrome Web Store upload and the addons.mozilla.org upload.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { build } from './build.mjs';

await build({ production: true });
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
for (const [target, store] of [['chrome', 'chrome'], ['firefox', 'firefox']]) {
  const filename = `latchkey-${store}-${version}.zip`;
  const result = spawnSync(
    'npx',
    ['web-ext', 'build', '--source-dir', `dist/${target}`, '--artifacts-dir', 'dist/packages', '--filename', filename, '--overwrite-dest', '--no-config-discovery'],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}
console.log('Packages are in dist/packages/');
