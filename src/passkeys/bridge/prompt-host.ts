// Holds the passkey consent page in an InPageFrame (closed shadow root, top
// layer, pinned style; see content/ui/in-page-frame.ts). Its size is fixed, not
// fitted to its content: a page that asked for a passkey must not learn from
// the frame's height how many passkeys the vault holds for it. It is handed
// the ceremony's token once it has loaded, by a message only it can receive.
import { pageRuntime } from '../../shared/page-runtime';
import { InPageFrame } from '../../content/ui/in-page-frame';

const WIDTH = 360;
const HEIGHT = 260;
const MARGIN = 16;

export function showPrompt(token: string): () => void {
  const origin = new URL(pageRuntime.getURL('/')).origin;
  let closed = false;
  const view = new InPageFrame(pageRuntime.getURL('/ui/passkey.html'), () => {
    // The page restyled or covered the prompt: put it back where it belongs, clock restarted.
    if (!closed) view.show(box());
  });
  const box = () => ({ top: MARGIN, left: Math.max(0, window.innerWidth - WIDTH - MARGIN), width: WIDTH, height: HEIGHT });
  view.frame.addEventListener('load', () => view.frame.contentWindow?.postMessage({ type: 'latchkey:passkey-open', token }, origin));
  view.show(box());
  return () => {
    closed = true;
    view.remove();
  };
}
