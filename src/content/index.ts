// The content script's bootstrap, in every frame of every page. It is kept tiny
// because every page pays for parsing it: it waits for the page to load, and
// loads the autofill part (content-main.js) only where there are input fields,
// or when the person presses or types in a field, or when the background asks.
// It starts at document_start: Chrome's injection at document_end or idle alone
// delays the load event of a large page measurably (see `npm run bench`).
import { pageRuntime } from '../shared/page-runtime';
import { BRIDGE_HELLO, handshake, PAGE_HELLO } from '../passkeys/bridge/wire';
import type { AutofillController } from './autofill-controller';
import { gestureOf, type Gesture } from './person-gesture';
import { shadowRootOf } from './shadow';

type Main = { startAutofill(woke: Gesture | null): AutofillController };

let controller: Promise<AutofillController> | null = null;
/** The person's latest press into a field while the main part loads: it gets the menu once loaded. */
let woke: Gesture | null = null;

function load(): Promise<AutofillController> {
  controller ??= (import(pageRuntime.getURL('/content-main.js')) as Promise<Main>).then((main) => {
    document.removeEventListener('pointerdown', onPress, true);
    document.removeEventListener('keyup', onPress, true);
    document.removeEventListener('focusin', onFocusIn, true);
    return main.startAutofill(woke);
  });
  return controller;
}

/** A person's press or Tab into a field: load, and let the controller offer its menu. */
function onPress(event: PointerEvent | KeyboardEvent): void {
  if (event.type === 'keyup' && (event as KeyboardEvent).key !== 'Tab') return;
  const gesture = gestureOf(event);
  // A press on the host of a closed shadow root may be on a field inside: the main part looks.
  if (gesture?.target instanceof HTMLInputElement || (gesture?.target && shadowRootOf(gesture.target))) {
    woke = gesture;
    void load();
  }
}

/** A field got focus (perhaps from a script): load ahead, but offer nothing. */
function onFocusIn(event: FocusEvent): void {
  const target = event.composedPath()[0];
  if (target instanceof HTMLInputElement || (target instanceof Element && shadowRootOf(target)?.activeElement instanceof HTMLInputElement)) void load();
}

function afterLoad(): void {
  // getElementsByTagName is a collection the browser keeps: cheap to ask. A page
  // without inputs pays nothing more (fields added later wake us on the first press).
  if (document.getElementsByTagName('input').length === 0) return;
  if ('requestIdleCallback' in window) requestIdleCallback(() => void load(), { timeout: 1000 });
  else setTimeout(() => void load(), 50);
}

type PasskeyBridge = { startBridge(port: MessagePort, arrived: unknown[]): void };

/**
 * WebAuthn: the page script (page.js, MAIN world) and this world connect a private
 * port now, before any page script runs (passkeys/bridge/wire.ts); the bridge's logic
 * loads only when the page first calls navigator.credentials.
 */
function connectPasskeyBridge(): void {
  handshake(PAGE_HELLO, BRIDGE_HELLO, (port) => {
    const arrived: unknown[] = [];
    port.onmessage = (event: MessageEvent) => {
      arrived.push(event.data);
      if (arrived.length > 1) return;
      void (import(pageRuntime.getURL('/passkey-main.js')) as Promise<PasskeyBridge>).then((bridge) => bridge.startBridge(port, arrived));
    };
  });
}

// Sandboxed frames have an opaque origin: nothing may be filled there.
// The passkey shim runs where WebAuthn does: https pages, and localhost for development.
// Sandboxed frames too: their requests are refused by the background, not left hanging.
if (location.protocol === 'https:' || location.hostname === 'localhost') connectPasskeyBridge();

if (window.origin !== 'null') {
  document.addEventListener('pointerdown', onPress, true);
  document.addEventListener('keyup', onPress, true);
  document.addEventListener('focusin', onFocusIn, true);
  pageRuntime.onMessage.addListener((message, sender) => {
    // Only our own background; the main part parses the message itself (protocol-content.ts),
    // which keeps the parser out of this script that every page pays for.
    if (sender.id !== pageRuntime.id) return undefined;
    return load().then((main) => main.command(message));
  });
  if (document.readyState === 'complete') afterLoad();
  else window.addEventListener('load', afterLoad, { once: true });
}
