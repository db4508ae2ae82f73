import { describe, expect, it } from 'vitest';
import { classifySender } from './sender';

const self = { id: 'ext', baseUrl: 'moz-extension://uuid/' };

describe('classifySender', () => {
  it('recognises the popup by its URL', () => {
    expect(classifySender({ id: 'ext', url: 'moz-extension://uuid/popup/popup.html' }, self)).toEqual({
      ok: true,
      sender: { kind: 'popup', url: 'moz-extension://uuid/popup/popup.html' },
    });
  });

  it('recognises an in-page extension view only inside a tab', () => {
    const url = 'moz-extension://uuid/ui/menu.html#t';
    expect(classifySender({ id: 'ext', url, tab: { id: 4 }, frameId: 2 }, self)).toEqual({
      ok: true,
      sender: { kind: 'inline-ui', url, tabId: 4, frameId: 2 },
    });
    expect(classifySender({ id: 'ext', url }, self).ok).toBe(false);
  });

  it('derives a content script’s origin from the frame URL when the browser gives none (Firefox)', () => {
    const result = classifySender({ id: 'ext', url: 'https://a.example.com/x?y', tab: { id: 1 }, frameId: 5 }, self);
    expect(result).toEqual({
      ok: true,
      sender: { kind: 'content', url: 'https://a.example.com/x?y', origin: 'https://a.example.com', tabId: 1, frameId: 5 },
    });
  });

  it('prefers the origin the browser reports over the URL (Chrome)', () => {
    const result = classifySender(
      { id: 'ext', url: 'about:blank', origin: 'https://parent.example', tab: { id: 1 }, frameId: 9 },
      self,
    );
    expect(result).toMatchObject({ ok: true, sender: { origin: 'https://parent.example' } });
  });

  it.each([
    ['another extension', { id: 'other', url: 'https://x.example/', tab: { id: 1 }, frameId: 0 }],
    ['a sender without URL', { id: 'ext', tab: { id: 1 }, frameId: 0 }],
    ['another extension page', { id: 'ext', url: 'moz-extension://uuid/options.html' }],
    ['a content script outside a tab', { id: 'ext', url: 'https://x.example/' }],
    ['a sandboxed frame (opaque origin)', { id: 'ext', url: 'https://x.example/', origin: 'null', tab: { id: 1 }, frameId: 3 }],
    ['a non-web frame', { id: 'ext', url: 'file:///etc/passwd', tab: { id: 1 }, frameId: 0 }],
    ['a data: frame', { id: 'ext', url: 'data:text/html,hi', tab: { id: 1 }, frameId: 1 }],
  ])('refuses %s', (_label, raw) => {
    expect(classifySender(raw, self).ok).toBe(false);
  });
});
