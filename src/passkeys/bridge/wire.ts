// What the page script and the bridge say to each other over their private
// MessagePort. Only JSON strings cross it: no object from one JavaScript world
// is ever handed to the other (Firefox's Xrays and Chrome's isolated worlds
// treat structured objects differently; strings are the same everywhere).
import type { CeremonyOutcome } from '../../shared/protocol-passkeys';

/** Dispatched by whichever side starts second, carrying its end of the channel. */
export const PAGE_HELLO = 'latchkey:passkeys-page';
export const BRIDGE_HELLO = 'latchkey:passkeys-bridge';

export type PageRequest =
  | { id: number; op: 'create' | 'get'; options: unknown; conditional?: boolean }
  | { id: number; op: 'abort' }
  | { id: number; op: 'available' };

export type BridgeReply = { id: number; outcome: CeremonyOutcome } | { id: number; available: boolean };

/**
 * Connects at document_start, before any page script can run: the side that
 * starts first listens, the side that starts second dispatches a MessageEvent
 * carrying a port (dispatchEvent is synchronous across worlds). The first port
 * wins; later hellos (a page pretending to be either side) are ignored.
 */
export function handshake(listenFor: string, announce: string, onPort: (port: MessagePort) => void): void {
  let connected = false;
  const accept = (event: Event) => {
    const port = (event as MessageEvent).ports?.[0];
    if (connected || !port) return;
    connected = true;
    event.preventDefault(); // tells the announcing side its port was taken
    event.stopImmediatePropagation();
    window.removeEventListener(listenFor, accept, true);
    onPort(port);
  };
  window.addEventListener(listenFor, accept, true);
  const channel = new MessageChannel();
  const hello = new MessageEvent(announce, { ports: [channel.port2], cancelable: true });
  window.dispatchEvent(hello);
  // The other side took our port: it was already listening, so this is the channel.
  if (!connected && hello.defaultPrevented) {
    connected = true;
    window.removeEventListener(listenFor, accept, true);
    onPort(channel.port1);
  }
}
