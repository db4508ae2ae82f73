// Holds the passkey consent page: an extension page in an iframe inside a
// closed shadow root, so page scripts can neither read nor click it. It is
// handed the ceremony's token only once it says it is ready.
import { pageRuntime } from '../../shared/page-runtime';

const WIDTH = 360;
const MAX_HEIGHT = 420;

type FromPrompt = { type: 'latchkey:passkey-ready' } | { type: 'latchkey:passkey-size'; height: number };

export function showPrompt(token: string): () => void {
  const origin = new URL(pageRuntime.getURL('/')).origin;
  const host = document.createElement('latchkey-passkey');
  const root = host.attachShadow({ mode: 'closed' });
  const frame = document.createElement('iframe');
  frame.src = pageRuntime.getURL('/ui/passkey.html');
  frame.title = 'Latchkey passkey';
  frame.style.cssText = 'all: initial; display: block; width: 100%; height: 100%; border: 0; color-scheme: normal;';
  root.append(frame);
  const place = (height: number) => {
    host.style.cssText =
      `all: initial; position: fixed; z-index: 2147483647; top: 16px; right: 16px; width: ${WIDTH}px; ` +
      `height: ${height}px; box-shadow: 0 4px 24px rgba(0,0,0,.3); border-radius: 8px; overflow: hidden;`;
  };
  place(160);
  // Only our own page, in our own iframe, may say it is ready or resize itself.
  const receive = (event: MessageEvent) => {
    if (event.source !== frame.contentWindow || event.origin !== origin) return;
    const data = event.data as FromPrompt;
    if (data?.type === 'latchkey:passkey-ready') frame.contentWindow?.postMessage({ type: 'latchkey:passkey-open', token }, origin);
    if (data?.type === 'latchkey:passkey-size' && typeof data.height === 'number') place(Math.min(MAX_HEIGHT, Math.max(48, Math.ceil(data.height))));
  };
  window.addEventListener('message', receive);
  document.documentElement.append(host);
  return () => {
    window.removeEventListener('message', receive);
    host.remove();
  };
}
