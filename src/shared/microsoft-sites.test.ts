import { describe, expect, it } from 'vitest';
import { realmOfHost as realmOfHostOldPath } from './microsoft-realms';
import { MICROSOFT_SITES, isMicrosoftSignInHost, isSameSignInJourney, microsoftSiteOf, realmOfHost, type CredentialRealm } from './microsoft-sites';

describe('the table of Microsoft sites', () => {
  it('names each host once, in lower case, without a trailing dot', () => {
    const hosts = MICROSOFT_SITES.map((site) => site.host);
    expect(new Set(hosts).size).toBe(hosts.length);
    for (const host of hosts) expect(host, host).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
  });

  it('only content rows are families, and only sign-in rows have next steps', () => {
    for (const site of MICROSOFT_SITES) {
      if (site.family) expect(site.role, site.host).toBe('content');
      if (site.next) expect(site.role, site.host).toBe('sign-in');
    }
  });

  it('every next step is a listed Microsoft sign-in or account page, never content', () => {
    for (const site of MICROSOFT_SITES) {
      for (const next of site.next ?? []) {
        const target = microsoftSiteOf(next);
        expect(target?.host, `${site.host} -> ${next}`).toBe(next);
        expect(target?.role, `${site.host} -> ${next}`).not.toBe('content');
      }
    }
  });
});

describe('microsoftSiteOf', () => {
  const cases: [host: string, realm: CredentialRealm | null, role: string | null][] = [
    ['login.microsoftonline.com', 'microsoft-work', 'sign-in'],
    ['LOGIN.MicrosoftOnline.com.', 'microsoft-work', 'sign-in'],
    ['passwordreset.microsoftonline.com', 'microsoft-work', 'reset'],
    ['admin.microsoft.com', 'microsoft-work', 'admin'],
    ['contoso.sharepoint.com', 'microsoft-work', 'content'],
    ['contoso-my.sharepoint.com', 'microsoft-work', 'content'],
    ['www.office.com', 'microsoft-work', 'content'],
    ['outlook.office.com', 'microsoft-work', 'content'],
    ['www.microsoft365.com', 'microsoft-work', 'content'],
    // Not listed, but under a listed host: that row's realm, as content.
    ['eu.login.microsoftonline.com', 'microsoft-work', 'content'],
    ['x.admin.microsoft.com', 'microsoft-work', 'content'],
    ['login.live.com', 'microsoft-personal', 'sign-in'],
    ['account.live.com', 'microsoft-personal', 'account'],
    ['signup.live.com', 'microsoft-personal', 'signup'],
    ['outlook.live.com', 'microsoft-personal', 'content'],
    ['onedrive.live.com', 'microsoft-personal', 'content'],
    ['www.xbox.com', 'microsoft-personal', 'content'],
    ['web.skype.com', 'microsoft-personal', 'content'],
    ['login.microsoftonline.us', 'microsoft-work-usgov', 'sign-in'],
    ['login.partner.microsoftonline.cn', 'microsoft-work-china', 'sign-in'],
    ['login.chinacloudapi.cn', 'microsoft-work-china', 'sign-in'],
    ['login.microsoftonline.de', 'microsoft-work-germany', 'sign-in'],
    ['portal.office.de', 'microsoft-work-germany', 'admin'],
    // Not Microsoft's, or Microsoft's but in no realm.
    ['learn.microsoft.com', null, null],
    ['microsoft.com', null, null],
    ['login.microsoftonline.com.evil.example', null, null],
    ['login-microsoftonline.com', null, null],
    ['evilsharepoint.com', null, null],
    ['example.com', null, null],
    ['', null, null],
  ];
  it.each(cases)('%s is %s, %s', (host, realm, role) => {
    const site = microsoftSiteOf(host);
    expect(site?.realm ?? null).toBe(realm);
    expect(site?.role ?? null).toBe(role);
    expect(realmOfHost(host)).toBe(realm);
  });

  it('refuses what is not a string', () => {
    expect(() => microsoftSiteOf(undefined as unknown as string)).toThrow(TypeError);
  });
});

