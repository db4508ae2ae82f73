// Whether a person can see and use a field. Off-screen, hidden, aria-hidden and
// honeypot fields are never filled: a page can hide a field to catch fillers,
// or (like Microsoft's email view) keep a password field there off-screen.

const MIN_SIZE_PX = 4;

/**
 * An open modal: a <dialog>, or an element that calls itself a dialog. Modal
 * libraries (Bootstrap 3, react-modal) set aria-hidden="true" on the page behind
 * the modal, sometimes on <body> or on the modal's own wrapper, while the modal
 * is on screen; that hides it from screen readers, not from the eye. Layout
 * (display, visibility, opacity, size, position, covers) still decides.
 */
function isDialog(element: Element): boolean {
  if (element instanceof HTMLDialogElement) return element.open;
  const role = element.getAttribute('role');
  return role === 'dialog' || role === 'alertdialog' || element.getAttribute('aria-modal') === 'true';
}

function hiddenByStyle(element: Element): boolean {
  let inDialog = false;
  for (let current: Element | null = element; current; current = current.parentElement ?? hostOf(current)) {
    const style = getComputedStyle(current);
    if (style.display === 'none' || style.visibility === 'hidden' || style.visibility === 'collapse') return true;
    if (Number.parseFloat(style.opacity) < 0.1) return true;
    if (current.hasAttribute('hidden') || current.hasAttribute('inert')) return true;
    inDialog ||= isDialog(current);
    if (current.getAttribute('aria-hidden') === 'true' && !inDialog) return true;
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
  if (input.disabled || input.readOnly) return false;
  return isShown(input);
}

/**
 * Whether the field is on screen for a person, writable or not. A readonly
 * password field (banks that take the password from an on-screen keyboard)
 * is still part of its form: it tells the username beside it is a sign-in's.
 */
export function isShown(input: HTMLInputElement): boolean {
  if (!input.isConnected || input.type === 'hidden') return false;
  const rect = input.getBoundingClientRect();
  if (rect.width < MIN_SIZE_PX || rect.height < MIN_SIZE_PX) return false;
  if (offScreen(rect) || clippedAway(input)) return false;
  return !hiddenByStyle(input);
}

/**
 * Whether a clip-path leaves nothing of the field to see. Rounded corners
 * (`inset(0 round 4px)`) are common and fine; anything we cannot read is
 * treated as hiding the field, since filling it would be filling blind.
 */
function clipPathHides(clipPath: string, rect: DOMRect): boolean {
  if (clipPath === 'none' || clipPath === '') return false;
  const inset = /^inset\(([^)]*?)(?:\s+round\s[^)]*)?\)$/.exec(clipPath);
  if (inset) {
    const parts = inset[1]!.trim().split(/\s+/);
    const [top, right = top, bottom = top, left = right] = parts as [string, string?, string?, string?];
    const vertical = [top, bottom].map((part) => toPx(part!, rect.height));
    const horizontal = [left, right].map((part) => toPx(part!, rect.width));
    if ([...vertical, ...horizontal].some((part) => part === null)) return true;
    return vertical[0]! + vertical[1]! >= rect.height - 1 || horizontal[0]! + horizontal[1]! >= rect.width - 1;
  }
  const circle = /^(circle|ellipse)\(\s*([\d.]+)(px|%)?/.exec(clipPath);
  if (circle) return Number.parseFloat(circle[2]!) === 0;
  return true;
}

/** A length of an inset() in px; percentages are of the box's size along that axis. */
function toPx(value: string, size: number): number | null {
  const match = /^(-?[\d.]+)(px|%)?$/.exec(value);
  if (!match) return null;
  const amount = Number.parseFloat(match[1]!);
  return match[2] === '%' ? (amount / 100) * size : amount;
}

/** Whether something else of the page is drawn over the field's centre (a cover, a decoy). */
function coveredAtCentre(input: HTMLInputElement, rect: DOMRect): boolean {
  const x = rect.left + rect.width / 2;
  const y = rect.top + rect.height / 2;
  if (x < 0 || y < 0 || x >= window.innerWidth || y >= window.innerHeight) return false; // scrolled away: not a cover
  const root = input.getRootNode() as Document | ShadowRoot;
  const hit = root.elementFromPoint(x, y);
  if (!hit || hit === input) return false;
  // A field's own label (floating labels) or a wrapper around it is part of it.
  if (hit.contains(input)) return false;
  for (const label of Array.from(input.labels ?? [])) if (label === hit || label.contains(hit)) return false;
  return true;
}

/**
 * The stricter check made right before a value is written: everything
 * isFillable() checks, plus what only layout can tell (a clip-path, a cover
 * over the field). Costs a hit test, so it runs per fill, not per detection.
 */
export function isVisibleToPerson(input: HTMLInputElement): boolean {
  if (!isFillable(input)) return false;
  const rect = input.getBoundingClientRect();
  for (let current: Element | null = input; current; current = current.parentElement ?? hostOf(current)) {
    if (clipPathHides(getComputedStyle(current).clipPath, current === input ? rect : current.getBoundingClientRect())) return false;
  }
  return !coveredAtCentre(input, rect);
}
