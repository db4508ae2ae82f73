import { describe, expect, it } from 'vitest';
import { buildClientDataJSON, ccdToString } from './client-data';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const challenge = Uint8Array.of(0xfb, 0xff, 0x01, 0x02, 0x03); // base64url "-_8BAgM" exercises both url-safe characters

describe('buildClientDataJSON (WebAuthn §5.8.1.1)', () => {
  it('serializes a create exactly', () => {
    const json = text(buildClientDataJSON({ type: 'webauthn.create', challenge, origin: 'https://login.example.com', crossOrigin: false }));
    expect(json).toBe('{"type":"webauthn.create","challenge":"-_8BAgM","origin":"https://login.example.com","crossOrigin":false}');
  });

  it('serializes a get exactly', () => {
    const json = text(buildClientDataJSON({ type: 'webauthn.get', challenge: Uint8Array.of(1, 2, 3), origin: 'http://localhost:8080', crossOrigin: false }));
    expect(json).toBe('{"type":"webauthn.get","challenge":"AQID","origin":"http://localhost:8080","crossOrigin":false}');
  });

  it('adds topOrigin only for cross-origin calls', () => {
    const json = text(
      buildClientDataJSON({ type: 'webauthn.get', challenge: Uint8Array.of(1, 2, 3), origin: 'https://a.example', crossOrigin: true, topOrigin: 'https://b.example' }),
    );
    expect(json).toBe('{"type":"webauthn.get","challenge":"AQID","origin":"https://a.example","crossOrigin":true,"topOrigin":"https://b.example"}');
  });

  it('is valid JSON', () => {
    const json = text(buildClientDataJSON({ type: 'webauthn.create', challenge, origin: 'https://example.com', crossOrigin: false }));
    expect(JSON.parse(json)).toEqual({ type: 'webauthn.create', challenge: '-_8BAgM', origin: 'https://example.com', crossOrigin: false });
  });

  it('refuses inconsistent or malformed input', () => {
    const base = { type: 'webauthn.get' as const, challenge, origin: 'https://a.example' };
    expect(() => buildClientDataJSON({ ...base, crossOrigin: true })).toThrow(/topOrigin is required/);
    expect(() => buildClientDataJSON({ ...base, crossOrigin: false, topOrigin: 'https://b.example' })).toThrow(/topOrigin must be absent/);
    expect(() => buildClientDataJSON({ ...base, type: 'payment.get' as never, crossOrigin: false })).toThrow(/unknown type/);
    expect(() => buildClientDataJSON({ ...base, challenge: 'abc' as never, crossOrigin: false })).toThrow(/challenge/);
    expect(() => buildClientDataJSON({ ...base, origin: '', crossOrigin: false })).toThrow(/origin/);
  });
});

describe('ccdToString', () => {
  it('escapes only quote, backslash and control characters, the latter as lowercase \\u00xx', () => {
    expect(ccdToString('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(ccdToString('\n\t\u0000\u001f')).toBe('"\\u000a\\u0009\\u0000\\u001f"'); // JSON.stringify would write \n and \t
    expect(ccdToString('\u007f/é😀<')).toBe('"\u007f/é😀<"'); // everything from U+0020 up is verbatim
  });

  it('produces JSON that parses back to the input', () => {
    const input = 'x"\\\n\u0001\u2028😀';
    expect(JSON.parse(ccdToString(input))).toBe(input);
  });

  it('refuses unpaired surrogates', () => {
    expect(() => ccdToString('\ud800')).toThrow(/unpaired surrogate/);
    expect(() => ccdToString('a\udc00b')).toThrow(/unpaired surrogate/);
  });
});