describe('realmOfHost', () => {
  // The hosts the realms were written as before the table: each still has its realm, so
  // "Never for this site" entries and realm checks made before keep working.
  const before: Record<CredentialRealm, string[]> = {
    'microsoft-personal': ['live.com', 'account.microsoft.com', 'outlook.com', 'hotmail.com', 'msn.com', 'xbox.com', 'skype.com', 'onedrive.com'],
    'microsoft-work': [
      'microsoftonline.com',
      'login.microsoft.com',
      'login.windows.net',
      'admin.microsoft.com',
      'myaccount.microsoft.com',
      'mysignins.microsoft.com',
      'myapps.microsoft.com',
      'portal.azure.com',
      'entra.microsoft.com',
      'office.com',
      'office365.com',
      'microsoft365.com',
      'sharepoint.com',
    ],
    'microsoft-work-usgov': ['microsoftonline.us', 'office365.us', 'microsoft365.us'],
    'microsoft-work-china': ['microsoftonline.cn', 'login.chinacloudapi.cn', 'partner.outlook.cn'],
    'microsoft-work-germany': ['microsoftonline.de', 'office.de'],
  };
  it('keeps the realm of every host it had, and of their subdomains', () => {
    for (const [realm, hosts] of Object.entries(before)) {
      for (const host of hosts) {
        expect(realmOfHost(host), host).toBe(realm);
        expect(realmOfHost(`sub.${host}`), `sub.${host}`).toBe(realm);
      }
    }
  });

  it('still answers through the older import path', () => {
    expect(realmOfHostOldPath('login.live.com')).toBe('microsoft-personal');
  });
});

describe('isMicrosoftSignInHost', () => {
  const cases: [host: string, realm: CredentialRealm, expected: boolean][] = [
    ['login.microsoftonline.com', 'microsoft-work', true],
    ['login.microsoft.com', 'microsoft-work', true],
    ['passwordreset.microsoftonline.com', 'microsoft-work', true],
    ['admin.microsoft.com', 'microsoft-work', true],
    ['login.live.com', 'microsoft-personal', true],
    ['account.live.com', 'microsoft-personal', true],
    ['login.microsoftonline.us', 'microsoft-work-usgov', true],
    ['login.microsoftonline.com', 'microsoft-personal', false],
    ['login.live.com', 'microsoft-work', false],
    ['login.microsoftonline.com', 'microsoft-work-usgov', false],
    ['login.microsoftonline.us', 'microsoft-work', false],
    ['contoso.sharepoint.com', 'microsoft-work', false],
    ['www.office.com', 'microsoft-work', false],
    ['outlook.live.com', 'microsoft-personal', false],
    ['eu.login.microsoftonline.com', 'microsoft-work', false],
    ['login.microsoftonline.com.evil.example', 'microsoft-work', false],
  ];
  it.each(cases)('%s in %s: %s', (host, realm, expected) => {
    expect(isMicrosoftSignInHost(host, realm)).toBe(expected);
  });
});

describe('isSameSignInJourney', () => {
  const cases: [from: string, to: string, expected: boolean][] = [
    // The same origin always continues, on any site.
    ['https://login.microsoftonline.com', 'https://login.microsoftonline.com', true],
    ['https://accounts.example.com', 'https://accounts.example.com', true],
    ['http://intranet.example', 'http://intranet.example', true],
    ['https://login.microsoftonline.com/common/oauth2/v2.0/authorize', 'https://login.microsoftonline.com/common/login', true],
    // Where Microsoft's sign-in itself moves a sign-in.
    ['https://login.microsoftonline.com', 'https://login.live.com', true],
    ['https://login.live.com', 'https://login.microsoftonline.com', true],
    ['https://login.live.com', 'https://account.live.com', true],
    // Not the other way round, not elsewhere, and never to content or a look-alike.
    ['https://account.live.com', 'https://login.live.com', false],
    ['https://login.microsoftonline.com', 'https://account.live.com', false],
    ['https://login.microsoftonline.com', 'https://contoso.sharepoint.com', false],
    ['https://login.microsoftonline.com', 'https://login.microsoftonline.us', false],
    ['https://login.microsoftonline.com', 'https://login.live.com.evil.example', false],
    ['https://contoso.sharepoint.com', 'https://login.microsoftonline.com', false],
    ['https://accounts.example.com', 'https://www.example.com', false],
    // https only, on the default port.
    ['http://login.microsoftonline.com', 'https://login.live.com', false],
    ['https://login.microsoftonline.com', 'http://login.live.com', false],
    ['https://login.microsoftonline.com', 'https://login.live.com:8443', false],
    ['https://login.microsoftonline.com', 'http://login.microsoftonline.com', false],
    // Not web origins.
    ['null', 'null', false],
    ['', '', false],
    ['file:///a', 'file:///a', false],
    ['https://login.microsoftonline.com', 'not a url', false],
  ];
  it.each(cases)('%s -> %s: %s', (from, to, expected) => {
    expect(isSameSignInJourney(from, to)).toBe(expected);
  });
});
