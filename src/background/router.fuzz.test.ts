// Fuzzes the background's one entry point: the real router over the real
// handlers, vault (memory storage, cheap KDF), capture and autofill services,
// with only the browser's tabs faked. Every message comes with a sender as the
// browser would report it: a content script (web origin or not, in a tab or
// not), our in-page pages, the popup, another extension, a page with no URL.
//
// For every message: the router answers (never throws, never hangs), the answer
// is a well-formed refusal or `ok: true` only where the protocol lets that sender
// kind ask that type; no answer to a sender other than the popup, and no command
// sent to a page, contains a seeded secret (a password, the TOTP secret, the
// master password, the vault key) as text, base64, base64url or hex. Popup
// senders may read secrets (items.get), so they are not checked for that, and
// they ask only read-only types: a popup may legitimately save, delete, lock or
// change settings (turning on fill-on-load would then hand a password to a page
// legitimately), so with writes allowed the end state could not be checked. At
// the end the vault must be as it was: unlocked, same items and folders, and its
// stored records never rewritten.
//
// Limit: tokens are random (well-formed) and never fed back from answers, so
// token-guarded steps (menu.fill, prompt.answer, passkeys.decide, takeFill) are
// fuzzed for refusal, not for what they do once a token is real.
//
// Replay: FUZZ_SEED=<seed printed in the output> npx vitest run src/background/router.fuzz.test.ts
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { protocol, type ErrorCode, type RequestType } from '../shared/protocol';
import { toBase64, toBase64Url, utf8Encode } from '../vault/bytes';
import { newItem } from '../vault/model';
import { CaptureService } from './autofill/capture';
import { AutofillService, type TabsPort } from './autofill/fill-service';
import { createHandlers } from './handlers';
import { lockEverything } from './lock';
import { forgetMenuSessions } from './menu-sessions';
import { memoryArea } from './memory-area';
import { createRouter } from './router';
import { classifySender, type RawSender } from './sender';
import { VaultService } from './vault-service';

vi.mock('webextension-polyfill', () => ({
  default: {
    alarms: { create: vi.fn(async () => undefined), clear: vi.fn(async () => true) },
    runtime: { getManifest: () => ({ version: '0.1.0' }), getURL: (path: string) => `chrome-extension://latchkey-id/${path}`, sendMessage: vi.fn(async () => undefined) },
    // The inline menu's "Unlock" opens Latchkey's own window.
    windows: { create: vi.fn(async () => ({ id: 1 })), update: vi.fn(async () => ({ id: 1 })) },
    tabs: { create: vi.fn(async () => ({ id: 2 })), query: vi.fn(async () => [{ id: 2 }]), update: vi.fn(async () => ({ id: 2 })) },
  },
}));

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 0x5eed;
const RUNS = 100_000;
const TIMEOUT_MS = 5000;
const CHEAP_KDF = { algorithm: 'argon2id', memoryKiB: 16384, iterations: 2, parallelism: 1 } as const;
const MASTER = 'fuzz master password 9!';
const self = { id: 'latchkey-id', baseUrl: 'chrome-extension://latchkey-id/' };

const PASSWORDS = ['Pa55-login-example', 'C0ntoso-Secret-2024', 'ev1l-site-pass'];
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DP';
const ERROR_CODES: readonly ErrorCode[] = [
  'bad-request', 'unknown-type', 'forbidden-sender', 'wrong-password', 'too-many-attempts', 'locked', 'no-vault',
  'vault-exists', 'weak-password', 'not-found', 'storage', 'integrity', 'internal',
];
const TYPES = Object.keys(protocol) as RequestType[];
/** What a popup sender asks in this fuzz: reading only (see the top of the file). */
const POPUP_READS: readonly RequestType[] = [
  'vault.status', 'vault.kdf', 'items.list', 'items.get', 'vault.health', 'settings.get', 'diagnostics.info', 'generator.history', 'passkeys.settings',
];

