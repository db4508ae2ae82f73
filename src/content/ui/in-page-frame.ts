// One way to put an extension page into a web page, shared by the inline menu
// and the save prompt. The page around it is assumed hostile: it can read and
// change the DOM, its CSS and its scripts run beside ours. So:
// - the frame sits in a closed shadow root, under a host element whose tag name
//   is random for each page load (no selector can be written for it in advance);
// - the host is in the top layer (Popover API), above every z-index and above
//   the page's own dialogs, and is raised again when the page opens a new one;
// - every property that could make it invisible or click-through is pinned with
//   `!important` in its style attribute (which beats any stylesheet), and a
//   MutationObserver reports any change we did not make;
// - `isIntact()` and `isUnobstructed()` re-check what the person actually sees
//   (computed style of the host and of <html>/<body>, top-layer state, a hit test
//   of the frame's area) before anything the person chose in it is acted on;
// - `stableFor()` tells how long it has been shown unmoved, so that a click on a
//   frame that just appeared or moved under the cursor does not count.
// The frame's own page adds IntersectionObserver v2 where the browser has it.

export interface FrameBox {
  top: number;
  left: number;
  width: number;
  height: number;
}

// Every property that could hide the frame, let clicks through or move it, pinned.
const PINNED = [
  'all: initial',
  'display: block',
  'position: fixed',
  'box-sizing: border-box',
  'margin: 0',
  'padding: 0',
  'border: 0',
  'inset: auto',
  'opacity: 1',
  'visibility: visible',
  'filter: none',
  'backdrop-filter: none',
  'transform: none',
  'translate: none',
  'scale: none',
  'rotate: none',
  'clip-path: none',
  'mask: none',
  'mix-blend-mode: normal',
  'pointer-events: auto',
  'overflow: hidden',
  'background: transparent',
  'z-index: 2147483647',
  'contain: strict',
  'zoom: 1',
]
  .map((declaration) => `${declaration} !important`)
  .join('; ');

const PARKED = 'all: initial !important; display: block !important; position: fixed !important; top: 0 !important; left: -10000px !important; width: 1px !important; height: 1px !important; visibility: hidden !important; pointer-events: none !important; contain: strict !important;';

/** A custom element name nobody can know in advance: "x-" and random letters. */
function randomTagName(): string {
  const letters = crypto.getRandomValues(new Uint8Array(12));
  return `x-${Array.from(letters, (byte) => String.fromCharCode(97 + (byte % 26))).join('')}`;
}

const supportsPopover = typeof HTMLElement.prototype.showPopover === 'function';

function hiddenByAncestorStyle(element: Element | null): boolean {
  if (!element) return false;
  const style = getComputedStyle(element);
  return Number.parseFloat(style.opacity) < 0.99 || style.filter !== 'none' || (style.display === 'none' && element !== document.body);
}

export class InPageFrame {
  readonly frame: HTMLIFrameElement;
  private readonly host: HTMLElement;
  private box: FrameBox | null = null;
  private stableSince = 0;
  private writing = false;
  private readonly hostWatch: MutationObserver;
  private readonly pageWatch: MutationObserver;
  private readonly onToggle = (event: Event) => this.toggled(event);

  /** `onTamper` runs when the page changed the frame or what is around it: close what it shows. */
  constructor(
    url: string,
    private readonly onTamper: () => void,
  ) {
    this.host = document.createElement(randomTagName());
    const root = this.host.attachShadow({ mode: 'closed' });
    this.frame = document.createElement('iframe');
    this.frame.src = url;
    this.frame.title = 'Latchkey';
    this.frame.setAttribute('allowtransparency', 'true');
    this.frame.style.cssText = 'all: initial; display: block; width: 100%; height: 100%; border: 0; color-scheme: normal; background: transparent;';
    root.append(this.frame);
    this.write(() => {
      if (supportsPopover) this.host.popover = 'manual';
      this.host.style.cssText = PARKED;
    });
    this.hostWatch = new MutationObserver(() => {
      if (!this.writing && this.box) this.onTamper();
    });
    this.pageWatch = new MutationObserver(() => {
      if (this.box && !this.isIntact()) this.onTamper();
    });
  }

  /** Puts the (parked, invisible) frame into the document so that it loads. */
  attach(): void {
    if (this.host.isConnected) return;
    document.documentElement.append(this.host);
    this.hostWatch.observe(this.host, { attributes: true });
  }

  isAttached(): boolean {
    return this.host.isConnected;
  }

  isHost(target: EventTarget | null): boolean {
    return target === this.host;
  }

