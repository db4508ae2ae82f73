// The content script's bootstrap, in every frame of every page. It is kept tiny
// because every page pays for parsing it: it waits for the page to load, and
// loads the autofill part (content-main.js) only where there are input fields,
// or when a field is focused, or when the background asks for something.
// It starts at document_start: Chrome's injection at document_end or idle alone
// delays the load event of a large page measurably (see `npm run bench`).
import { pageRuntime } from '../shared/page-runtime';
import type { AutofillController } from './autofill-controller';

type Main = { startAutofill(focused: HTMLInputElement | null): AutofillController };

let controller: Promise<AutofillController> | null = null;

function load(focused: HTMLInputElement | null): Promise<AutofillController> {
  controller ??= (import(pageRuntime.getURL('/content-main.js')) as Promise<Main>).then((main) => {
    document.removeEventListener('focusin', onFocusIn, true);
    return main.startAutofill(focused);
  });
  return controller;
}

function onFocusIn(event: FocusEvent): void {
  const target = event.composedPath()[0];
  if (target instanceof HTMLInputElement) void load(target);
}

function afterLoad(): void {
  const idle = (task: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(task, { timeout: 1000 }) : setTimeout(task, 50));
  // getElementsByTagName is a collection the browser keeps: cheap to ask.
  idle(() => {
    if (document.getElementsByTagName('input').length > 0) void load(null);
  });
}

// Sandboxed frames have an opaque origin: nothing may be filled there.
if (window.origin !== 'null') {
  document.addEventListener('focusin', onFocusIn, true);
  pageRuntime.onMessage.addListener((message, sender) => {
    if (sender.id !== pageRuntime.id) return undefined;
    return load(null).then((main) => main.command(message));
  });
  if (document.readyState === 'complete') afterLoad();
  else window.addEventListener('load', afterLoad, { once: true });
}
