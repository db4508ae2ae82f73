import { describe, expect, it, vi } from 'vitest';
import { UserFacingError } from '../shared/errors';
import { createRouter, type Handlers } from './router';
import type { RawSender } from './sender';

const self = { id: 'latchkey-id', baseUrl: 'chrome-extension://latchkey-id/' };
const popup: RawSender = { id: self.id, url: `${self.baseUrl}popup/popup.html` };
const contentScript: RawSender = {
  id: self.id,
  url: 'https://login.example.com/signin',
  origin: 'https://login.example.com',
  tab: { id: 7 },
  frameId: 0,
};
const inlineMenu: RawSender = { id: self.id, url: `${self.baseUrl}ui/menu.html#token`, tab: { id: 7 }, frameId: 3 };

function routerWith(overrides: Partial<Handlers> = {}) {
  const handlers = new Proxy(overrides as Handlers, {
    get: (target, key: string) => target[key as keyof Handlers] ?? vi.fn(async () => 'handled'),
  });
  const onInternalError = vi.fn();
  return { route: createRouter(handlers, { self, onInternalError }), onInternalError };
}

describe('message router', () => {
  it('runs the handler for a well-formed message from an allowed sender', async () => {
    const status = vi.fn(async () => ({ state: 'locked' as const, retryAfter: null, notice: null }));
    const { route } = routerWith({ 'vault.status': status });
    await expect(route({ type: 'vault.status', payload: {} }, popup)).resolves.toEqual({
      ok: true,
      value: { state: 'locked', retryAfter: null, notice: null },
    });
    expect(status).toHaveBeenCalledWith({}, { kind: 'popup', url: popup.url });
  });

  it.each([
    ['a string', 'vault.status'],
    ['null', null],
    ['an array', [{ type: 'vault.status' }]],
  ])('refuses a message that is %s', async (_label, message) => {
    const { route } = routerWith();
    await expect(route(message, popup)).resolves.toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('refuses an unknown type without calling any handler', async () => {
    const { route } = routerWith();
    const answer = await route({ type: '__proto__', payload: {} }, popup);
    expect(answer).toMatchObject({ ok: false, error: { code: 'unknown-type' } });
  });

  // Found by router.fuzz.test.ts: the refusal quoted String(type), which throws for some objects.
  it('refuses a type that is not a string, even one String() cannot convert, with an answer', async () => {
    const { route } = routerWith();
    for (const type of [Object.create(null), { toString: () => { throw new Error('no'); } }, Symbol('s'), 12, undefined]) {
      await expect(route({ type, payload: {} }, popup)).resolves.toMatchObject({ ok: false, error: { code: 'unknown-type' } });
    }
  });

  it('refuses a payload of the wrong shape, naming the field', async () => {
    const create = vi.fn();
    const { route } = routerWith({ 'vault.create': create });
    const answer = await route({ type: 'vault.create', payload: { password: 12345678 } }, popup);
    expect(answer).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('payload.password') } });
    expect(create).not.toHaveBeenCalled();
  });

  it('refuses extra fields in the payload and on the message', async () => {
    const { route } = routerWith();
    await expect(route({ type: 'vault.lock', payload: { force: true } }, popup)).resolves.toMatchObject({ ok: false, error: { code: 'bad-request' } });
    await expect(route({ type: 'vault.lock', payload: {}, sender: 'popup' }, popup)).resolves.toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('refuses a vault request from a content script', async () => {
    const unlock = vi.fn();
    const { route } = routerWith({ 'vault.unlock': unlock });
    const answer = await route({ type: 'vault.unlock', payload: { password: 'guess' } }, contentScript);
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(unlock).not.toHaveBeenCalled();
  });

  it('refuses item access from the in-page menu and from content scripts', async () => {
    const { route } = routerWith();
    for (const sender of [contentScript, inlineMenu]) {
      await expect(route({ type: 'items.list', payload: {} }, sender)).resolves.toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    }
  });

  it('refuses a content-script request sent from the popup', async () => {
    const { route } = routerWith();
    const answer = await route({ type: 'autofill.openMenu', payload: { fieldKind: 'password' } }, popup);
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });

  it('turns a handler’s user-facing error into an error answer', async () => {
    const { route } = routerWith({
      'vault.unlock': async () => {
        throw new UserFacingError('wrong-password', 'Wrong master password.');
      },
    });
    await expect(route({ type: 'vault.unlock', payload: { password: 'nope' } }, popup)).resolves.toEqual({
      ok: false,
      error: { code: 'wrong-password', message: 'Wrong master password.' },
    });
  });

  it('hides an unexpected failure behind a generic message and reports it without the payload', async () => {
    const { route, onInternalError } = routerWith({
      'vault.create': async () => {
        throw new TypeError('boom');
      },
    });
    const answer = await route({ type: 'vault.create', payload: { password: 'secret-master-password' } }, popup);
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(answer)).not.toContain('secret-master-password');
    expect(onInternalError).toHaveBeenCalledWith('vault.create', expect.any(TypeError));
  });
});
