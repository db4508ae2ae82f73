// Closed shadow roots, reached the way each browser lets an extension reach them:
// Chrome's chrome.dom.openOrClosedShadowRoot(), Firefox's Xray property
// element.openOrClosedShadowRoot. A page's own scripts have neither; in pages
// (tests, the benchmark) only open roots are seen. No imports: the bootstrap uses it.

type ChromeDom = { dom?: { openOrClosedShadowRoot?: (element: HTMLElement) => ShadowRoot | null } };

/** The element's shadow root, open or closed, if the browser lets the extension see it. */
export function shadowRootOf(element: Element): ShadowRoot | null {
  if (element.shadowRoot) return element.shadowRoot;
  const firefox = (element as Element & { openOrClosedShadowRoot?: ShadowRoot | null }).openOrClosedShadowRoot;
  if (firefox !== undefined) return firefox ?? null;
  const open = (globalThis as { chrome?: ChromeDom }).chrome?.dom?.openOrClosedShadowRoot;
  if (!open || !(element instanceof HTMLElement)) return null;
  try {
    return open(element) ?? null;
  } catch {
    return null;
  }
}

/**
 * The innermost element an event happened on. Events out of a closed shadow
 * root name only its host, so for a press the element under the pointer, and
 * for a key the focused element, is looked up inside the root; only a field
 * found that way replaces the host (Latchkey's own closed hosts hold frames).
 */
export function innermostTarget(event: Event): Element | null {
  const first = event.composedPath()[0];
  if (!(first instanceof Element)) return null;
  let target: Element = first;
  for (let depth = 0; depth < 8; depth++) {
    const root = target.shadowRoot ? null : shadowRootOf(target);
    if (!root) break;
    const inner = event instanceof MouseEvent ? root.elementFromPoint(event.clientX, event.clientY) : root.activeElement;
    if (!inner || inner === target) break;
    target = inner;
  }
  return target instanceof HTMLInputElement ? target : first;
}
