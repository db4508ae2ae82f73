// Latchkey as a WebAuthn authenticator, against a relying party served at a
// real-looking https host. What the browser returns is checked on the node
// side by an independent implementation, @simplewebauthn/server.
import { randomBytes } from 'node:crypto';
import { verifyAuthenticationResponse, verifyRegistrationResponse, type WebAuthnCredential } from '@simplewebauthn/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, launch, type ExtensionSession, type TestPage } from './harness';
import { MASTER_PASSWORD, seedVault, listItems } from './flows';

const RP_ID = 'passkeys.contoso.example';
const RP = `https://${RP_ID}`;
const OTHER = 'https://passkeys.fabrikam.example';
const UK = 'https://passkeys.contoso.co.uk';

const b64u = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

interface RpResult {
  status: 'idle' | 'pending' | 'ok' | 'null' | 'error';
  name?: string;
  message?: string;
  credential?: {
    id: string;
    rawId: string;
    type: 'public-key';
    authenticatorAttachment: string;
    clientExtensionResults: Record<string, unknown>;
    checks: Record<string, unknown> & { toJSON: unknown };
    response: Record<string, unknown>;
  };
}

interface Registered {
  credential: WebAuthnCredential;
  userId: Uint8Array;
  userName: string;
}

function creationOptions(alg: number, userName: string, userId: Uint8Array, extra: Record<string, unknown> = {}) {
  return {
    rp: { name: 'Contoso' },
    user: { id: b64u(userId), name: userName, displayName: userName.split('@')[0] },
    challenge: b64u(randomBytes(32)),
    pubKeyCredParams: [{ type: 'public-key', alg }],
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
    attestation: 'none',
    timeout: 60_000,
    ...extra,
  };
}

