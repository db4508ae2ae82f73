// Whether a person can see and use a field. Off-screen, hidden, aria-hidden and
// honeypot fields are never filled: a page can hide a field to catch fillers,
// or (like Microsoft's email view) keep a password field there off-screen.

const MIN_SIZE_PX = 4;

function hiddenByStyle(element: Element): boolean {
  for (let current: Element | null = element; current; current = current.parentElement ?? hostOf(current)) {
    const style = getComputedStyle(current);
    if (style.display === 'none' || style.visibility === 'hidden' || style.visibility === 'collapse') return true;
    if (Number.parseFloat(style.opacity) < 0.1) return true;
    if (current.getAttribute('aria-hidden') === 'true' || current.hasAttribute('hidden') || current.hasAttribute('inert')) return true;
  }
  return false;
}

function hostOf(element: Element): Element | null {
  const root = element.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

function offScreen(rect: DOMRect): boolean {
  const pageWidth = Math.max(document.documentElement.scrollWidth, window.innerWidth);
  const pageHeight = Math.max(document.documentElement.scrollHeight, window.innerHeight);
  return rect.right + window.scrollX <= 0 || rect.bottom + window.scrollY <= 0 || rect.left + window.scrollX >= pageWidth || rect.top + window.scrollY >= pageHeight;
}

function clippedAway(input: HTMLElement): boolean {
  const style = getComputedStyle(input);
  return style.clipPath === 'inset(50%)' || /rect\(0(px)?,\s*0(px)?,\s*0(px)?,\s*0(px)?\)/.test(style.clip);
}

export function isFillable(input: HTMLInputElement): boolean {
  if (!input.isConnected || input.disabled || input.readOnly) return false;
  if (input.type === 'hidden') return false;
  const rect = input.getBoundingClientRect();
  if (rect.width < MIN_SIZE_PX || rect.height < MIN_SIZE_PX) return false;
  if (offScreen(rect) || clippedAway(input)) return false;
  return !hiddenByStyle(input);
}
