// Which element the person pressed on or typed in, and when. A pointerdown or
// keydown is only ever dispatched by the browser for real input, and
// isPersonEvent (shared/person-event.ts) adds the page's user activation.
import { isPersonEvent } from '../shared/person-event';

export { isPersonEvent };

export interface Gesture {
  /** The innermost element the person pressed on or typed in (through open shadow roots; the controller also looks into closed ones). */
  target: Element | null;
  kind: 'pointer' | 'key';
  key: string;
  at: number;
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
