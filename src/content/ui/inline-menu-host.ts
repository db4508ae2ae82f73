// Holds the inline menu: an extension page in an InPageFrame (closed shadow
// root, top layer, pinned style). See in-page-frame.ts for what the page cannot do.
//
// Loading an extension page into a new frame takes longer than the 50 ms a
// menu may take to appear, so on pages with sign-in fields the frame is loaded
// ahead, parked out of sight, and reused: opening it only hands it the token the
// background issued for the field, which the menu presents to prove which frame
// it serves. The frame never posts anything to the page: its size comes back
// through the background (content.menuSize).
//
// A fill decided in the menu is carried out only if `readyToFill()`: the menu
// is intact and unobstructed, has been shown where it is for MENU_ARMED_MS, and
// the field it was opened for has neither moved nor been replaced.
import { pageRuntime } from '../../shared/page-runtime';
import type { MenuHostMessage } from '../../shared/protocol-content';
import { InPageFrame } from './in-page-frame';

const MENU_WIDTH = 320;
const INITIAL_HEIGHT = 64;
const MAX_HEIGHT = 320;
/** How long the menu must have been visible and still before a click in it counts. */
export const MENU_ARMED_MS = 500;

interface AnchorBox {
  top: number;
  left: number;
  width: number;
  height: number;
}

const boxOf = (element: Element): AnchorBox => {
  const rect = element.getBoundingClientRect();
  return { top: rect.top, left: rect.left, width: rect.width, height: rect.height };
};
const sameBox = (a: AnchorBox, b: AnchorBox) =>
  Math.abs(a.top - b.top) < 1 && Math.abs(a.left - b.left) < 1 && Math.abs(a.width - b.width) < 1 && Math.abs(a.height - b.height) < 1;

export class InlineMenuHost {
  private view: InPageFrame | null = null;
  private loaded = false;
  private anchorField: HTMLInputElement | null = null;
  private anchorBox: AnchorBox | null = null;
  private menuToken: string | null = null;
  private height = INITIAL_HEIGHT;
  private scrolled = false;
  private watching = 0;
  private readonly extensionOrigin = new URL(pageRuntime.getURL('/')).origin;
  private readonly onScroll = () => {
    this.scrolled = true;
  };

  get anchor(): HTMLInputElement | null {
    return this.shown ? this.anchorField : null;
  }

  get token(): string | null {
    return this.shown ? this.menuToken : null;
  }

  private get shown(): boolean {
    return this.view?.shown === true && this.menuToken !== null;
  }

  /** Loads the menu frame, parked out of sight, so that the first menu appears at once. */
  warm(): void {
    if (this.view?.isAttached()) return;
    const view = new InPageFrame(pageRuntime.getURL('/ui/menu.html'), () => this.close());
    this.loaded = false;
    view.frame.addEventListener('load', () => {
      this.loaded = true;
      if (this.menuToken) this.post({ type: 'latchkey:menu-open', token: this.menuToken });
    });
    this.view = view;
    view.attach();
  }

  open(anchor: HTMLInputElement, token: string): void {
    this.warm();
    this.anchorField = anchor;
    this.menuToken = token;
    this.height = INITIAL_HEIGHT;
    if (this.loaded) this.post({ type: 'latchkey:menu-open', token });
    this.place();
    window.addEventListener('scroll', this.onScroll, { capture: true, passive: true });
    window.addEventListener('resize', this.onScroll, { passive: true });
    this.watchAnchor();
  }

  close(): void {
    if (this.menuToken !== null) this.post({ type: 'latchkey:menu-close' });
    this.anchorField = null;
    this.anchorBox = null;
    this.menuToken = null;
    this.view?.park();
    cancelAnimationFrame(this.watching);
    window.removeEventListener('scroll', this.onScroll, { capture: true });
    window.removeEventListener('resize', this.onScroll);
  }

  /** The menu page's content height, relayed by the background. */
  resize(token: string, height: number): void {
    if (token !== this.menuToken) return;
    this.height = Math.min(MAX_HEIGHT, Math.max(32, Math.ceil(height)));
    this.place();
  }

  isOpenFor(element: EventTarget | null): boolean {
    return element !== null && element === this.anchor;
  }

  isHost(element: EventTarget | null): boolean {
    return this.view?.isHost(element) === true;
  }

  /** Whether a choice made in the menu now may be acted on (see the note at the top). */
  readyToFill(): boolean {
    const view = this.view;
    const anchor = this.anchor;
    if (!view || !anchor || !anchor.isConnected || !this.anchorBox) return false;
    if (!sameBox(boxOf(anchor), this.anchorBox)) return false;
    return view.stableFor() >= MENU_ARMED_MS && view.isIntact() && view.isUnobstructed();
  }

  private post(message: MenuHostMessage): void {
    this.view?.frame.contentWindow?.postMessage(message, this.extensionOrigin);
  }

  /**
   * Follows the field while the menu is open: a scroll moves the menu with it
   * (and restarts the armed clock); a field that moves by itself, or is removed
   * or replaced, closes the menu: a page could slide a decoy under the cursor.
   */
  private watchAnchor(): void {
    cancelAnimationFrame(this.watching);
    const check = () => {
      const anchor = this.anchor;
      if (!anchor) return;
      if (!anchor.isConnected) return this.close();
      const box = boxOf(anchor);
      if (this.anchorBox && !sameBox(box, this.anchorBox)) {
        if (!this.scrolled) return this.close();
        this.place();
      }
      this.scrolled = false;
      this.watching = requestAnimationFrame(check);
    };
    this.watching = requestAnimationFrame(check);
  }

  private place(): void {
    if (!this.view || !this.anchorField || !this.menuToken) return;
    const box = boxOf(this.anchorField);
    this.anchorBox = box;
    const below = box.top + box.height + 4;
    const top = below + this.height > window.innerHeight ? Math.max(0, box.top - this.height - 4) : below;
    const left = Math.min(Math.max(0, box.left), Math.max(0, window.innerWidth - MENU_WIDTH));
    this.view.show({ top: Math.round(top), left: Math.round(left), width: MENU_WIDTH, height: this.height });
  }
}
