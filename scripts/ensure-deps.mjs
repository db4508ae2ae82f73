// Runs before `npm start` and `npm test` (see package.json): on a fresh clone,
// or after package-lock.json changed, it installs the project's packages with
// `npm ci` first, so those two commands work with nothing run before them.
// Only Node's own modules here: nothing else is installed yet when it runs.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const lock = join(root, 'package-lock.json');
// npm writes this file on every install: its age says whether node_modules matches the lock.
const installed = join(root, 'node_modules', '.package-lock.json');

const upToDate = existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs;
if (!upToDate) {
  console.log(existsSync(installed) ? 'package-lock.json changed: reinstalling packages (npm ci)…' : 'Installing packages (npm ci)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('npm ci failed: the packages above could not be installed.');
    process.exit(result.status ?? 1);
  }
}
