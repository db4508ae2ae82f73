// Holds the save/update prompt in the top frame: like the inline menu, an
// extension page in an iframe inside a closed shadow root.
import { pageRuntime } from '../shared/page-runtime';

const WIDTH = 360;
const HEIGHT = 170;

export class PromptHost {
  private host: HTMLElement | null = null;
  private shownToken: string | null = null;

  get token(): string | null {
    return this.host?.isConnected ? this.shownToken : null;
  }

  show(token: string): void {
    if (this.token === token) return;
    this.close();
    const host = document.createElement('latchkey-prompt');
    const root = host.attachShadow({ mode: 'closed' });
    const frame = document.createElement('iframe');
    frame.src = `${pageRuntime.getURL('/ui/prompt.html')}#${token}`;
    frame.title = 'Latchkey';
    frame.style.cssText = 'all: initial; display: block; width: 100%; height: 100%; border: 0; color-scheme: normal;';
    root.append(frame);
    host.style.cssText = `all: initial; position: fixed; z-index: 2147483647; top: 12px; right: 12px; width: ${WIDTH}px; height: ${HEIGHT}px;`;
    document.documentElement.append(host);
    this.host = host;
    this.shownToken = token;
  }

  close(): void {
    this.host?.remove();
    this.host = null;
    this.shownToken = null;
  }
}
