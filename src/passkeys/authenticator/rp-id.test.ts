import { describe, expect, it } from 'vitest';
import { WebAuthnError } from './errors';
import { normalizeRpId, parseCallerOrigin, validateRpId } from './rp-id';

function securityErrorOf(fn: () => unknown): WebAuthnError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(WebAuthnError);
    expect((error as WebAuthnError).name).toBe('SecurityError');
    return error as WebAuthnError;
  }
  throw new Error('expected a SecurityError');
}

describe('validateRpId: accepted', () => {
  it.each([
    ['https://login.example.com', undefined, 'login.example.com'],
    ['https://login.example.com', 'login.example.com', 'login.example.com'],
    ['https://login.example.com', 'example.com', 'example.com'],
    ['https://a.b.login.example.co.uk', 'example.co.uk', 'example.co.uk'],
    ['https://example.com:8443', 'example.com', 'example.com'],
    ['https://foo.github.io', 'foo.github.io', 'foo.github.io'],
    ['https://login.example.com', 'LOGIN.Example.COM', 'login.example.com'],
    ['https://xn--mller-kva.de', 'müller.de', 'xn--mller-kva.de'],
    ['https://shop.xn--mller-kva.de', 'MÜLLER.de', 'xn--mller-kva.de'],
    ['http://localhost', undefined, 'localhost'],
    ['http://localhost:3000', 'localhost', 'localhost'],
    ['http://app.localhost:3000', 'app.localhost', 'app.localhost'],
    // A host that is itself a public suffix may use exactly itself (spec and Chromium behaviour).
    ['https://github.io', 'github.io', 'github.io'],
  ])('%s with rpId %s → %s', (origin, rpId, expected) => {
    expect(validateRpId(origin, rpId)).toBe(expected);
  });
});

describe('validateRpId: refused with SecurityError', () => {
  it.each([
    ['another site', 'https://example.com', 'evil.com'],
    ['a suffix that is not on a label boundary', 'https://example.com', 'ample.com'],
    ['a longer name than the host', 'https://example.com', 'login.example.com'],
    ['a top-level domain', 'https://example.com', 'com'],
    ['an ICANN multi-label public suffix', 'https://login.example.co.uk', 'co.uk'],
    ['a private-section public suffix', 'https://foo.github.io', 'github.io'],
    ['a wildcard public suffix', 'https://a.b.kawasaki.jp', 'b.kawasaki.jp'],
    ['the parent of a wildcard public suffix', 'https://a.b.kawasaki.jp', 'kawasaki.jp'],
    ['localhost from a subdomain (localhost is a suffix)', 'http://app.localhost', 'localhost'],
    ['a plain-http origin', 'http://example.com', undefined],
    ['a plain-http origin claiming its own host', 'http://example.com', 'example.com'],
    ['an IPv4 origin', 'https://127.0.0.1', undefined],
    ['an IPv4 origin claiming its own address', 'https://192.168.1.10', '192.168.1.10'],
    ['an IPv6 origin', 'https://[::1]', undefined],
    ['http://127.0.0.1', 'http://127.0.0.1:8080', undefined],
    ['a non-web scheme', 'file:///etc/passwd', undefined],
    ['an extension origin', 'chrome-extension://abcdefghijklmnop', undefined],
    ['a page URL instead of an origin', 'https://example.com/login', undefined],
    ['an un-normalised origin', 'https://EXAMPLE.com', undefined],
    ['the opaque origin', 'null', undefined],
    ['an empty rpId', 'https://example.com', ''],
    ['an rpId with a port', 'https://example.com', 'example.com:443'],
    ['an rpId with a path', 'https://example.com', 'example.com/x'],
    ['an rpId with userinfo', 'https://example.com', 'evil.com@example.com'],
    ['an rpId with percent-encoding', 'https://example.com', 'ex%61mple.com'],
    ['an rpId with a trailing dot', 'https://example.com', 'example.com.'],
    ['an IP rpId', 'https://example.com', '127.0.0.1'],
    ['a hex-IP rpId', 'https://example.com', '0x7f.1'],
    ['an origin with a trailing dot', 'https://example.com.', undefined],
  ])('%s (%s, %s)', (_name, origin, rpId) => {
    securityErrorOf(() => validateRpId(origin, rpId));
  });

  it('explains the refusal', () => {
    expect(securityErrorOf(() => validateRpId('https://example.com', 'evil.com')).message).toMatch(
      /"evil\.com" is not a registrable domain suffix of, nor equal to, the origin https:\/\/example\.com/,
    );
    expect(securityErrorOf(() => validateRpId('https://foo.github.io', 'github.io')).message).toMatch(/public suffix/);
    expect(securityErrorOf(() => validateRpId('http://example.com', undefined)).message).toMatch(/secure origin/);
  });

  it('throws TypeError for non-string input', () => {
    expect(() => validateRpId(42 as never, undefined)).toThrow(TypeError);
    expect(() => validateRpId('https://example.com', 42 as never)).toThrow(TypeError);
  });
});

describe('helpers', () => {
  it('parseCallerOrigin returns the host', () => {
    expect(parseCallerOrigin('https://login.example.com:8443')).toEqual({ origin: 'https://login.example.com:8443', host: 'login.example.com' });
  });

  it('normalizeRpId maps IDNA full stops and case like the URL host parser', () => {
    expect(normalizeRpId('Example\u3002COM')).toBe('example.com');
    securityErrorOf(() => normalizeRpId('a'.repeat(254)));
  });
});
