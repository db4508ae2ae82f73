// Entry point of the browser-test harness: launch either browser with the built
// extension, serve fixtures, and reach the extension's pages and storage.
import { launchChromium } from './chromium';
import { launchFirefox } from './firefox';
import type { BrowserName, ExtensionSession, LaunchOptions } from './types';

export * from './types';
export { startFixtureServer, type FixtureServer } from './fixtures';
export { ARTIFACTS } from './paths';

/** The browsers to test: both by default, or those named in LATCHKEY_BROWSERS (comma-separated). */
export const BROWSERS: BrowserName[] = (process.env.LATCHKEY_BROWSERS ?? 'chromium,firefox')
  .split(',')
  .map((name) => name.trim())
  .filter((name): name is BrowserName => name === 'chromium' || name === 'firefox');

export function launch(browser: BrowserName, options: LaunchOptions = {}): Promise<ExtensionSession> {
  return browser === 'chromium' ? launchChromium(options) : launchFirefox(options);
}
