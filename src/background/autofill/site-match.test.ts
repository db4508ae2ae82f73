import { describe, expect, it } from 'vitest';
import { newItem, type LoginItem, type UrlMatch } from '../../vault/model';
import { matchingLogins, websiteMatchScore } from './site-match';

const site = (url: string, match: UrlMatch = 'domain') => ({ url, match });
const login = (name: string, url: string, match: UrlMatch = 'domain'): LoginItem =>
  newItem('login', { name, username: `${name}@example.com`, password: 'pw', websites: [{ url, match }] });

describe('websiteMatchScore', () => {
  it('matches the same registrable domain by default, preferring the same host', () => {
    expect(websiteMatchScore(site('https://accounts.example.co.uk/login'), 'https://www.example.co.uk/')).toBe(1);
    expect(websiteMatchScore(site('https://www.example.co.uk/login'), 'https://www.example.co.uk/other')).toBe(2);
    expect(websiteMatchScore(site('https://example.co.uk'), 'https://other.co.uk/')).toBe(0);
  });

  it('treats private public suffixes as separate sites', () => {
    expect(websiteMatchScore(site('https://alice.github.io/'), 'https://mallory.github.io/')).toBe(0);
  });

  it('never matches a look-alike host', () => {
    const work = site('https://login.microsoftonline.com/');
    for (const lookalike of [
      'https://login-microsoftonline.com.example/',
      'https://login.microsoftonline.com.evil.example/',
      'https://loginmicrosoftonline.com/',
      'https://login.microsoft0nline.com/',
      'https://login.xn--micrsoftonline-3kg.com/',
    ]) {
      expect(websiteMatchScore(work, lookalike), lookalike).toBe(0);
    }
  });

  it('keeps personal and work Microsoft accounts apart although both are Microsoft', () => {
    const personal = site('https://login.live.com/');
    const work = site('https://login.microsoftonline.com/');
    expect(websiteMatchScore(personal, 'https://account.live.com/password/Change')).toBeGreaterThan(0);
    expect(websiteMatchScore(personal, 'https://account.microsoft.com/')).toBeGreaterThan(0);
    expect(websiteMatchScore(personal, 'https://login.microsoftonline.com/')).toBe(0);
    expect(websiteMatchScore(work, 'https://passwordreset.microsoftonline.com/')).toBeGreaterThan(0);
    expect(websiteMatchScore(work, 'https://login.microsoft.com/')).toBeGreaterThan(0);
    expect(websiteMatchScore(work, 'https://admin.microsoft.com/')).toBeGreaterThan(0);
    expect(websiteMatchScore(work, 'https://login.live.com/')).toBe(0);
    expect(websiteMatchScore(work, 'https://account.microsoft.com/')).toBe(0);
    // Same registrable domain (microsoft.com), different realms.
    expect(websiteMatchScore(site('https://account.microsoft.com/'), 'https://login.microsoft.com/')).toBe(0);
    // Sovereign clouds are separate account systems.
    expect(websiteMatchScore(work, 'https://login.microsoftonline.us/')).toBe(0);
    expect(websiteMatchScore(site('https://login.microsoftonline.us/'), 'https://login.microsoftonline.us/x')).toBe(2);
    expect(websiteMatchScore(site('https://login.partner.microsoftonline.cn/'), 'https://login.microsoftonline.com/')).toBe(0);
    // A non-Microsoft page on microsoft.com is in neither realm.
    expect(websiteMatchScore(work, 'https://learn.microsoft.com/')).toBe(0);
  });

  it('does not send an https login to a plain-http page, but allows a login saved on http', () => {
    expect(websiteMatchScore(site('https://example.com/'), 'http://example.com/')).toBe(0);
    expect(websiteMatchScore(site('http://intranet.example.com/'), 'http://intranet.example.com/login')).toBe(2);
  });

  it('honours host, exact, starts-with and never rules', () => {
    expect(websiteMatchScore(site('https://a.example.com', 'host'), 'https://b.example.com/')).toBe(0);
    expect(websiteMatchScore(site('https://a.example.com', 'host'), 'https://a.example.com/x')).toBe(3);
    expect(websiteMatchScore(site('https://a.example.com:8443', 'host'), 'https://a.example.com/x')).toBe(0);
    expect(websiteMatchScore(site('https://a.example.com/login?x=1', 'exact'), 'https://a.example.com/login?x=1#top')).toBe(4);
    expect(websiteMatchScore(site('https://a.example.com/login', 'exact'), 'https://a.example.com/login2')).toBe(0);
    expect(websiteMatchScore(site('https://a.example.com/app/', 'startsWith'), 'https://a.example.com/app/signin')).toBe(3);
    expect(websiteMatchScore(site('https://a.example.com/app/', 'startsWith'), 'https://a.example.com/other')).toBe(0);
    expect(websiteMatchScore(site('https://a.example.com', 'never'), 'https://a.example.com/')).toBe(0);
  });

  it('compares IP addresses and localhost by host', () => {
    expect(websiteMatchScore(site('http://127.0.0.1:8080/'), 'http://127.0.0.1:9090/login')).toBe(2);
    expect(websiteMatchScore(site('http://127.0.0.1/'), 'http://127.0.0.2/')).toBe(0);
  });

  it('refuses what is not a web URL', () => {
    expect(websiteMatchScore(site('javascript:alert(1)'), 'https://example.com/')).toBe(0);
    expect(websiteMatchScore(site('https://example.com/'), 'file:///etc/passwd')).toBe(0);
  });
});

describe('matchingLogins', () => {
  it('puts the closest match first and leaves out the rest', () => {
    const items = [
      login('sibling', 'https://shop.example.com/'),
      login('same-host', 'https://login.example.com/'),
      login('elsewhere', 'https://example.org/'),
    ];
    expect(matchingLogins(items, 'https://login.example.com/signin').map((item) => item.name)).toEqual(['same-host', 'sibling']);
  });
});
