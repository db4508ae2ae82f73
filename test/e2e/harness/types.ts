// The one interface the browser tests are written against, so each test runs
// unchanged in Chromium (Playwright) and Firefox (Puppeteer over WebDriver BiDi).

import type { ConsoleWatch } from './console-watch';

export type BrowserName = 'chromium' | 'firefox';

/** A control found by its role and accessible name, as a person or a screen reader would. */
export interface Control {
  click(): Promise<void>;
  /** Replaces the field's value by typing, with the events a person's typing makes. */
  fill(value: string): Promise<void>;
  press(key: string): Promise<void>;
  text(): Promise<string>;
  value(): Promise<string>;
  /** Waits until the control is present and visible. */
  waitFor(timeoutMs?: number): Promise<void>;
  isVisible(): Promise<boolean>;
}

export interface TestPage {
  url(): string;
  goto(url: string): Promise<void>;
  /** Case-insensitive exact accessible name, or a pattern. */
  byRole(role: string, name?: string | RegExp): Control;
  bySelector(css: string): Control;
  /** Like bySelector, but also looks inside open shadow roots; "host >>> inner" crosses into a host's shadow root. */
  byDeepSelector(css: string): Control;
  /** Chooses a file in a file input, as a person would in the file picker. */
  setInputFile(css: string, path: string): Promise<void>;
  /** The current value of the first input matching `css` (also inside open shadow roots). */
  valueOf(css: string): Promise<string>;
  text(): Promise<string>;
  waitForText(text: string | RegExp, timeoutMs?: number): Promise<void>;
  evaluate<A, R>(fn: (arg: A) => R, arg: A): Promise<Awaited<R>>;
  press(key: string): Promise<void>;
  /** A real mouse click at a point of the top-level viewport, as a person's (wherever the page put what is there). */
  clickAt(x: number, y: number): Promise<void>;
  /** A child frame whose URL starts with `prefix` (e.g. the inline menu), waiting for it. */
  frame(prefix: string, timeoutMs?: number): Promise<TestPage>;
  hasFrame(prefix: string): Promise<boolean>;
  screenshot(path: string): Promise<void>;
  /** Emulates the system's light or dark preference for this page. */
  setColorScheme(scheme: 'light' | 'dark'): Promise<void>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Firefox only: how long the event page may sit idle before Firefox stops it. */
  backgroundIdleMs?: number;
  /** Reuse a profile (for restart tests); a fresh one is made otherwise. */
  profileDir?: string;
}

export interface ExtensionSession {
  readonly browser: BrowserName;
  readonly profileDir: string;
  /** An extension URL such as popup/popup.html. */
  extensionUrl(path: string): string;
  newPage(): Promise<TestPage>;
  /** The popup, opened as a tab (headless browsers have no toolbar to click). */
  openPopup(): Promise<TestPage>;
  /** A window or tab the extension opened itself (e.g. its unlock window), found by URL prefix, waiting for it. */
  waitForPage(prefix: string, timeoutMs?: number): Promise<TestPage>;
  /** What the toolbar button shows for the tab holding `pageUrl`: its badge text and the button's title. */
  toolbar(pageUrl: string): Promise<{ badge: string; title: string }>;
  /** Sends a raw message from an extension page, as the popup would. */
  sendFromExtensionPage(message: unknown): Promise<unknown>;
  /** Stops the background (service worker / event page); the next event starts a new one. */
  restartBackground(): Promise<void>;
  /**
   * Ends the background abruptly, whatever it is doing: Chromium stops the service
   * worker at once; Firefox, which cannot stop an event page on demand, removes and
   * reinstalls the add-on (which also empties storage.session, as a crash would).
   */
  killBackground(): Promise<void>;
  /** Everything the extension keeps in that area; for 'local' in Firefox also its IndexedDB store, where the vault lives there. */
  readStorage(area: 'local' | 'session'): Promise<Record<string, unknown>>;
  /**
   * Chromium only: evaluates `expression` (may be a promise) in the isolated world of
   * Latchkey's content script in `page`, through DevTools; answers { value } or { error }.
   */
  evaluateInContentScript?(page: TestPage, expression: string): Promise<{ value?: unknown; error?: string }>;
  /**
   * Console messages the browser printed in this session; `close()` fails if one holds a
   * secret noted here (seedVault and createVault note theirs).
   */
  readonly console: ConsoleWatch;
  /** Closes the browser and starts it again on the same profile. */
  restartBrowser(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
