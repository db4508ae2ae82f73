// Holds the save/update prompt in the top frame: like the inline menu, an
// extension page in an InPageFrame (closed shadow root, top layer, pinned style).
// Its token travels in the frame URL's fragment, which the page cannot read.
import { pageRuntime } from '../../shared/page-runtime';
import { InPageFrame } from './in-page-frame';

const WIDTH = 360;
const HEIGHT = 170;
const MARGIN = 12;

export class PromptHost {
  private view: InPageFrame | null = null;
  private shownToken: string | null = null;

  get token(): string | null {
    return this.view?.shown ? this.shownToken : null;
  }

  show(token: string): void {
    if (this.token === token) return;
    this.close();
    // A prompt the page tampers with is closed; the background keeps the capture for the next page.
    const view = new InPageFrame(`${pageRuntime.getURL('/ui/prompt.html')}#${token}`, () => this.close());
    view.show({ top: MARGIN, left: Math.max(0, window.innerWidth - WIDTH - MARGIN), width: WIDTH, height: HEIGHT });
    this.view = view;
    this.shownToken = token;
  }

  close(): void {
    this.view?.remove();
    this.view = null;
    this.shownToken = null;
  }
}