// ---------------------------------------------------------------------------
// The background, for real

const local = memoryArea();
const session = memoryArea();
const vault = new VaultService({ local, session, kdf: CHEAP_KDF });
const sentToPages: unknown[] = [];
const tabs: TabsPort = {
  topUrl: async (tabId) => (tabId === 7 ? 'https://login.example.com/signin' : tabId === 8 ? 'https://accounts.contoso.com/' : null),
  sendToFrame: async (tabId, frameId, command, documentId) => {
    sentToPages.push({ tabId, frameId, command, documentId });
    return { filled: [] };
  },
  sendToTab: async (tabId, command) => {
    sentToPages.push({ tabId, command });
    return { filled: [] };
  },
  activeTabId: async () => 7,
};
const capture = new CaptureService(vault, session, local);
const autofill = new AutofillService({ vault, session, tabs });
const internalErrors: string[] = [];
// As index.ts builds it (a popup sender never asks vault.lock here, see the top of the file).
const lock = () => lockEverything({ vault, session, forgetInMemory: () => (autofill.forget(), forgetMenuSessions()) });
const route = createRouter(createHandlers({ vault, local, session, tabs, capture, autofill, startedAt: Date.now(), lock }), {
  self,
  onInternalError: (type, error) => internalErrors.push(`${type}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`),
});

let itemIds: string[] = [];
let secrets: string[] = [];
let before: { items: unknown; folders: unknown; records: string };

const vaultRecords = () => JSON.stringify([...local.data.entries()].filter(([key]) => key.startsWith('vault.')));

function encodings(secret: string): string[] {
  const bytes = utf8Encode(secret);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  // Base64 of the secret alone; a secret inside a longer base64 text starts at a 3-byte boundary only by luck,
  // so its three alignments are checked too (the middle of each, which does not depend on its neighbours).
  const shifted = [0, 1, 2].map((pad) => toBase64(utf8Encode('\u0000'.repeat(pad) + secret)).slice(4, -4));
  return [secret, toBase64(bytes), toBase64Url(bytes), hex, hex.toUpperCase(), ...shifted.filter((s) => s.length >= 12)];
}

// ---------------------------------------------------------------------------
// Senders, as the browser reports them

const webUrl = fc.constantFrom('https://login.example.com/signin', 'https://accounts.contoso.com/', 'https://evil.example.net/phish', 'http://intranet.local/', 'https://login.example.com.evil.net/');
const originFor = (url: string) => new URL(url).origin;

const sender: fc.Arbitrary<{ label: string; raw: RawSender }> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record({
        url: webUrl,
        origin: fc.constantFrom('match', 'match', 'match', 'absent', 'null', 'other'),
        tab: fc.constantFrom(7, 7, 8, -1, undefined),
        frameId: fc.constantFrom(0, 0, 3, -1, undefined),
        documentId: fc.option(fc.constantFrom('doc-1', ''), { nil: undefined }),
      })
      .map(({ url, origin, tab, frameId, documentId }) => {
        const raw: RawSender = { id: self.id, url };
        if (origin === 'match') raw.origin = originFor(url);
        else if (origin === 'null') raw.origin = 'null';
        else if (origin === 'other') raw.origin = 'https://other.example.org';
        if (tab !== undefined) raw.tab = { id: tab, url };
        if (frameId !== undefined) raw.frameId = frameId;
        if (documentId !== undefined) raw.documentId = documentId;
        return { label: 'content', raw };
      }),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({ page: fc.constantFrom('ui/menu.html#t', 'ui/prompt.html', 'ui/passkey.html?x=1'), tab: fc.constantFrom(7, 8, undefined), frameId: fc.constantFrom(3, 0, undefined) })
      .map(({ page, tab, frameId }) => {
        const raw: RawSender = { id: self.id, url: self.baseUrl + page };
        if (tab !== undefined) raw.tab = { id: tab };
        if (frameId !== undefined) raw.frameId = frameId;
        return { label: 'inline-ui', raw };
      }),
  },
  { weight: 2, arbitrary: fc.constant({ label: 'popup', raw: { id: self.id, url: `${self.baseUrl}popup/popup.html` } }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      { label: 'other extension', raw: { id: 'other-extension', url: 'chrome-extension://other-extension/popup/popup.html' } },
      { label: 'other extension', raw: { id: 'other-extension', url: 'https://login.example.com/', origin: 'https://login.example.com', tab: { id: 7 }, frameId: 0 } },
      { label: 'no url', raw: { id: self.id } },
      { label: 'no url', raw: { id: self.id, tab: { id: 7 }, frameId: 0 } },
      { label: 'own page', raw: { id: self.id, url: `${self.baseUrl}options/options.html` } },
      // Ours at Chrome's per-session dynamic URL: the browser's sender id says so, so this is the popup too.
      { label: 'popup at a dynamic URL', raw: { id: self.id, url: 'chrome-extension://another-dynamic-id/popup/popup.html' } },
      { label: 'opaque', raw: { id: self.id, url: 'about:blank', origin: 'null', tab: { id: 7 }, frameId: 2 } },
      { label: 'opaque', raw: { id: self.id, url: 'data:text/html,x', tab: { id: 7 }, frameId: 2 } },
    ),
  },
);