  /** Shows the frame at `box` (viewport coordinates), on top of everything. */
  show(box: FrameBox): void {
    this.attach();
    // Growing or shrinking from the same top-left corner leaves what is shown in place; anything else is a move.
    const moved = !this.box || this.box.top !== box.top || this.box.left !== box.left || this.box.width !== box.width;
    this.write(() => {
      this.host.style.cssText = `${PINNED}; top: ${box.top}px !important; left: ${box.left}px !important; width: ${box.width}px !important; height: ${box.height}px !important;`;
      if (supportsPopover && !this.host.matches(':popover-open')) this.host.showPopover();
    });
    if (!this.box) {
      document.addEventListener('toggle', this.onToggle, true);
      this.host.addEventListener('toggle', this.onToggle);
      for (const element of [document.documentElement, document.body]) {
        if (element) this.pageWatch.observe(element, { attributes: true, attributeFilter: ['style', 'class', 'hidden', 'inert'] });
      }
      if (document.head) this.pageWatch.observe(document.head, { childList: true, subtree: true, characterData: true });
    }
    if (moved) this.stableSince = performance.now();
    this.box = box;
  }

  /** Hides the frame but keeps it loaded for next time. */
  park(): void {
    if (!this.box) return;
    this.box = null;
    document.removeEventListener('toggle', this.onToggle, true);
    this.host.removeEventListener('toggle', this.onToggle);
    this.pageWatch.disconnect();
    this.write(() => {
      if (supportsPopover && this.host.matches(':popover-open')) this.host.hidePopover();
      this.host.style.cssText = PARKED;
    });
  }

  remove(): void {
    this.park();
    this.hostWatch.disconnect();
    this.host.remove();
  }

  get shown(): boolean {
    return this.box !== null && this.host.isConnected;
  }

  /** How long the frame has been shown where it is now, in ms (0 when hidden). */
  stableFor(now = performance.now()): number {
    return this.shown ? now - this.stableSince : 0;
  }

  /** The host still looks exactly as we made it: visible, opaque, unmoved, in the top layer. */
  isIntact(): boolean {
    if (!this.shown || !this.box) return false;
    if (supportsPopover && !this.host.matches(':popover-open')) return false;
    const style = getComputedStyle(this.host);
    if (style.opacity !== '1' || style.visibility !== 'visible' || style.display !== 'block' || style.pointerEvents === 'none') return false;
    if (style.filter !== 'none' || style.transform !== 'none' || style.clipPath !== 'none' || style.mixBlendMode !== 'normal') return false;
    if (hiddenByAncestorStyle(document.documentElement) || hiddenByAncestorStyle(document.body)) return false;
    const rect = this.host.getBoundingClientRect();
    return Math.abs(rect.top - this.box.top) < 1 && Math.abs(rect.left - this.box.left) < 1 && Math.abs(rect.width - this.box.width) < 1 && Math.abs(rect.height - this.box.height) < 1;
  }

  /** Nothing of the page lies over the frame: a hit test at its centre and near its corners finds the host. */
  isUnobstructed(): boolean {
    if (!this.box) return false;
    const { top, left, width, height } = this.box;
    const inset = Math.min(8, width / 4, height / 4);
    const points: [number, number][] = [
      [left + width / 2, top + height / 2],
      [left + inset, top + inset],
      [left + width - inset, top + inset],
      [left + inset, top + height - inset],
      [left + width - inset, top + height - inset],
    ];
    for (const [x, y] of points) {
      if (x < 0 || y < 0 || x >= window.innerWidth || y >= window.innerHeight) continue;
      if (document.elementFromPoint(x, y) !== this.host) return false;
    }
    return true;
  }

  /** The page opened a dialog or popover of its own: come back on top of it (and start the clock again). */
  private toggled(event: Event): void {
    const state = (event as Event & { newState?: string }).newState;
    if (event.target === this.host) {
      // Toggle events arrive later and merged; what counts is the state now.
      if (this.box && supportsPopover && !this.host.matches(':popover-open')) this.onTamper();
      return;
    }
    if (state !== 'open' || !this.box || !supportsPopover) return;
    this.write(() => {
      this.host.hidePopover();
      this.host.showPopover();
    });
    this.stableSince = performance.now();
  }

  private write(change: () => void): void {
    this.writing = true;
    try {
      change();
    } finally {
      // MutationObserver callbacks run later, as a microtask: flush ours first.
      this.hostWatch?.takeRecords();
      this.writing = false;
    }
  }
}
