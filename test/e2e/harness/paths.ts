import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest folder up with package.json (this file is also bundled for benchmarks). */
function findRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) if (existsSync(join(dir, 'package.json'))) return dir;
  throw new Error(`No package.json above ${from}`);
}

export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
export const DIST = { chromium: join(ROOT, 'dist', 'chrome'), firefox: join(ROOT, 'dist', 'firefox') } as const;
export const FIXTURES = join(ROOT, 'test', 'fixtures');
export const ARTIFACTS = join(ROOT, 'artifacts');
export const CHROMIUM_PATH = process.env.LATCHKEY_CHROMIUM ?? '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.LATCHKEY_FIREFOX ?? '/usr/bin/firefox-esr';
/** The add-on id in manifest.json's browser_specific_settings. */
export const GECKO_ID = 'latchkey@latchkey.dev';
