// Holds the inline menu: an extension page in an iframe inside a closed shadow
// root, so page scripts can neither read nor click what it shows.
//
// Loading an extension page into a new frame takes longer than the 50 ms a
// menu may take to appear, so on pages with sign-in fields the frame is loaded
// ahead, hidden, and reused: opening it only hands it the token the background
// issued for the focused field, which the menu presents to prove which frame it serves.
import { pageRuntime } from '../shared/page-runtime';

const MENU_WIDTH = 320;
const INITIAL_HEIGHT = 64;
const MAX_HEIGHT = 320;
const HIDDEN_STYLE = 'all: initial; position: fixed; top: 0; left: -10000px; width: 1px; height: 1px; visibility: hidden; pointer-events: none;';

type MenuMessage = { type: 'latchkey:menu-ready' } | { type: 'latchkey:menu-size'; height: number };

export class InlineMenuHost {
  private host: HTMLElement | null = null;
  private frame: HTMLIFrameElement | null = null;
  private ready = false;
  private anchorField: HTMLInputElement | null = null;
  private menuToken: string | null = null;
  private height = INITIAL_HEIGHT;
  private readonly extensionOrigin = new URL(pageRuntime.getURL('/')).origin;
  private readonly reposition = () => this.place();
  private readonly onMessage = (event: MessageEvent) => this.receive(event);

  get anchor(): HTMLInputElement | null {
    return this.shown ? this.anchorField : null;
  }

  get token(): string | null {
    return this.shown ? this.menuToken : null;
  }

  private get shown(): boolean {
    return this.host?.isConnected === true && this.menuToken !== null;
  }

  /** Loads the menu frame, hidden, so that the first menu appears at once. */
  warm(): void {
    if (this.host?.isConnected) return;
    const host = document.createElement('latchkey-menu');
    const root = host.attachShadow({ mode: 'closed' });
    const frame = document.createElement('iframe');
    frame.src = pageRuntime.getURL('/ui/menu.html');
    frame.title = 'Latchkey';
    frame.style.cssText = 'all: initial; display: block; width: 100%; height: 100%; border: 0; color-scheme: normal; background: transparent;';
    root.append(frame);
    host.style.cssText = HIDDEN_STYLE;
    this.host = host;
    this.frame = frame;
    this.ready = false;
    window.addEventListener('message', this.onMessage);
    document.documentElement.append(host);
  }

  open(anchor: HTMLInputElement, token: string): void {
    this.warm();
    this.anchorField = anchor;
    this.menuToken = token;
    this.height = INITIAL_HEIGHT;
    if (this.ready) this.post({ type: 'latchkey:menu-open', token });
    this.place();
    window.addEventListener('scroll', this.reposition, { capture: true, passive: true });
    window.addEventListener('resize', this.reposition, { passive: true });
  }

  close(): void {
    if (this.menuToken !== null) this.post({ type: 'latchkey:menu-close' });
    this.anchorField = null;
    this.menuToken = null;
    if (this.host) this.host.style.cssText = HIDDEN_STYLE;
    window.removeEventListener('scroll', this.reposition, { capture: true });
    window.removeEventListener('resize', this.reposition);
  }

  isOpenFor(element: EventTarget | null): boolean {
    return element !== null && element === this.anchor;
  }

  isHost(element: EventTarget | null): boolean {
    return element !== null && element === this.host;
  }

  private post(message: { type: 'latchkey:menu-open'; token: string } | { type: 'latchkey:menu-close' }): void {
    this.frame?.contentWindow?.postMessage(message, this.extensionOrigin);
  }

  /** Only our own menu page, in our own iframe, can say it is ready or resize itself. */
  private receive(event: MessageEvent): void {
    if (!this.frame || event.source !== this.frame.contentWindow || event.origin !== this.extensionOrigin) return;
    const data = event.data as MenuMessage;
    if (data?.type === 'latchkey:menu-ready') {
      this.ready = true;
      if (this.menuToken) this.post({ type: 'latchkey:menu-open', token: this.menuToken });
    } else if (data?.type === 'latchkey:menu-size' && typeof data.height === 'number' && this.menuToken) {
      this.height = Math.min(MAX_HEIGHT, Math.max(32, Math.ceil(data.height)));
      this.place();
    }
  }

  private place(): void {
    if (!this.host || !this.anchorField || !this.menuToken) return;
    const rect = this.anchorField.getBoundingClientRect();
    const below = rect.bottom + 4;
    const top = below + this.height > window.innerHeight ? Math.max(0, rect.top - this.height - 4) : below;
    const left = Math.min(Math.max(0, rect.left), Math.max(0, window.innerWidth - MENU_WIDTH));
    this.host.style.cssText =
      `all: initial; position: fixed; z-index: 2147483647; width: ${MENU_WIDTH}px; height: ${this.height}px; ` +
      `top: ${top}px; left: ${left}px;`;
  }
}