// ---------------------------------------------------------------------------
// Messages

const token = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), minLength: 16, maxLength: 64 });
const anyId = fc.oneof(fc.constantFrom('ITEM_0', 'ITEM_1', 'ITEM_2', 'ITEM_3'), fc.string({ minLength: 1, maxLength: 100 }));

/**
 * A valid payload for each type (ids named ITEM_n stand for the vault's real item ids). A type
 * added to the protocol later and not listed here still gets fuzzed, with `{}` as its base.
 */
const validPayload: Partial<Record<RequestType, fc.Arbitrary<Record<string, unknown>>>> = {
  'vault.verify': fc.record({ password: fc.string({ minLength: 1, maxLength: 30 }) }),
  'vault.openUnlockWindow': fc.record({ purpose: fc.constantFrom('unlock', 'verify') }),
  'vault.status': fc.constant({}),
  'vault.create': fc.record({ password: fc.string({ minLength: 1, maxLength: 30 }) }),
  'vault.unlock': fc.record({ password: fc.string({ minLength: 1, maxLength: 30 }) }),
  'vault.lock': fc.constant({}),
  'vault.changePassword': fc.record({ current: fc.string({ minLength: 1 }), next: fc.string({ minLength: 1 }) }),
  'vault.kdf': fc.constant({}),
  'vault.setKdf': fc.record({ current: fc.string({ minLength: 1 }), preset: fc.constantFrom('standard', 'strong', 'strongest') }),
  'items.list': fc.record({ first: fc.integer({ min: 1, max: 1000 }) }, { requiredKeys: [] }),
  'folders.create': fc.record({ name: fc.string({ minLength: 1, maxLength: 200 }) }),
  'items.get': fc.record({ id: anyId }),
  'items.save': fc.record({ item: fc.record({ type: fc.constantFrom('login', 'note'), name: fc.string(), password: fc.string() }, { requiredKeys: [] }) }),
  'vault.health': fc.constant({}),
  'items.fill': fc.record({ id: anyId }),
  'clipboard.copied': fc.record({ text: fc.string({ minLength: 1 }) }),
  'items.delete': fc.record({ ids: fc.array(anyId, { maxLength: 4 }) }),
  'settings.get': fc.constant({}),
  'settings.set': fc.record({ autoLockMinutes: fc.integer({ min: 0, max: 1440 }), fillOnPageLoad: fc.boolean(), theme: fc.constantFrom('system', 'light', 'dark') }, { requiredKeys: [] }),
  'diagnostics.info': fc.constant({}),
  'autofill.openMenu': fc.record(
    {
      fieldKind: fc.constantFrom('username', 'password', 'new-password', 'one-time-code'),
      webauthn: fc.boolean(),
      fieldRules: fc.record({ minLength: fc.integer({ min: -1, max: 100_000 }), maxLength: fc.integer({ min: -1, max: 100_000 }), pattern: fc.string({ maxLength: 50 }), passwordrules: fc.string({ maxLength: 50 }) }, { requiredKeys: [] }),
    },
    { requiredKeys: ['fieldKind'] },
  ),
  'autofill.continue': fc.record({ fieldKind: fc.constantFrom('password', 'one-time-code') }),
  'autofill.fillHere': fc.record({ fieldKind: fc.constantFrom('username', 'password', 'new-password', 'one-time-code') }),
  'autofill.onLoad': fc.constant({}),
  'autofill.stepSubmitted': fc.record({ username: fc.string({ maxLength: 512 }) }),
  'autofill.takeFill': fc.record({ token }),
  'menu.state': fc.record({ token }),
  'menu.fill': fc.record({ token, itemId: anyId, allowOrigin: fc.constantFrom('https://login.example.com', 'https://evil.example.net') }, { requiredKeys: ['token', 'itemId'] }),
  'menu.close': fc.record({ token }),
  'menu.resize': fc.record({ token, height: fc.integer({ min: 0, max: 10_000 }) }),
  'menu.generate': fc.record({ token }),
  'generator.history': fc.constant({}),
  'generator.remember': fc.record({ password: fc.string({ minLength: 1 }), site: fc.string() }),
  'capture.submitted': fc.record(
    { kind: fc.constantFrom('login', 'change', 'reset'), account: fc.constantFrom('self', 'other-user'), username: fc.constantFrom('adele@example.com', '', 'someone'), password: fc.constantFrom(...PASSWORDS, 'new-pass-1'), newPassword: fc.string() },
    { requiredKeys: ['kind', 'username', 'password', 'newPassword'] },
  ),
  'capture.pending': fc.constant({}),
  'prompt.state': fc.record({ token }),
  'prompt.answer': fc.record({ token, answer: fc.constantFrom('save', 'update', 'not-now', 'never') }),
  'passkeys.begin': fc.record(
    {
      operation: fc.constantFrom('create', 'get'),
      options: fc.oneof(
        fc.record({ challenge: fc.constantFrom('AAAAAAAAAAAAAAAA', ''), rpId: fc.constantFrom('login.example.com', 'example.com', 'evil.net'), allowCredentials: fc.constant([]), userVerification: fc.constantFrom('required', 'preferred') }, { requiredKeys: [] }),
        fc.record({ challenge: fc.constant('AAAAAAAAAAAAAAAA'), rp: fc.record({ id: fc.constantFrom('login.example.com', 'evil.net'), name: fc.string() }), user: fc.record({ id: fc.constant('AAAA'), name: fc.string(), displayName: fc.string() }), pubKeyCredParams: fc.constant([{ type: 'public-key', alg: -7 }]) }, { requiredKeys: [] }),
        fc.anything({ maxDepth: 2 }),
      ),
      ancestorsSameOrigin: fc.boolean(),
      conditional: fc.boolean(),
    },
    { requiredKeys: ['operation', 'options', 'ancestorsSameOrigin'] },
  ),
  'passkeys.finish': fc.record({ token }),
  'passkeys.abort': fc.record({ token }),
  'passkeys.status': fc.constant({}),
  'passkeys.prompt': fc.record({ token }),
  'passkeys.decide': fc.record({ token, choice: fc.constantFrom('save', 'use', 'cancel'), itemId: anyId }, { requiredKeys: ['token', 'choice'] }),
  'menu.usePasskey': fc.record({ token, passkeyId: anyId }),
  'passkeys.settings': fc.constant({}),
  'passkeys.setSettings': fc.record({ enabled: fc.boolean() }),
  'data.export': fc.record({ format: fc.constantFrom('latchkey', 'bitwarden-json', 'kdbx', 'csv'), password: fc.string({ minLength: 1 }), currentMasterPassword: fc.string({ minLength: 1 }) }, { requiredKeys: ['format', 'currentMasterPassword'] }),
  'data.import': fc.record({ format: fc.constantFrom('auto', 'csv'), filename: fc.string({ maxLength: 20 }), base64: fc.constantFrom('', 'bmFtZSx1cmwsdXNlcm5hbWUscGFzc3dvcmQK', '!!'), password: fc.string({ minLength: 1 }) }, { requiredKeys: ['format', 'filename', 'base64'] }),
};

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

