// The content script's bootstrap, in every frame of every page. It is kept tiny
// because every page pays for parsing it: it waits for the page to load, and
// loads the autofill part (content-main.js) only where there are input fields,
// or when the person presses or types in a field, or when the background asks.
// It starts at document_start: Chrome's injection at document_end or idle alone
// delays the load event of a large page measurably (see `npm run bench`).
import { pageRuntime } from '../shared/page-runtime';
import type { AutofillController } from './autofill-controller';
import { gestureOf, type Gesture } from './person-gesture';

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
  if (gesture?.target instanceof HTMLInputElement) {
    woke = gesture;
    void load();
  }
}

/** A field got focus (perhaps from a script): load ahead, but offer nothing. */
function onFocusIn(event: FocusEvent): void {
  if (event.composedPath()[0] instanceof HTMLInputElement) void load();
}

function afterLoad(): void {
  const idle = (task: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(task, { timeout: 1000 }) : setTimeout(task, 50));
  // getElementsByTagName is a collection the browser keeps: cheap to ask.
  idle(() => {
    if (document.getElementsByTagName('input').length > 0) void load();
  });
}

// Sandboxed frames have an opaque origin: nothing may be filled there.
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
