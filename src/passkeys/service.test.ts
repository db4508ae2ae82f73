// The background's authenticator service: who may begin, decide and collect a
// ceremony, and that each ceremony is decided exactly once.
import { describe, expect, it } from 'vitest';
import { memoryArea } from '../background/memory-area';
import { openMenuSession } from '../background/menu-sessions';
import { conditionalMenuPasskeys, PasskeyService, VERIFICATION_WINDOW_MS } from '../background/passkeys/service';
import { notePresence } from '../background/presence';
import { VaultService } from '../background/vault-service';
import type { AuthenticationResponseJSON, BeginAnswer, RegistrationResponseJSON } from '../shared/protocol-passkeys';
import { fromBase64Url, toBase64Url } from '../vault/bytes';
import { FLAG_UV, parseAuthenticatorData } from './authenticator';

const CHEAP_KDF = { algorithm: 'argon2id', memoryKiB: 16384, iterations: 2, parallelism: 1 } as const;
const MASTER = 'correct horse battery staple';
const ORIGIN = 'https://passkeys.contoso.example';

const top = { kind: 'content', url: `${ORIGIN}/`, origin: ORIGIN, tabId: 7, frameId: 0 } as const;
const view = { kind: 'inline-ui', url: 'chrome-extension://x/ui/passkey.html', tabId: 7, frameId: 3 } as const;

function createOptions(extra: Record<string, unknown> = {}) {
  return {
    rp: { name: 'Contoso' },
    user: { id: toBase64Url(Uint8Array.of(1, 2, 3)), name: 'adele@contoso.example', displayName: 'Adele' },
    challenge: toBase64Url(Uint8Array.of(9, 9, 9, 9)),
    pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
    ...extra,
  };
}

async function setup(topUrl = `${ORIGIN}/`) {
  let clock = Date.now();
  const now = () => clock;
  const local = memoryArea();
  const session = memoryArea();
  const vault = new VaultService({ local, session, now, kdf: CHEAP_KDF });
  await vault.create(MASTER);
  // What the background's create and unlock handlers note: the person typed the master password now.
  await notePresence(session, clock);
  const tabs = {
    topUrl: async () => topUrl,
    sendToFrame: async () => undefined,
    sendToTab: async () => undefined,
    activeTabId: async () => 7,
  };
  const service = new PasskeyService({ vault, local, session, tabs, now });
  return { service, vault, local, session, now, advance: (ms: number) => (clock += ms) };
}

function tokenOf(answer: BeginAnswer): string {
  if (answer.kind !== 'consent') throw new Error(`expected consent, got ${JSON.stringify(answer)}`);
  return answer.token;
}

async function register(service: PasskeyService, options = createOptions()) {
  const token = tokenOf(await service.begin('create', options, true, top));
  await service.decide(token, 'save', undefined, view);
  const outcome = await service.finish(token, top);
  if (outcome.kind !== 'credential') throw new Error(`expected a credential, got ${JSON.stringify(outcome)}`);
  return outcome.credential as RegistrationResponseJSON;
}

