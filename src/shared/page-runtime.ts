// The runtime API for code that runs in pages: content scripts and the extension
// views shown inside pages. The background uses webextension-polyfill; here that
// polyfill would be a third of the content script, parsed on every page, for the
// four calls below, which Chrome (MV3) and Firefox both offer natively.

interface MessageSender {
  id?: string;
}

type Listener = (message: unknown, sender: MessageSender) => Promise<unknown> | undefined;

interface NativeRuntime {
  id: string;
  getURL(path: string): string;
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: {
    addListener(listener: (message: unknown, sender: MessageSender, sendResponse: (answer: unknown) => void) => boolean | undefined): void;
    removeListener(listener: unknown): void;
  };
}

const native = ((globalThis as { browser?: { runtime: NativeRuntime } }).browser ??
  (globalThis as { chrome?: { runtime: NativeRuntime } }).chrome)!.runtime;

const adapters = new Map<Listener, Parameters<NativeRuntime['onMessage']['addListener']>[0]>();

export const pageRuntime = {
  get id(): string {
    return native.id;
  },
  getURL: (path: string) => native.getURL(path),
  sendMessage: (message: unknown) => native.sendMessage(message),
  /** A listener answers by returning a promise (or undefined to stay silent), in both browsers. */
  onMessage: {
    addListener(listener: Listener): void {
      const adapter = (message: unknown, sender: MessageSender, sendResponse: (answer: unknown) => void) => {
        const answer = listener(message, sender);
        if (!answer) return undefined;
        answer.then(sendResponse, () => sendResponse(undefined));
        return true;
      };
      adapters.set(listener, adapter);
      native.onMessage.addListener(adapter);
    },
    removeListener(listener: Listener): void {
      native.onMessage.removeListener(adapters.get(listener));
      adapters.delete(listener);
    },
  },
};
