// Holds the inline menu: an extension page in an iframe inside a closed shadow
// root, so page scripts can neither read nor click what it shows. The page it
// loads proves which frame it serves with the token the background issued.
import browser from 'webextension-polyfill';

const MENU_WIDTH = 320;
const INITIAL_HEIGHT = 64;
const MAX_HEIGHT = 320;

export class InlineMenuHost {
  private host: HTMLElement | null = null;
  private frame: HTMLIFrameElement | null = null;
  private anchorField: HTMLInputElement | null = null;
  private menuToken: string | null = null;
  private height = INITIAL_HEIGHT;
  private readonly reposition = () => this.place();
  private readonly onMessage = (event: MessageEvent) => this.receive(event);

  get anchor(): HTMLInputElement | null {
    return this.host?.isConnected ? this.anchorField : null;
  }

  get token(): string | null {
    return this.host?.isConnected ? this.menuToken : null;
  }

  open(anchor: HTMLInputElement, token: string): void {
    this.close();
    this.anchorField = anchor;
    this.menuToken = token;
    this.height = INITIAL_HEIGHT;
    const host = document.createElement('latchkey-menu');
    const root = host.attachShadow({ mode: 'closed' });
    const frame = document.createElement('iframe');
    frame.src = `${browser.runtime.getURL('/ui/menu.html')}#${token}`;
    frame.title = 'Latchkey';
    frame.style.cssText =
      'all: initial; display: block; width: 100%; height: 100%; border: 0; color-scheme: normal; background: transparent;';
    root.append(frame);
    document.documentElement.append(host);
    this.host = host;
    this.frame = frame;
    this.place();
    window.addEventListener('scroll', this.reposition, { capture: true, passive: true });
    window.addEventListener('resize', this.reposition, { passive: true });
    window.addEventListener('message', this.onMessage);
  }

  close(): void {
    this.host?.remove();
    this.host = null;
    this.frame = null;
    this.anchorField = null;
    this.menuToken = null;
    window.removeEventListener('scroll', this.reposition, { capture: true });
    window.removeEventListener('resize', this.reposition);
    window.removeEventListener('message', this.onMessage);
  }

  isOpenFor(element: EventTarget | null): boolean {
    return element !== null && element === this.anchor;
  }

  isHost(element: EventTarget | null): boolean {
    return element !== null && element === this.host;
  }

  /** Only our own menu page, in our own iframe, can resize or close it. */
  private receive(event: MessageEvent): void {
    if (!this.frame || event.source !== this.frame.contentWindow) return;
    if (event.origin !== new URL(browser.runtime.getURL('/')).origin) return;
    const data = event.data as { type?: unknown; height?: unknown };
    if (data?.type === 'latchkey:menu-size' && typeof data.height === 'number') {
      this.height = Math.min(MAX_HEIGHT, Math.max(32, Math.ceil(data.height)));
      this.place();
    }
  }

  private place(): void {
    if (!this.host || !this.anchorField) return;
    const rect = this.anchorField.getBoundingClientRect();
    const below = rect.bottom + 4;
    const top = below + this.height > window.innerHeight ? Math.max(0, rect.top - this.height - 4) : below;
    const left = Math.min(Math.max(0, rect.left), Math.max(0, window.innerWidth - MENU_WIDTH));
    this.host.style.cssText =
      `all: initial; position: fixed; z-index: 2147483647; width: ${MENU_WIDTH}px; height: ${this.height}px; ` +
      `top: ${top}px; left: ${left}px;`;
  }
}
