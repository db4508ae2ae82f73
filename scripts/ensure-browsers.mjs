// Makes sure the real browsers the tests drive are installed: Debian's chromium
// and firefox-esr. Installs them when this machine allows (root with apt-get);
// otherwise stops with a message saying how. It never lets a browser test skip.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const BROWSERS = [
  { name: 'Chromium', path: process.env.LATCHKEY_CHROMIUM ?? '/usr/bin/chromium', pkg: 'chromium' },
  { name: 'Firefox ESR', path: process.env.LATCHKEY_FIREFOX ?? '/usr/bin/firefox-esr', pkg: 'firefox-esr' },
];

export function ensureBrowsers() {
  const missing = BROWSERS.filter((browser) => !existsSync(browser.path));
  if (missing.length === 0) return;
  const packages = missing.map((browser) => browser.pkg);
  const canInstall = process.getuid?.() === 0 && spawnSync('which', ['apt-get']).status === 0;
  if (!canInstall) {
    console.error(
      `Missing ${missing.map((b) => `${b.name} (${b.path})`).join(' and ')}.\n` +
        `Install with: sudo apt-get install -y ${packages.join(' ')}\n` +
        'or point LATCHKEY_CHROMIUM / LATCHKEY_FIREFOX at existing binaries.',
    );
    process.exit(1);
  }
  console.log(`Installing ${packages.join(' ')} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
  const still = BROWSERS.filter((browser) => !existsSync(browser.path));
  if (still.length > 0) {
    console.error(`apt-get finished but ${still.map((b) => b.path).join(', ')} is still missing.`);
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) ensureBrowsers();
