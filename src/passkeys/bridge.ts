// Isolated-world side of the WebAuthn bridge (see page-script.ts), loaded by the
// content bootstrap (content/index.ts) only when the page first calls WebAuthn:
// the bootstrap connects the private port at document_start and hands it over
// with what arrived meanwhile. It receives
// the page script's requests over their private port, adds what only this
// world can be trusted to see (whether every ancestor frame shares our
// origin), and carries the ceremony to the background and the consent page.
// The background takes the caller's origin from the browser, not from here.
import { sendRequest } from '../shared/messaging';
import type { CeremonyOutcome } from '../shared/protocol-passkeys';
import { showPrompt } from './bridge/prompt-host';
import type { BridgeReply, PageRequest } from './bridge/wire';

/** One ceremony at a time per frame, as browsers do. */
let current: { id: number; token: string | null; aborted: boolean; conditional: boolean } | null = null;

/** Ends the current ceremony's claim on this frame and asks the background to abort it. */
async function abortCurrent(): Promise<void> {
  const state = current;
  if (!state) return;
  state.aborted = true;
  current = null; // the page may start its next request at once
  if (state.token) await sendRequest('passkeys.abort', { token: state.token }).catch(() => undefined);
}

function ancestorsSameOrigin(): boolean {
  try {
    for (let w: Window = window; w !== w.parent; ) {
      w = w.parent;
      if (w.location.origin !== location.origin) return false;
    }
    return true;
  } catch {
    return false; // reading a cross-origin ancestor's location throws
  }
}

const refused = (message: string): CeremonyOutcome => ({ kind: 'error', name: 'NotAllowedError', message });

async function run(op: 'create' | 'get', options: unknown, conditional: boolean, state: NonNullable<typeof current>): Promise<CeremonyOutcome> {
  const begun = await sendRequest('passkeys.begin', {
    operation: op,
    options,
    ancestorsSameOrigin: ancestorsSameOrigin(),
    ...(conditional && op === 'get' ? { conditional: true } : {}),
  });
  if (begun.kind !== 'consent') return begun;
  state.token = begun.token;
  if (state.aborted) await sendRequest('passkeys.abort', { token: begun.token });
  // A conditional get shows no consent: its passkeys wait in the inline menu of a `webauthn` field.
  const close = conditional ? () => undefined : showPrompt(begun.token);
  try {
    for (let failures = 0; ; ) {
      // A background stopped mid-wait drops the answer; the ceremony itself is kept, so ask again.
      const answer = await sendRequest('passkeys.finish', { token: begun.token }).catch((error: unknown) => {
        if (++failures > 3) throw error;
        return { kind: 'pending' } as const;
      });
      if (answer.kind !== 'pending') return answer;
    }
  } finally {
    close();
  }
}

async function handle(port: MessagePort, request: PageRequest): Promise<void> {
  const reply = (message: BridgeReply) => port.postMessage(JSON.stringify(message));
  if (request.op === 'available') {
    const status = await sendRequest('passkeys.status', {}).catch(() => ({ enabled: false }));
    return reply({ id: request.id, available: status.enabled });
  }
  if (request.op === 'abort') {
    if (current?.id === request.id) await abortCurrent();
    return;
  }
  const conditional = request.conditional === true;
  // A modal request supersedes a pending conditional one, as in browsers.
  if (current?.conditional && !conditional) void abortCurrent();
  if (current) return reply({ id: request.id, outcome: refused('A passkey request is already in progress.') });
  const state = (current = { id: request.id, token: null, aborted: false, conditional });
  try {
    reply({ id: request.id, outcome: await run(request.op, request.options, conditional, state) });
  } catch {
    reply({ id: request.id, outcome: refused('Latchkey could not complete the passkey request.') });
  } finally {
    if (current === state) current = null;
  }
}

function receive(port: MessagePort, data: unknown): void {
  if (typeof data !== 'string') return;
  let request: PageRequest;
  try {
    request = JSON.parse(data) as PageRequest;
  } catch {
    return;
  }
  if (typeof request?.id !== 'number' || !['create', 'get', 'abort', 'available'].includes(request.op)) return;
  void handle(port, request);
}

/** Takes over the page script's port, first answering what arrived while this module loaded. */
export function startBridge(port: MessagePort, arrived: unknown[]): void {
  port.onmessage = (event: MessageEvent) => receive(port, event.data);
  for (const data of arrived) receive(port, data);
}