describe('PasskeyService', () => {
  it('refuses a frame whose origin differs from the top frame’s, and one with a cross-origin ancestor', async () => {
    const { service } = await setup('https://portal.fabrikam.example/');
    const child = { ...top, frameId: 4 };
    expect(await service.begin('create', createOptions(), true, child)).toMatchObject({ kind: 'error', name: 'NotAllowedError' });
    const sameTop = (await setup()).service;
    expect(await sameTop.begin('create', createOptions(), false, child)).toMatchObject({ kind: 'error', name: 'NotAllowedError' });
    expect((await sameTop.begin('create', createOptions(), true, child)).kind).toBe('consent');
  });

  it('steps aside when turned off, and when it has no passkey for the site', async () => {
    const { service, local } = await setup();
    expect(await service.begin('get', { challenge: 'AAAA' }, true, top)).toEqual({ kind: 'fallback' });
    await local.set({ 'passkeys.settings': { enabled: false } });
    expect(await service.begin('create', createOptions(), true, top)).toEqual({ kind: 'fallback' });
  });

  it('reports malformed options as TypeError and unsupported algorithms as NotSupportedError', async () => {
    const { service } = await setup();
    expect(await service.begin('create', { rp: {} }, true, top)).toMatchObject({ kind: 'error', name: 'TypeError' });
    expect(await service.begin('create', createOptions({ pubKeyCredParams: [{ type: 'public-key', alg: -35 }] }), true, top)).toMatchObject({
      kind: 'error',
      name: 'NotSupportedError',
    });
  });

  it('decides a ceremony once: a replayed or concurrent decision creates nothing more', async () => {
    const { service, vault } = await setup();
    const token = tokenOf(await service.begin('create', createOptions(), true, top));
    const results = await Promise.allSettled([
      service.decide(token, 'save', undefined, view),
      service.decide(token, 'save', undefined, view),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    await expect(service.decide(token, 'save', undefined, view)).rejects.toThrow(/already answered/);
    expect((await vault.read()).items.filter((i) => i.type === 'passkey')).toHaveLength(1);
  });

  it('binds a ceremony to its tab for the consent page and to its frame for the bridge', async () => {
    const { service } = await setup();
    const token = tokenOf(await service.begin('create', createOptions(), true, top));
    await expect(service.prompt(token, { ...view, tabId: 8 })).rejects.toThrow(/no longer open/);
    await expect(service.decide(token, 'save', undefined, { ...view, tabId: 8 })).rejects.toThrow(/no longer open/);
    await expect(service.finish(token, { ...top, frameId: 2 })).rejects.toThrow(/another frame/);
    await expect(service.abort(token, { ...top, origin: 'https://evil.example' })).rejects.toThrow(/another frame/);
  });

  it('signs in with the user handle and a growing counter, and reports UV only while the password is fresh', async () => {
    const { service, advance } = await setup();
    const created = await register(service);
    const signIn = async () => {
      const token = tokenOf(await service.begin('get', { challenge: 'AQID' }, true, top));
      const prompt = await service.prompt(token, view);
      expect(prompt.passkeys.map((p) => p.userName)).toEqual(['adele@contoso.example']);
      await service.decide(token, 'use', prompt.passkeys[0]!.id, view);
      const outcome = await service.finish(token, top);
      if (outcome.kind !== 'credential') throw new Error(JSON.stringify(outcome));
      return outcome.credential as AuthenticationResponseJSON;
    };
    const first = await signIn();
    expect(first.id).toBe(created.id);
    expect(first.response.userHandle).toBe(toBase64Url(Uint8Array.of(1, 2, 3)));
    const data = parseAuthenticatorData(fromBase64Url(first.response.authenticatorData));
    expect(data.signCount).toBe(1);
    expect(data.flags & FLAG_UV).toBe(FLAG_UV);

    advance(VERIFICATION_WINDOW_MS + 1);
    const second = parseAuthenticatorData(fromBase64Url((await signIn()).response.authenticatorData));
    expect(second.signCount).toBe(2);
    expect(second.userVerified).toBe(false);
  });

  it('asks for the master password again when the site requires verification and it is not fresh', async () => {
    const { service, session, now, advance } = await setup();
    advance(VERIFICATION_WINDOW_MS + 1);
    const token = tokenOf(await service.begin('create', createOptions({ authenticatorSelection: { userVerification: 'required' } }), true, top));
    expect((await service.prompt(token, view)).needsPassword).toBe(true);
    await expect(service.decide(token, 'save', undefined, view)).rejects.toThrow(/master password/);
    await notePresence(session, now()); // confirmed in Latchkey's window (vault.verify)
    expect((await service.prompt(token, view)).needsPassword).toBe(false);
    await service.decide(token, 'save', undefined, view);
    expect((await service.finish(token, top)).kind).toBe('credential');
  });

  it('turns Cancel into the browser’s own WebAuthn, but into InvalidStateError for an excluded credential', async () => {
    const { service } = await setup();
    const created = await register(service);
    let token = tokenOf(await service.begin('create', createOptions(), true, top));
    await service.decide(token, 'cancel', undefined, view);
    expect(await service.finish(token, top)).toEqual({ kind: 'fallback' });

    token = tokenOf(await service.begin('create', createOptions({ excludeCredentials: [{ type: 'public-key', id: created.id }] }), true, top));
    expect((await service.prompt(token, view)).excluded).toBe(true);
    await service.decide(token, 'cancel', undefined, view);
    expect(await service.finish(token, top)).toMatchObject({ kind: 'error', name: 'InvalidStateError' });
  });

  it('times a ceremony out', async () => {
    const { service, advance } = await setup();
    const token = tokenOf(await service.begin('create', createOptions(), true, top));
    advance(5 * 60_000 + 1);
    expect(await service.finish(token, top)).toMatchObject({ kind: 'error', name: 'NotAllowedError' });
  });

  it('answers a conditional get from the inline menu of a webauthn field in the same frame, once', async () => {
    const { service, vault, session, now } = await setup();
    await register(service);
    const token = tokenOf(await service.begin('get', { challenge: 'AAAA' }, true, top, true));
    // No consent page for a conditional request.
    await expect(service.prompt(token, view)).rejects.toThrow();
    const frame = { tabId: 7, frameId: 0, origin: ORIGIN, url: `${ORIGIN}/` };
    const plain = await openMenuSession(session, { ...frame, fieldKind: 'username' }, now());
    const other = await openMenuSession(session, { ...frame, frameId: 2, fieldKind: 'username', webauthn: true }, now());
    const menu = await openMenuSession(session, { ...frame, fieldKind: 'username', webauthn: true }, now());
    expect(await conditionalMenuPasskeys({ vault, session, now }, { ...frame, fieldKind: 'username' })).toBeNull();
    const offer = await conditionalMenuPasskeys({ vault, session, now }, { ...frame, fieldKind: 'username', webauthn: true });
    expect(offer).toMatchObject({ needsPassword: false, passkeys: [{ userName: 'adele@contoso.example' }] });
    const passkeyId = offer!.passkeys[0]!.id;
    const menuView = { ...view, url: 'chrome-extension://x/ui/menu.html' };
    await expect(service.useFromMenu(plain, passkeyId, menuView)).rejects.toThrow(/not asking/);
    await expect(service.useFromMenu(other, passkeyId, menuView)).rejects.toThrow(/not asking/);
    await expect(service.useFromMenu(menu, 'nope', menuView)).rejects.toThrow(/not offered/);
    await expect(service.useFromMenu(menu, passkeyId, { ...menuView, tabId: 8 })).rejects.toThrow();
    await service.useFromMenu(menu, passkeyId, menuView);
    await expect(service.useFromMenu(menu, passkeyId, menuView)).rejects.toThrow();
    const outcome = await service.finish(token, top);
    expect(outcome.kind).toBe('credential');
    expect((outcome as { credential: AuthenticationResponseJSON }).credential.response.userHandle).toBe(toBase64Url(Uint8Array.of(1, 2, 3)));
  });

  it('ends a conditional get when the page aborts it: the menu no longer offers it', async () => {
    const { service, vault, session, now } = await setup();
    await register(service);
    const token = tokenOf(await service.begin('get', { challenge: 'AAAA' }, true, top, true));
    const menu = { tabId: 7, frameId: 0, origin: ORIGIN, fieldKind: 'username' as const, webauthn: true };
    expect(await conditionalMenuPasskeys({ vault, session, now }, menu)).not.toBeNull();
    await service.abort(token, top);
    expect(await conditionalMenuPasskeys({ vault, session, now }, menu)).toBeNull();
    expect(await service.finish(token, top)).toMatchObject({ kind: 'error', name: 'AbortError' });
  });
});
