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

  // A realm only ever removes matches: a Microsoft login goes to its own realm's sign-in,
  // account, reset and admin pages, and never to a content host, where tenants' or other
  // people's scripts may run.
  const WORK = 'https://login.microsoftonline.com/';
  const PERSONAL = 'https://login.live.com/';
  const USGOV = 'https://login.microsoftonline.us/';
  const CHINA = 'https://login.partner.microsoftonline.cn/';
  const GERMANY = 'https://login.microsoftonline.de/';
  const offered: [saved: string, frame: string][] = [
    [WORK, 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize'],
    [WORK, 'https://login.microsoft.com/'],
    [WORK, 'https://login.windows.net/'],
    [WORK, 'https://passwordreset.microsoftonline.com/'],
    [WORK, 'https://admin.microsoft.com/Adminportal/Home#/users'],
    [WORK, 'https://admin.cloud.microsoft/'],
    [WORK, 'https://myaccount.microsoft.com/'],
    [WORK, 'https://mysignins.microsoft.com/security-info/password/change'],
    [WORK, 'https://portal.azure.com/'],
    [WORK, 'https://entra.microsoft.com/'],
    [PERSONAL, 'https://login.live.com/login.srf'],
    [PERSONAL, 'https://account.live.com/password/Change'],
    [PERSONAL, 'https://signup.live.com/'],
    [PERSONAL, 'https://account.microsoft.com/'],
    [USGOV, 'https://portal.azure.us/'],
    [CHINA, 'https://login.chinacloudapi.cn/'],
    [GERMANY, 'https://portal.office.de/'],
    // A login saved from a content page (imported as "outlook.com") still reaches its realm's sign-in.
    ['https://outlook.live.com/mail/', 'https://login.live.com/'],
    ['https://contoso.sharepoint.com/', 'https://login.microsoftonline.com/'],
  ];
  const refused: [saved: string, frame: string][] = [
    // Work content: tenants' SharePoint and OneDrive, Office and Microsoft 365 web apps.
    [WORK, 'https://contoso.sharepoint.com/sites/hr'],
    [WORK, 'https://contoso-my.sharepoint.com/personal/adele'],
    [WORK, 'https://www.office.com/'],
    [WORK, 'https://www.microsoft365.com/'],
    [WORK, 'https://outlook.office.com/mail/'],
    [WORK, 'https://outlook.office365.com/'],
    [WORK, 'https://m365.cloud.microsoft/'],
    [WORK, 'https://myapps.microsoft.com/'],
    [WORK, 'https://eu.login.microsoftonline.com/'],
    // Personal content.
    [PERSONAL, 'https://www.xbox.com/'],
    [PERSONAL, 'https://www.msn.com/'],
    [PERSONAL, 'https://web.skype.com/'],
    [PERSONAL, 'https://outlook.live.com/mail/'],
    [PERSONAL, 'https://onedrive.live.com/'],
    [PERSONAL, 'https://outlook.com/'],
    [PERSONAL, 'https://www.hotmail.com/'],
    // A login saved on a content page is not offered there, nor on another tenant's site.
    ['https://contoso.sharepoint.com/', 'https://contoso.sharepoint.com/'],
    ['https://fabrikam.sharepoint.com/', 'https://contoso.sharepoint.com/'],
    // Personal and work never share.
    [WORK, 'https://login.live.com/'],
    [WORK, 'https://account.live.com/'],
    [PERSONAL, 'https://login.microsoftonline.com/'],
    [PERSONAL, 'https://admin.microsoft.com/'],
    // Each cloud is its own realm.
    [USGOV, 'https://login.microsoftonline.com/'],
    [WORK, 'https://login.microsoftonline.us/'],
    [WORK, 'https://portal.azure.us/'],
    [CHINA, 'https://login.microsoftonline.com/'],
    [WORK, 'https://login.partner.microsoftonline.cn/'],
    [WORK, 'https://login.chinacloudapi.cn/'],
    [GERMANY, 'https://login.microsoftonline.com/'],
    [WORK, 'https://login.microsoftonline.de/'],
    [GERMANY, 'https://login.microsoftonline.us/'],
    [CHINA, 'https://login.microsoftonline.de/'],
    // Look-alikes and plain http.
    [WORK, 'https://login.microsoftonline.com.evil.example/'],
    [WORK, 'https://login-microsoftonline.com/'],
    [PERSONAL, 'https://login.live.com.evil.example/'],
    [PERSONAL, 'https://login-live.com/'],
    [WORK, 'http://login.microsoftonline.com/'],
  ];

  it.each(offered)('offers a Microsoft login saved for %s on %s', (saved, frame) => {
    expect(websiteMatchScore(site(saved), frame)).toBeGreaterThan(0);
  });

  it.each(refused)('never offers a Microsoft login saved for %s on %s', (saved, frame) => {
    expect(websiteMatchScore(site(saved), frame)).toBe(0);
  });

  it('a Microsoft login on its own host scores as the same host, elsewhere in its realm as a sibling', () => {
    expect(websiteMatchScore(site(WORK), 'https://login.microsoftonline.com/x')).toBe(2);
    expect(websiteMatchScore(site(WORK), 'https://login.microsoft.com/x')).toBe(1);
  });

  it('keeps exact, starts-with and host rules as the person chose them, on Microsoft hosts too', () => {
    expect(websiteMatchScore(site('https://contoso.sharepoint.com/', 'host'), 'https://contoso.sharepoint.com/sites/hr')).toBe(3);
    expect(websiteMatchScore(site('https://contoso.sharepoint.com/sites/', 'startsWith'), 'https://contoso.sharepoint.com/sites/hr')).toBe(3);
    expect(websiteMatchScore(site('https://outlook.live.com/mail/', 'exact'), 'https://outlook.live.com/mail/')).toBe(4);
    expect(websiteMatchScore(site(WORK, 'host'), 'https://login.microsoft.com/')).toBe(0);
    expect(websiteMatchScore(site(WORK, 'host'), 'https://contoso.sharepoint.com/')).toBe(0);
  });

  const otherSites: [saved: string, frame: string, score: number][] = [
    ['https://accounts.example.com/', 'https://www.example.com/', 1],
    ['https://www.example.com/', 'https://www.example.com/login', 2],
    ['https://example.com/', 'https://example.org/', 0],
    ['https://learn.microsoft.com/', 'https://techcommunity.microsoft.com/', 1],
    ['https://learn.microsoft.com/', 'https://login.microsoft.com/', 0],
    ['https://learn.microsoft.com/', 'https://account.microsoft.com/', 0],
    ['https://intranet.contoso.example/', 'https://mail.contoso.example/', 1],
  ];
  it.each(otherSites)('other sites keep the registrable-domain rule: %s on %s scores %i', (saved, frame, score) => {
    expect(websiteMatchScore(site(saved), frame)).toBe(score);
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
  it('offers no Microsoft login on a tenant’s SharePoint site, whichever realm', () => {
    const items = [
      login('work', 'https://login.microsoftonline.com/'),
      login('personal', 'https://login.live.com/'),
      login('admin', 'https://admin.microsoft.com/'),
      login('usgov', 'https://login.microsoftonline.us/'),
      login('tenant-site', 'https://contoso.sharepoint.com/', 'host'),
    ];
    expect(matchingLogins(items, 'https://contoso.sharepoint.com/sites/signin').map((item) => item.name)).toEqual(['tenant-site']);
    expect(matchingLogins(items, 'https://login.microsoftonline.com/common/login').map((item) => item.name)).toEqual(['work', 'admin']);
  });

  it('puts the closest match first and leaves out the rest', () => {
    const items = [
      login('sibling', 'https://shop.example.com/'),
      login('same-host', 'https://login.example.com/'),
      login('elsewhere', 'https://example.org/'),
    ];
    expect(matchingLogins(items, 'https://login.example.com/signin').map((item) => item.name)).toEqual(['same-host', 'sibling']);
  });
});
