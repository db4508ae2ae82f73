// DOM helpers that see through shadow roots (closed ones where the browser lets
// the extension: shadow.ts), used by detection and filling.
import { shadowRootOf } from '../shadow';

/** The parent element, stepping out of a shadow root to its host. */
export function parentAcrossShadow(element: Element): Element | null {
  if (element.parentElement) return element.parentElement;
  const root = element.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** Every <input> under `root`, including inside shadow roots, in document order. */
export function deepInputs(root: Document | ShadowRoot | Element): HTMLInputElement[] {
  const found: HTMLInputElement[] = [];
  const visit = (node: Document | ShadowRoot | Element) => {
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_ELEMENT);
    for (let current = walker.currentNode as Element | null; current; current = walker.nextNode() as Element | null) {
      if (current instanceof HTMLInputElement) found.push(current);
      const shadow = current instanceof Element ? shadowRootOf(current) : null;
      if (shadow) visit(shadow);
    }
  };
  visit(root);
  return found;
}

/** Whether `ancestor` contains `node`, also across shadow boundaries. */
export function containsAcrossShadow(ancestor: Element, node: Element): boolean {
  for (let current: Element | null = node; current; current = parentAcrossShadow(current)) {
    if (current === ancestor) return true;
  }
  return false;
}

/** Text of the element's labels, aria-label and aria-labelledby, for classification. */
export function labelText(input: HTMLInputElement | HTMLSelectElement): string {
  const parts: string[] = [];
  const ariaLabel = input.getAttribute('aria-label');
  if (ariaLabel) parts.push(ariaLabel);
  const labelledBy = input.getAttribute('aria-labelledby');
  if (labelledBy) {
    const root = input.getRootNode() as Document | ShadowRoot;
    for (const id of labelledBy.split(/\s+/)) {
      const label = root.getElementById?.(id);
      if (label?.textContent) parts.push(label.textContent);
    }
  }
  for (const label of Array.from(input.labels ?? [])) if (label.textContent) parts.push(label.textContent);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}