/** Values of the wrong kind, or of the right kind out of range. */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, true, 0, -1, -0, 1.5, NaN, Infinity, -Infinity, 2 ** 53, -(2 ** 31), 1e308, '', ' ', '\u0000', [], {}, [[]], 10_001, 100_001, 4097),
  fc.string({ maxLength: 20 }),
  fc.integer({ min: 70_000, max: 200_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 1000, max: 20_000 }).map((n) => deepValue(n)),
  fc.constant(Object.create(null) as object),
  fc.constant(() => 1),
  fc.constant(Symbol('s')),
  fc.constant(10n),
  fc.anything({ maxDepth: 2 }),
);

function deepValue(depth: number): unknown {
  let value: unknown = {};
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

type Change =
  | { kind: 'set'; key: number; value: unknown }
  | { kind: 'drop'; key: number }
  | { kind: 'extra'; name: string; value: unknown }
  | { kind: 'outer'; name: string; value: unknown }
  | { kind: 'payload'; value: unknown }
  | { kind: 'type'; value: unknown };

const change: fc.Arbitrary<Change> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('set' as const), key: fc.nat(), value: oddValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('drop' as const), key: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('extra' as const), name: fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ maxLength: 10 })), value: oddValue }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('outer' as const), name: fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS, 'sender', 'id'), fc.string({ maxLength: 10 })), value: oddValue }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('payload' as const), value: oddValue }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('type' as const), value: fc.oneof(oddValue, fc.constantFrom(...PROTOTYPE_KEYS, 'VAULT.STATUS', 'vault.status ', 'vault', 'items.get\u0000')) }) },
);

