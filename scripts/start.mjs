// `npm start`: builds the extension, then opens a real browser with it loaded on
// a fresh profile: Chromium by default, Firefox with `npm start -- --firefox`.
// web-ext runs the browser and reloads the extension when dist/ changes.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from './build.mjs';

const firefox = process.argv.includes('--firefox');
const target = firefox ? 'firefox' : 'chrome';
const sourceDir = join(process.cwd(), 'dist', target);

await build({ production: false });

const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
if (!hasDisplay) {
  console.log(
    [
      '',
      'No display is available here (neither DISPLAY nor WAYLAND_DISPLAY is set), so no browser window can open.',
      `The built extension is in ${sourceDir}`,
      firefox
        ? 'Load it by hand: about:debugging#/runtime/this-firefox → "Load Temporary Add-on…" → pick manifest.json there.'
        : 'Load it by hand: chrome://extensions → enable "Developer mode" → "Load unpacked" → pick that folder.',
      'On a machine with a display, `npm start` opens the browser with Latchkey loaded.',
    ].join('\n'),
  );
  process.exit(0);
}

const binary = firefox ? (process.env.LATCHKEY_FIREFOX ?? '/usr/bin/firefox-esr') : (process.env.LATCHKEY_CHROMIUM ?? '/usr/bin/chromium');
const args = ['web-ext', 'run', '--source-dir', sourceDir, '--no-config-discovery'];
if (firefox) {
  if (existsSync(binary)) args.push('--firefox', binary);
} else {
  args.push('--target', 'chromium');
  if (existsSync(binary)) args.push('--chromium-binary', binary);
}
console.log(`Opening ${firefox ? 'Firefox' : 'Chromium'} with Latchkey on a fresh profile…`);
const child = spawn('npx', args, { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
