// MAIN-world page script, injected at document_start in every https frame
// (and http://localhost). It answers navigator.credentials.create/get for
// publicKey requests through Latchkey, and steps aside to the browser's own
// WebAuthn when Latchkey is off, has nothing for the site, or the person cancels.
//
// It talks only to the isolated-world bridge, over a MessagePort handed over
// before any page script runs (bridge/wire.ts). The bridge and the background
// never trust what this script says about the page's origin.
import type { CeremonyOutcome } from '../shared/protocol-passkeys';
import { creationOptionsToJSON, requestOptionsToJSON } from './bridge/page-codec';
import { credentialFromJSON } from './bridge/page-credential';
import { BRIDGE_HELLO, handshake, PAGE_HELLO, type BridgeReply, type PageRequest } from './bridge/wire';

type Pending = (reply: BridgeReply) => void;

const container = globalThis.CredentialsContainer?.prototype;
const nativeCreate = container?.create;
const nativeGet = container?.get;

let port: MessagePort | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function send(message: PageRequest): void {
  port?.postMessage(JSON.stringify(message));
}

function ask(message: PageRequest): Promise<BridgeReply> {
  return new Promise((resolve) => {
    pending.set(message.id, resolve);
    send(message);
  });
}

function connect(channel: MessagePort): void {
  port = channel;
  channel.onmessage = (event: MessageEvent) => {
    if (typeof event.data !== 'string') return;
    let reply: BridgeReply;
    try {
      reply = JSON.parse(event.data) as BridgeReply;
    } catch {
      return;
    }
    const resolve = pending.get(reply.id);
    pending.delete(reply.id);
    resolve?.(reply);
  };
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

function fail(outcome: Extract<CeremonyOutcome, { kind: 'error' }>): never {
  if (outcome.name === 'TypeError') throw new TypeError(outcome.message);
  throw new DOMException(outcome.message, outcome.name);
}

async function ceremony(
  op: 'create' | 'get',
  json: unknown,
  signal: AbortSignal | undefined,
  browserOwn: () => Promise<Credential | null>,
  conditional = false,
): Promise<Credential | null> {
  if (signal?.aborted) throw abortError(signal);
  const id = nextId++;
  const answer = ask({ id, op, options: json, ...(conditional ? { conditional: true } : {}) });
  const aborted = new Promise<never>((_, reject) => {
    signal?.addEventListener('abort', () => {
      pending.delete(id);
      send({ id, op: 'abort' });
      reject(abortError(signal));
    }, { once: true });
  });
  const reply = await Promise.race([answer, aborted]);
  if (!('outcome' in reply)) throw new DOMException('Latchkey could not answer.', 'NotAllowedError');
  const { outcome } = reply;
  if (outcome.kind === 'credential') return credentialFromJSON(outcome.credential);
  if (outcome.kind === 'fallback') return browserOwn();
  return fail(outcome);
}

function install(): void {
  if (!container || !nativeCreate || !nativeGet) return;
  const create = function (this: CredentialsContainer, options?: CredentialCreationOptions) {
    const own = () => nativeCreate.call(this, options);
    if (!port || !options?.publicKey) return own();
    let json: unknown;
    try {
      json = creationOptionsToJSON(options.publicKey);
    } catch (error) {
      return Promise.reject(error);
    }
    return ceremony('create', json, options.signal, own);
  };
  const get = function (this: CredentialsContainer, options?: CredentialRequestOptions) {
    const own = () => nativeGet.call(this, options);
    // Conditional mediation: Latchkey offers the passkeys in the inline menu of a `webauthn` field.
    if (!port || !options?.publicKey) return own();
    let json: unknown;
    try {
      json = requestOptionsToJSON(options.publicKey);
    } catch (error) {
      return Promise.reject(error);
    }
    return ceremony('get', json, options.signal, own, options.mediation === 'conditional');
  };
  Object.defineProperty(container, 'create', { value: create, writable: true, configurable: true, enumerable: true });
  Object.defineProperty(container, 'get', { value: get, writable: true, configurable: true, enumerable: true });

  // Latchkey verifies the user with the master password: a user-verifying platform authenticator.
  const pkc = globalThis.PublicKeyCredential;
  const nativeUvpa = pkc?.isUserVerifyingPlatformAuthenticatorAvailable;
  if (pkc && nativeUvpa) {
    const uvpa = async () => {
      const reply = port ? await ask({ id: nextId++, op: 'available' }) : null;
      if (reply && 'available' in reply && reply.available) return true;
      return nativeUvpa.call(pkc);
    };
    Object.defineProperty(pkc, 'isUserVerifyingPlatformAuthenticatorAvailable', { value: uvpa, writable: true, configurable: true });
  }
  // Latchkey offers passkeys in the inline menu of `webauthn` fields (conditional mediation).
  const nativeCma = (pkc as { isConditionalMediationAvailable?: () => Promise<boolean> } | undefined)?.isConditionalMediationAvailable;
  if (pkc) {
    const cma = async () => {
      const reply = port ? await ask({ id: nextId++, op: 'available' }) : null;
      if (reply && 'available' in reply && reply.available) return true;
      return nativeCma ? nativeCma.call(pkc) : false;
    };
    Object.defineProperty(pkc, 'isConditionalMediationAvailable', { value: cma, writable: true, configurable: true });
  }
}

install();
handshake(BRIDGE_HELLO, PAGE_HELLO, connect);
