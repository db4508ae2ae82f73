// Chrome's offscreen document for the background's clipboard work (see
// src/background/clipboard-clear.ts). It answers only the extension itself.
import { documentClipboard } from '../shared/document-clipboard';

interface ClipboardRequest {
  target?: string;
  op?: 'read' | 'write';
  text?: string;
}

const clipboard = documentClipboard(document);
const runtime = (globalThis as unknown as { chrome: { runtime: { id: string; onMessage: { addListener(listener: (message: ClipboardRequest, sender: { id?: string; url?: string }, respond: (answer: unknown) => void) => boolean | undefined): void } } } }).chrome.runtime;

runtime.onMessage.addListener((message, sender, respond) => {
  if (message?.target !== 'offscreen-clipboard' || sender.id !== runtime.id) return undefined;
  const done = message.op === 'read' ? clipboard.read() : clipboard.write(String(message.text ?? ''));
  done.then(respond, () => respond(undefined));
  return true;
});