function applyChanges(message: { type: unknown; payload: unknown }, changes: readonly Change[]): Record<string, unknown> {
  const out: Record<string, unknown> = { type: message.type, payload: { ...(message.payload as object) } };
  for (const c of changes) {
    const payload = out.payload;
    const keys = typeof payload === 'object' && payload !== null ? Object.keys(payload) : [];
    if (c.kind === 'set' && keys.length > 0) setOwn(payload as object, keys[c.key % keys.length]!, c.value);
    else if (c.kind === 'drop' && keys.length > 0) Reflect.deleteProperty(payload as object, keys[c.key % keys.length]!);
    else if (c.kind === 'extra' && typeof payload === 'object' && payload !== null) setOwn(payload, c.name, c.value);
    else if (c.kind === 'outer') setOwn(out, c.name, c.value);
    // A copy, so the changes after this one never alter a value fast-check generated (and later prints).
    else if (c.kind === 'payload') out.payload = Array.isArray(c.value) ? [...(c.value as unknown[])] : typeof c.value === 'object' && c.value !== null ? { ...c.value } : c.value;
    else if (c.kind === 'type') out.type = c.value;
  }
  return out;
}

const valid = fc.constantFrom(...TYPES).chain((type) => (validPayload[type] ?? fc.constant({})).map((payload) => ({ type: type as unknown, payload: payload as unknown })));

const message: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: fc.anything({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constantFrom(...TYPES), payload: fc.anything({ maxDepth: 3 }) }) },
  { weight: 4, arbitrary: valid },
  { weight: 8, arbitrary: fc.tuple(valid, fc.array(change, { minLength: 1, maxLength: 3 })).map(([m, changes]) => applyChanges(m, changes)) },
);

