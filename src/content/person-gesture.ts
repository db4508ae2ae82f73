// Tells a person's own action apart from a page script's. `isTrusted` alone does
// not: in Chromium, a script's element.focus(), button.click() and
// form.requestSubmit() all fire events marked trusted. A pointerdown or keydown
// is only ever dispatched by the browser for real input, and the page's user
// activation (navigator.userActivation) confirms a person is acting right now.
export interface Gesture {
  /** The innermost element the person pressed on or typed in (through open shadow roots; the controller also looks into closed ones). */
  target: Element | null;
  kind: 'pointer' | 'key';
  key: string;
  at: number;
}

interface UserActivation {
  isActive: boolean;
}

/** Whether an input event came from the person, not from a script. */
export function isPersonEvent(event: Event): boolean {
  if (!event.isTrusted) return false;
  const activation = (navigator as Navigator & { userActivation?: UserActivation }).userActivation;
  // Browsers without the API (none we support today) fall back to isTrusted on pointer and key events.
  return activation ? activation.isActive : true;
}

/** The gesture an event is, if a person made it. */
export function gestureOf(event: PointerEvent | KeyboardEvent, now = performance.now()): Gesture | null {
  if (!isPersonEvent(event)) return null;
  const target = event.composedPath()[0];
  const kind = event.type.startsWith('pointer') ? 'pointer' : 'key';
  return { target: target instanceof Element ? target : null, kind, key: 'key' in event ? event.key : '', at: now };
}

/** Whether `gesture` was on `element` (or inside it) within the last `withinMs`. */
export function gestureWasOn(gesture: Gesture | null, element: Element, withinMs: number, now = performance.now()): boolean {
  if (!gesture || now - gesture.at > withinMs || !gesture.target) return false;
  return gesture.target === element || element.contains(gesture.target);
}
