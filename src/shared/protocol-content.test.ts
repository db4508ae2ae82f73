import { describe, expect, it } from 'vitest';
import { parseContentCommand, parseMenuHostMessage } from './protocol-content';

const TOKEN = 'AAAAAAAAAAAAAAAAAAAAAA';

describe('messages into pages are parsed on receipt', () => {
  it('accepts each known command in its exact shape', () => {
    expect(parseContentCommand({ type: 'content.fill', token: TOKEN, origin: 'https://example.com' })).toEqual({ type: 'content.fill', token: TOKEN, origin: 'https://example.com' });
    expect(parseContentCommand({ type: 'content.fillRequested' })).toEqual({ type: 'content.fillRequested' });
    expect(parseContentCommand({ type: 'content.menuSize', token: TOKEN, height: 120 })).toMatchObject({ height: 120 });
  });

  it('refuses unknown types, extra keys, wrong types and values, and non-objects', () => {
    for (const message of [
      null,
      'content.fill',
      [],
      { type: 'content.steal', token: TOKEN },
      { type: 'content.fill', token: TOKEN, origin: 'https://example.com', values: { password: 'x' } },
      { type: 'content.fill', token: 'short', origin: 'https://example.com' },
      { type: 'content.menuSize', token: TOKEN, height: '120' },
      { type: 'content.menuSize', token: TOKEN, height: -1 },
      { type: 'toString' },
      { type: '__proto__' },
    ]) {
      expect(parseContentCommand(message), JSON.stringify(message)).toBeNull();
    }
  });

  it('parses what the content script tells the menu frame, and nothing else', () => {
    expect(parseMenuHostMessage({ type: 'latchkey:menu-open', token: TOKEN })).toEqual({ type: 'latchkey:menu-open', token: TOKEN });
    expect(parseMenuHostMessage({ type: 'latchkey:menu-close' })).toEqual({ type: 'latchkey:menu-close' });
    expect(parseMenuHostMessage({ type: 'latchkey:menu-open', token: 1 })).toBeNull();
    expect(parseMenuHostMessage({ type: 'latchkey:menu-close', extra: true })).toBeNull();
    expect(parseMenuHostMessage('latchkey:menu-close')).toBeNull();
  });
});