/** Real ids in place of ITEM_n, so that valid-looking messages name real items (in a copy of the top levels). */
function withRealIds(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return /^ITEM_\d$/.test(value) ? (itemIds[Number(value.slice(5))] ?? value) : value;
  if (depth > 3 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return Array.from(value as unknown[], (v) => withRealIds(v, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) setOwn(copy, key, withRealIds((value as Record<string, unknown>)[key], depth + 1));
  return copy;
}

// ---------------------------------------------------------------------------

const stats = { messages: 0, refused: 0, answered: 0, crashes: 0, internal: 0 };
const answeredBy = new Map<string, number>();

function describeFailure(label: string, type: unknown, problem: string): Error {
  return new Error(`${label} sender, type ${typeof type === 'string' ? JSON.stringify(type.slice(0, 40)) : typeof type}: ${problem}`);
}

function serialised(answer: unknown): string {
  try {
    return JSON.stringify(answer) ?? '';
  } catch {
    return String(answer);
  }
}

async function send(raw: unknown, from: { label: string; raw: RawSender }): Promise<void> {
  const msg = withRealIds(raw);
  const type = typeof msg === 'object' && msg !== null ? (msg as { type?: unknown }).type : undefined;
  // A popup sender only reads (see the top of the file); a write from it is sent by the inline menu instead.
  const kind = classifySender(from.raw, self);
  const isPopup = kind.ok && kind.sender.kind === 'popup';
  const popupWrite = isPopup && typeof type === 'string' && Object.hasOwn(protocol, type) && !POPUP_READS.includes(type as RequestType);
  const origin = popupWrite ? { label: 'inline-ui', raw: { id: self.id, url: `${self.baseUrl}ui/menu.html`, tab: { id: 7 }, frameId: 3 } } : from;
  const sentBefore = sentToPages.length;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let answer: unknown;
  try {
    answer = await Promise.race([
      route(msg, origin.raw),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      }),
    ]);
  } catch (error) {
    stats.crashes++;
    throw describeFailure(origin.label, type, `the router threw or hung: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    clearTimeout(timer);
  }
  stats.messages++;
  const shape = answer as { ok?: unknown; value?: unknown; error?: { code?: unknown; message?: unknown } };
  if (typeof answer !== 'object' || answer === null || typeof shape.ok !== 'boolean') {
    stats.crashes++;
    throw describeFailure(origin.label, type, `malformed answer ${serialised(answer).slice(0, 200)}`);
  }
  if (shape.ok) {
    // Answered beyond an error: only a known type, from a sender kind the protocol admits for it.
    const classified = classifySender(origin.raw, self);
    const allowed = typeof type === 'string' && Object.hasOwn(protocol, type) && classified.ok && (protocol[type as RequestType].from as readonly string[]).includes(classified.sender.kind);
    if (!allowed) throw describeFailure(origin.label, type, 'answered a request that sender may not make');
    stats.answered++;
    const key = `${type as string} from ${origin.label}`;
    answeredBy.set(key, (answeredBy.get(key) ?? 0) + 1);
  } else {
    const { code, message: text } = shape.error ?? {};
    if (!ERROR_CODES.includes(code as ErrorCode) || typeof text !== 'string' || text.trim() === '') {
      stats.crashes++;
      throw describeFailure(origin.label, type, `malformed refusal ${serialised(answer).slice(0, 200)}`);
    }
    if (code === 'internal') stats.internal++;
    stats.refused++;
  }
  const outgoing = [serialised(sentToPages.slice(sentBefore))];
  if (!(isPopup && !popupWrite)) outgoing.push(serialised(answer));
  for (const text of outgoing) {
    const leaked = secrets.find((secret) => text.includes(secret));
    if (leaked !== undefined) throw describeFailure(origin.label, type, `a seeded secret left the background (${leaked.slice(0, 4)}...)`);
  }
  if (sentToPages.length > 1000) sentToPages.length = 0;
}

describe(`router fuzz (seed ${SEED})`, () => {
  beforeAll(async () => {
    await vault.create(MASTER);
    await vault.update((data) => {
      data.folders.push({ id: '0b7a3c1e-5d2f-4e6a-8b9c-1d2e3f4a5b6c', name: 'Work' });
      data.items.push(
        newItem('login', { name: 'Example', username: 'adele@example.com', password: PASSWORDS[0]!, websites: [{ url: 'https://login.example.com' }], totp: `otpauth://totp/Example:adele?secret=${TOTP_SECRET}&issuer=Example` }),
        newItem('login', { name: 'Contoso', username: 'adele@contoso.com', password: PASSWORDS[1]!, websites: [{ url: 'https://accounts.contoso.com' }], folderId: '0b7a3c1e-5d2f-4e6a-8b9c-1d2e3f4a5b6c' }),
        newItem('login', { name: 'Evil', username: 'someone', password: PASSWORDS[2]!, websites: [{ url: 'https://evil.example.net' }] }),
        newItem('note', { name: 'Wi-Fi', notes: 'the note' }),
      );
    });
    const data = await vault.read();
    itemIds = data.items.map((item) => item.id);
    const vaultKey = session.data.get('session.vaultKey') as string;
    expect(typeof vaultKey).toBe('string');
    secrets = [...PASSWORDS, TOTP_SECRET, MASTER].flatMap(encodings).concat(vaultKey);
    before = { items: structuredClone(data.items), folders: structuredClone(data.folders), records: vaultRecords() };
    // The leak check sees what it must: the popup's own items.get carries the first login's password and TOTP secret.
    const own = serialised(await route({ type: 'items.get', payload: { id: itemIds[0] } }, { id: self.id, url: `${self.baseUrl}popup/popup.html` }));
    expect(secrets.filter((secret) => own.includes(secret)).length).toBeGreaterThanOrEqual(2);
  });

  afterAll(() => {
    console.log(
      `Router fuzz: ${stats.messages} messages, ${stats.refused} refused, ${stats.answered} answered, ${stats.crashes} crashes; ` +
        `${stats.internal} internal errors${internalErrors.length ? ` (${[...new Set(internalErrors)].slice(0, 5).join('; ')})` : ''}; seed ${SEED}`,
    );
    if (process.env.FUZZ_TRACE) console.log([...answeredBy].sort().map(([k, n]) => `${n}\t${k}`).join('\n'));
  });

  it('answers every message from every sender without crashing, refusing what it must, leaking no secret', async () => {
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(message, sender, (raw, from) => send(raw, from)),
      {
        seed: SEED,
        numRuns: RUNS,
        endOnFailure: true,
        // Our own report: fast-check's would print the failing message, which may be a megabyte or carry odd prototypes.
        reporter: (details) => {
          if (details.failed) throw new Error(`Router fuzz failed at run ${details.numRuns} (seed ${details.seed}, path ${details.counterexamplePath ?? '?'}): ${details.errorInstance instanceof Error ? `${details.errorInstance.message}\n${process.env.FUZZ_TRACE ? details.errorInstance.stack : ""}` : String(details.errorInstance)}`);
        },
      },
    );
    expect(stats.messages).toBe(RUNS);
    expect(stats.crashes).toBe(0);
    // Nothing a fuzzed message may do changes the vault: same state, same items, its records never rewritten.
    expect((await vault.status()).state).toBe('unlocked');
    const after = await vault.read();
    expect(after.items).toEqual(before.items);
    expect(after.folders).toEqual(before.folders);
    expect(vaultRecords()).toBe(before.records);
    // A fresh service over the same storage (a restarted worker) sees the same vault too.
    const restarted = new VaultService({ local, session, kdf: CHEAP_KDF });
    expect((await restarted.read()).items).toEqual(before.items);
    if (process.env.FUZZ_TRACE) console.log(`router fuzz took ${(performance.now() - started).toFixed(0)} ms`);
  }, 120_000);
});
