// Holds the inline menu: an extension page in an iframe inside a closed shadow
// root, so page scripts can neither read nor click what it shows.
import browser from 'webextension-polyfill';

const MENU_WIDTH = 300;
const MENU_HEIGHT = 220;

export class InlineMenuHost {
  private host: HTMLElement | null = null;
  private frame: HTMLIFrameElement | null = null;
  private anchor: HTMLElement | null = null;
  private readonly reposition = () => this.place();

  open(anchor: HTMLElement, token: string): void {
    if (this.anchor === anchor && this.host?.isConnected) return;
    this.close();
    this.anchor = anchor;
    const host = document.createElement('latchkey-menu');
    const root = host.attachShadow({ mode: 'closed' });
    const frame = document.createElement('iframe');
    frame.src = `${browser.runtime.getURL('/ui/menu.html')}#${token}`;
    frame.title = 'Latchkey';
    frame.setAttribute('allowtransparency', 'true');
    frame.style.cssText =
      'all: initial; display: block; width: 100%; height: 100%; border: 0; color-scheme: normal; ' +
      'border-radius: 8px; box-shadow: 0 4px 16px rgba(0,0,0,.25); background: transparent;';
    root.append(frame);
    host.style.cssText = `all: initial; position: fixed; z-index: 2147483647; width: ${MENU_WIDTH}px; height: ${MENU_HEIGHT}px;`;
    document.documentElement.append(host);
    this.host = host;
    this.frame = frame;
    this.place();
    window.addEventListener('scroll', this.reposition, { capture: true, passive: true });
    window.addEventListener('resize', this.reposition, { passive: true });
  }

  close(): void {
    this.host?.remove();
    this.host = null;
    this.frame = null;
    this.anchor = null;
    window.removeEventListener('scroll', this.reposition, { capture: true });
    window.removeEventListener('resize', this.reposition);
  }

  isOpenFor(element: EventTarget | null): boolean {
    return element !== null && element === this.anchor;
  }

  private place(): void {
    if (!this.host || !this.anchor) return;
    const rect = this.anchor.getBoundingClientRect();
    const below = rect.bottom + 4;
    const top = below + MENU_HEIGHT > window.innerHeight ? Math.max(0, rect.top - MENU_HEIGHT - 4) : below;
    const left = Math.min(Math.max(0, rect.left), Math.max(0, window.innerWidth - MENU_WIDTH));
    this.host.style.top = `${top}px`;
    this.host.style.left = `${left}px`;
  }
}
