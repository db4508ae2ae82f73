import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const DIST = { chromium: join(ROOT, 'dist', 'chrome'), firefox: join(ROOT, 'dist', 'firefox') } as const;
export const FIXTURES = join(ROOT, 'test', 'fixtures');
export const ARTIFACTS = join(ROOT, 'artifacts');
export const CHROMIUM_PATH = process.env.LATCHKEY_CHROMIUM ?? '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.LATCHKEY_FIREFOX ?? '/usr/bin/firefox-esr';
/** The add-on id in manifest.json's browser_specific_settings. */
export const GECKO_ID = 'latchkey@latchkey.dev';
