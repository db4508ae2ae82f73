// In-page extension views (menu, prompt) count a click only when the person
// could see what they clicked: a real click (trusted, with user activation) on
// a view that has been visible and unobstructed for ARMED_MS. Where the browser
// has IntersectionObserver v2 (Chromium), it is the judge of "visible": it sees
// opacity, filters, transforms and anything drawn over the frame, across frames.
// Elsewhere the clock starts when the view is shown, and the content script's
// own checks of the host (in-page-frame.ts) are what stands between.
import { useEffect, useState } from 'preact/hooks';

export const ARMED_MS = 500;

type VisibilityEntry = IntersectionObserverEntry & { isVisible?: boolean };
const hasVisibilityTracking = typeof IntersectionObserverEntry !== 'undefined' && 'isVisible' in IntersectionObserverEntry.prototype;

/** True once this view has been visible for ARMED_MS since `active` turned true; false again when it is not. */
export function useArmed(active: boolean): boolean {
  const [armed, setArmed] = useState(false);
  useEffect(() => {
    setArmed(false);
    if (!active) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setArmed(true), ARMED_MS);
    };
    const disarm = () => {
      clearTimeout(timer);
      setArmed(false);
    };
    if (!hasVisibilityTracking) {
      arm();
      return () => clearTimeout(timer);
    }
    const observer = new IntersectionObserver(
      (entries) => {
        const entry = entries[entries.length - 1] as VisibilityEntry | undefined;
        if (!entry) return;
        if (entry.isVisible) arm();
        else disarm();
      },
      { threshold: [0, 1], trackVisibility: true, delay: 100 } as IntersectionObserverInit,
    );
    observer.observe(document.body);
    return () => {
      clearTimeout(timer);
      observer.disconnect();
    };
  }, [active]);
  return armed;
}

/** A person's click: trusted, while the page has user activation (a script's click() has none). */
export { isPersonEvent as isPersonClick } from '../../shared/person-event';