describe.each(BROWSERS)('passkeys in %s', (browserName) => {
  let session: ExtensionSession;
  const registered = new Map<number, Registered>();

  beforeAll(async () => {
    session = await launch(browserName, { backgroundIdleMs: 2000 });
    await seedVault(session, []);
  });
  afterAll(async () => {
    await session?.close();
  });

  async function open(url = `${RP}/`): Promise<TestPage> {
    const page = await session.newPage();
    await page.goto(url);
    return page;
  }

  async function start(page: TestPage, kind: 'create' | 'get', options: unknown, mediation?: 'conditional'): Promise<void> {
    await page.evaluate(
      ([k, o, m]) => (window as unknown as { rp: { start(k: string, o: unknown, m?: string): void } }).rp.start(k, o, m ?? undefined),
      [kind, options, mediation ?? null] as const,
    );
  }

  async function settled(page: TestPage, timeoutMs = 15_000): Promise<RpResult> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const result = await page.evaluate(() => (window as unknown as { rp: { result(): RpResult } }).rp.result(), undefined);
      if (result.status !== 'pending') return result;
      if (Date.now() > deadline) throw new Error('The relying party got no answer');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const consent = (page: TestPage) => page.frame(session.extensionUrl('ui/passkey.html'), 15_000);

  async function passkeyCount(): Promise<number> {
    return (await listItems(session)).filter((item) => item.type === 'passkey').length;
  }

  /**
   * The person confirms with the master password in Latchkey's window (what its "Confirm"
   * sends); user verification is then asserted for a minute. The locked test below goes
   * through that window for real.
   */
  async function confirmPresence(): Promise<void> {
    const answer = (await session.sendFromExtensionPage({ type: 'vault.verify', payload: { password: MASTER_PASSWORD } })) as { ok: boolean };
    expect(answer.ok).toBe(true);
  }

  async function register(alg: number, userName = `user${-alg}@contoso.example`): Promise<Registered> {
    const userId = new Uint8Array(randomBytes(16));
    const options = creationOptions(alg, userName, userId);
    await confirmPresence();
    const page = await open();
    await start(page, 'create', options);
    await (await consent(page)).byRole('button', 'Save passkey').click();
    const result = await settled(page);
    await page.close();
    expect(result.status, result.message).toBe('ok');
    const { checks, ...fromFields } = result.credential!;
    // The object the page got: real prototypes, and toJSON agreeing with its own fields.
    expect(checks.isPublicKeyCredential).toBe(true);
    expect(checks.isAttestationResponse).toBe(true);
    expect(checks.toJSON).toEqual(fromFields);
    expect(fromFields.response.publicKeyAlgorithm).toBe(alg);
    const verification = await verifyRegistrationResponse({
      response: fromFields as never,
      expectedChallenge: options.challenge,
      expectedOrigin: RP,
      expectedRPID: RP_ID,
      requireUserVerification: true,
      supportedAlgorithmIDs: [-7, -8, -257],
    });
    expect(verification.verified).toBe(true);
    expect(verification.registrationInfo!.credentialBackedUp).toBe(true);
    expect(verification.registrationInfo!.credentialDeviceType).toBe('multiDevice');
    return { credential: verification.registrationInfo!.credential, userId, userName };
  }

  async function signIn(passkey: Registered, allow: boolean): Promise<number> {
    const challenge = b64u(randomBytes(32));
    const options = {
      challenge,
      rpId: RP_ID,
      userVerification: 'preferred',
      ...(allow ? { allowCredentials: [{ type: 'public-key', id: passkey.credential.id }] } : {}),
    };
    await confirmPresence();
    const page = await open();
    await start(page, 'get', options);
    await (await consent(page)).byRole('button', new RegExp(passkey.userName.replace(/[.@]/g, '\\$&'))).click();
    const result = await settled(page);
    await page.close();
    expect(result.status, result.message).toBe('ok');
    const { checks, ...fromFields } = result.credential!;
    expect(checks.isPublicKeyCredential).toBe(true);
    expect(checks.isAssertionResponse).toBe(true);
    expect(checks.toJSON).toEqual(fromFields);
    expect(fromFields.id).toBe(passkey.credential.id);
    expect(fromFields.response.userHandle).toBe(b64u(passkey.userId));
    const verification = await verifyAuthenticationResponse({
      response: fromFields as never,
      expectedChallenge: challenge,
      expectedOrigin: RP,
      expectedRPID: RP_ID,
      credential: passkey.credential,
      requireUserVerification: true,
    });
    expect(verification.verified).toBe(true);
    passkey.credential.counter = verification.authenticationInfo.newCounter;
    return verification.authenticationInfo.newCounter;
  }

  for (const [name, alg] of [
    ['ES256', -7],
    ['EdDSA', -8],
    ['RS256', -257],
  ] as const) {
    it(`registers and signs in with an ${name} passkey, verified by @simplewebauthn/server`, async () => {
      const passkey = await register(alg);
      registered.set(alg, passkey);
      expect(await signIn(passkey, false)).toBe(1);
      expect(await signIn(passkey, true)).toBe(2);
    });
  }

  it('keeps working after the background restarts', async () => {
    expect(registered.size).toBe(3);
    await session.restartBackground();
    for (const passkey of registered.values()) expect(await signIn(passkey, false)).toBe(3);
    const fresh = await register(-7);
    await session.restartBackground();
    expect(await signIn(fresh, true)).toBe(1);
    registered.set(0, fresh);
  });

  it('presents itself as a user-verifying platform authenticator', async () => {
    const page = await open();
    expect(await page.evaluate(() => PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable(), undefined)).toBe(true);
    await page.close();
  });

  it('answers isConditionalMediationAvailable() with true', async () => {
    const page = await open();
    expect(await page.evaluate(() => PublicKeyCredential.isConditionalMediationAvailable(), undefined)).toBe(true);
    await page.close();
  });

  it('offers passkeys in the inline menu of a webauthn field (conditional mediation), verified by @simplewebauthn/server', async () => {
    const passkey = await register(-7, 'adele@contoso.example');
    const challenge = b64u(randomBytes(32));
    await confirmPresence();
    const page = await open(`${RP}/?webauthn`);
    await start(page, 'get', { challenge, rpId: RP_ID, userVerification: 'preferred' }, 'conditional');
    // A conditional request waits quietly: no consent over the page.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await page.hasFrame(session.extensionUrl('ui/passkey.html'))).toBe(false);
    expect((await page.evaluate(() => (window as unknown as { rp: { result(): RpResult } }).rp.result(), undefined)).status).toBe('pending');
    await page.byDeepSelector('#username').click();
    const menu = await page.frame(session.extensionUrl('ui/menu.html'), 15_000);
    await menu.byRole('button', /Passkey.*adele@contoso\.example/).click();
    const result = await settled(page);
    expect(result.status, result.message).toBe('ok');
    const { checks, ...fromFields } = result.credential!;
    expect(checks.isAssertionResponse).toBe(true);
    expect(fromFields.id).toBe(passkey.credential.id);
    expect(fromFields.response.userHandle).toBe(b64u(passkey.userId));
    const verification = await verifyAuthenticationResponse({
      response: fromFields as never,
      expectedChallenge: challenge,
      expectedOrigin: RP,
      expectedRPID: RP_ID,
      credential: passkey.credential,
      requireUserVerification: true,
    });
    expect(verification.verified).toBe(true);
    expect(verification.authenticationInfo.newCounter).toBe(1);
    expect(await page.hasFrame(session.extensionUrl('ui/passkey.html'))).toBe(false);
    await page.close();
  });

  it('cancels a pending conditional request when the page aborts it', async () => {
    const page = await open(`${RP}/?webauthn`);
    await start(page, 'get', { challenge: b64u(randomBytes(32)), rpId: RP_ID }, 'conditional');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await page.evaluate(() => (window as unknown as { rp: { abort(): void } }).rp.abort(), undefined);
    expect(await settled(page)).toMatchObject({ status: 'error', name: 'AbortError' });
    // The ceremony is over in the background too: the menu offers no passkey.
    await page.byDeepSelector('#username').click();
    const menu = await page.frame(session.extensionUrl('ui/menu.html'), 15_000);
    await menu.waitForText('No logins saved');
    expect(await menu.byRole('button', /Passkey/).isVisible()).toBe(false);
    // A modal request may follow at once, as sites do.
    await start(page, 'get', { challenge: b64u(randomBytes(32)), rpId: RP_ID });
    await (await consent(page)).byRole('button', 'Cancel').waitFor();
    await page.evaluate(() => (window as unknown as { rp: { abort(): void } }).rp.abort(), undefined);
    expect(await settled(page)).toMatchObject({ status: 'error', name: 'AbortError' });
    await page.close();
  });

  it('refuses an RP ID of another site, without asking', async () => {
    const page = await open();
    // The messages are Latchkey's, so these are its refusals, not the browser's.
    await start(page, 'create', creationOptions(-7, 'x@contoso.example', new Uint8Array(8).fill(1), { rp: { name: 'Fabrikam', id: 'fabrikam.example' } }));
    expect(await settled(page)).toMatchObject({ status: 'error', name: 'SecurityError', message: expect.stringMatching(/not a registrable domain suffix/) });
    await start(page, 'get', { challenge: b64u(randomBytes(32)), rpId: 'passkeys.fabrikam.example' });
    expect(await settled(page)).toMatchObject({ status: 'error', name: 'SecurityError', message: expect.stringMatching(/not a registrable domain suffix/) });
    expect(await page.hasFrame(session.extensionUrl('ui/passkey.html'))).toBe(false);
    await page.close();
  });

  it('refuses an RP ID that is a public suffix, and accepts the registrable domain', async () => {
    const before = await passkeyCount();
    const page = await open(`${UK}/`);
    await start(page, 'create', creationOptions(-7, 'x@contoso.co.uk', new Uint8Array(8).fill(2), { rp: { name: 'UK', id: 'co.uk' } }));
    expect(await settled(page)).toMatchObject({ status: 'error', name: 'SecurityError', message: expect.stringMatching(/public suffix/) });
    await start(page, 'create', creationOptions(-7, 'x@contoso.co.uk', new Uint8Array(8).fill(2), { rp: { name: 'UK', id: 'contoso.co.uk' } }));
    await (await consent(page)).byRole('button', 'Save passkey').click();
    const result = await settled(page);
    expect(result.status, result.message).toBe('ok');
    expect(await passkeyCount()).toBe(before + 1);
    await page.close();
  });

  it('refuses a cross-origin iframe', async () => {
    const before = await passkeyCount();
    const page = await open(`${RP}/?frame=${encodeURIComponent(OTHER)}`);
    const inner = await page.frame(`${OTHER}/`);
    const refusal = { status: 'error', name: 'NotAllowedError', message: expect.stringMatching(/frame whose origin differs/) };
    await start(inner, 'create', creationOptions(-7, 'frame@fabrikam.example', new Uint8Array(8).fill(3)));
    expect(await settled(inner)).toMatchObject(refusal);
    await start(inner, 'get', { challenge: b64u(randomBytes(32)) });
    expect(await settled(inner)).toMatchObject(refusal);
    expect(await page.hasFrame(session.extensionUrl('ui/passkey.html'))).toBe(false);
    expect(await passkeyCount()).toBe(before);
    await page.close();
  });

  it('reports an excluded credential that is already saved, after the person saw it', async () => {
    const passkey = registered.get(-7)!;
    const before = await passkeyCount();
    const page = await open();
    await start(
      page,
      'create',
      creationOptions(-7, passkey.userName, passkey.userId, { excludeCredentials: [{ type: 'public-key', id: passkey.credential.id }] }),
    );
    const frame = await consent(page);
    await frame.waitForText('already saved');
    expect(await frame.byRole('button', 'Save passkey').isVisible()).toBe(false);
    await frame.byRole('button', 'Cancel').click();
    expect(await settled(page)).toMatchObject({ status: 'error', name: 'InvalidStateError' });
    expect(await passkeyCount()).toBe(before);
    await page.close();
  });

  it('gives a page that talks to the bridge itself, or replays its messages, nothing', async () => {
    const before = await passkeyCount();
    const page = await open();
    const options = creationOptions(-7, 'forged@contoso.example', new Uint8Array(8).fill(4));
    const answers = await page.evaluate(async (opts) => {
      const heard: string[] = [];
      const request = JSON.stringify({ id: 1, op: 'create', options: opts });
      // Pretend to be either side of the handshake, with a port of our own.
      for (const name of ['latchkey:passkeys-page', 'latchkey:passkeys-bridge']) {
        const channel = new MessageChannel();
        channel.port1.onmessage = (event) => heard.push(String(event.data));
        window.dispatchEvent(new MessageEvent(name, { ports: [channel.port2], cancelable: true }));
        channel.port1.postMessage(request);
      }
      // And plain window messages, as an older bridge design would have used.
      window.postMessage(request, '*');
      window.postMessage({ type: 'latchkey:passkey-open', token: 'AAAAAAAAAAAAAAAAAAAAAA' }, '*');
      await new Promise((resolve) => setTimeout(resolve, 2000));
      return heard;
    }, options);
    expect(answers).toEqual([]);
    expect(await page.hasFrame(session.extensionUrl('ui/passkey.html'))).toBe(false);
    expect(await passkeyCount()).toBe(before);
    await page.close();
  });

  it('accepts ceremony messages only from the frames they belong to', async () => {
    for (const message of [
      { type: 'passkeys.begin', payload: { operation: 'create', options: {}, ancestorsSameOrigin: true } },
      { type: 'passkeys.decide', payload: { token: 'AAAAAAAAAAAAAAAAAAAAAA', choice: 'save' } },
    ]) {
      const answer = (await session.sendFromExtensionPage(message)) as { ok: boolean; error?: { code: string } };
      expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    }
  });

  it('asks to unlock first when the vault is locked, in Latchkey’s own window, then signs in', async () => {
    const passkey = registered.get(-8)!;
    await session.sendFromExtensionPage({ type: 'vault.lock', payload: {} });
    const challenge = b64u(randomBytes(32));
    const page = await open();
    await start(page, 'get', { challenge, rpId: RP_ID, userVerification: 'required' });
    const frame = await consent(page);
    await frame.byRole('button', 'Unlock').click();
    // No password field anywhere in the page's document tree, our frame included.
    expect(await page.evaluate(() => document.querySelectorAll('input[type=password]').length, undefined)).toBe(0);
    expect(await frame.evaluate(() => document.querySelectorAll('input').length, undefined)).toBe(0);
    const window = await session.waitForPage(session.extensionUrl('popup/popup.html?for=unlock'));
    await window.byRole('textbox', 'Master password').fill(MASTER_PASSWORD);
    await window.byRole('button', 'Unlock').click();
    await frame.byRole('button', new RegExp(passkey.userName.replace(/[.@]/g, '\\$&'))).click();
    const result = await settled(page, 30_000);
    expect(result.status, result.message).toBe('ok');
    const { checks: _checks, ...response } = result.credential!;
    const verification = await verifyAuthenticationResponse({
      response: response as never,
      expectedChallenge: challenge,
      expectedOrigin: RP,
      expectedRPID: RP_ID,
      credential: passkey.credential,
      requireUserVerification: true,
    });
    expect(verification.verified).toBe(true);
    await page.close();
  });

  it('ends the ceremony and closes the consent when the page aborts', async () => {
    const before = await passkeyCount();
    const page = await open();
    await start(page, 'create', creationOptions(-7, 'abort@contoso.example', new Uint8Array(8).fill(6)));
    await (await consent(page)).byRole('button', 'Save passkey').waitFor();
    await page.evaluate(() => (window as unknown as { rp: { abort(): void } }).rp.abort(), undefined);
    expect(await settled(page)).toMatchObject({ status: 'error', name: 'AbortError' });
    await expect.poll(() => page.hasFrame(session.extensionUrl('ui/passkey.html')), { timeout: 10_000 }).toBe(false);
    expect(await passkeyCount()).toBe(before);
    await page.close();
  });

  it('lists passkeys in the popup, and a deleted one is no longer offered', async () => {
    const passkey = registered.get(-257)!;
    const popup = await session.openPopup();
    await popup.byRole('listitem', new RegExp(passkey.userName.replace(/[.@]/g, '\\$&'))).waitFor();
    await popup.close();
    const item = (await listItems(session)).find((i) => i.type === 'passkey' && i.subtitle === passkey.userName)!;
    expect(item.name).toBe('Contoso');
    const deleted = (await session.sendFromExtensionPage({ type: 'items.delete', payload: { ids: [item.id] } })) as { ok: boolean };
    expect(deleted.ok).toBe(true);
    // Nothing of Latchkey's matches any more: no consent, the browser's own WebAuthn gets the request.
    const page = await open();
    await start(page, 'get', { challenge: b64u(randomBytes(32)), allowCredentials: [{ type: 'public-key', id: passkey.credential.id }], timeout: 1000 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await page.hasFrame(session.extensionUrl('ui/passkey.html'))).toBe(false);
    await page.close();
  });

  it('steps aside when turned off', async () => {
    const off = (await session.sendFromExtensionPage({ type: 'passkeys.setSettings', payload: { enabled: false } })) as { ok: boolean };
    expect(off.ok).toBe(true);
    const page = await open();
    // The browser's own WebAuthn answers now; whatever it does, Latchkey shows nothing and stores nothing.
    const before = await passkeyCount();
    await start(page, 'create', creationOptions(-7, 'off@contoso.example', new Uint8Array(8).fill(5), { timeout: 1000 }));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await page.hasFrame(session.extensionUrl('ui/passkey.html'))).toBe(false);
    expect(await passkeyCount()).toBe(before);
    await page.close();
    await session.sendFromExtensionPage({ type: 'passkeys.setSettings', payload: { enabled: true } });
  });
});
