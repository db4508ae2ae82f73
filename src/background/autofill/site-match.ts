// Decides whether a saved login belongs to the frame that asks for it. Done in
// the background, from the frame URL the browser reported for the sender.
// Default ('domain') rule: same registrable domain (public suffix list, via tldts).
// Microsoft's credential realms only ever narrow it: a login saved for a Microsoft
// host goes to the listed pages of its own realm that ask for that realm's password,
// and never to a content host (a tenant's SharePoint site, Outlook on the web, Xbox...).
import { getDomain } from 'tldts';
import { isMicrosoftSignInHost, microsoftSiteOf, realmOfHost } from '../../shared/microsoft-sites';
import type { LoginItem, Website } from '../../vault/model';

export interface Site {
  url: URL;
  host: string;
  /** Registrable domain ("example.co.uk"), or the host itself for IPs and single-label hosts. */
  domain: string;
}

export function siteOf(rawUrl: string): Site | null {
  let url: URL;
  try {
    url = new URL(rawUrl.includes('://') ? rawUrl : `https://${rawUrl}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const host = url.hostname.toLowerCase();
  const domain = getDomain(host, { allowPrivateDomains: true }) ?? host;
  return { url, host, domain };
}

function domainRuleMatches(saved: Site, frame: Site): boolean {
  const savedRealm = realmOfHost(saved.host);
  // Any other site: the same registrable domain, and the frame in no realm either (a login
  // saved for learn.microsoft.com is not offered on login.microsoft.com).
  if (savedRealm === null) return realmOfHost(frame.host) === null && saved.domain === frame.domain;
  // A realm login: only the realm's listed sign-in, account, reset, admin and sign-up pages,
  // over https. Every other host of the realm is content, whatever its registrable domain.
  return frame.url.protocol === 'https:' && isMicrosoftSignInHost(frame.host, savedRealm);
}

// Saved websites repeat across calls (every menu and popup opening checks them
// all), and parsing a URL against the public suffix list is the costly part.
const savedSites = new Map<string, Site | null>();
const SAVED_SITES_LIMIT = 50_000;

function savedSiteOf(url: string): Site | null {
  let site = savedSites.get(url);
  if (site === undefined) {
    if (savedSites.size >= SAVED_SITES_LIMIT) savedSites.clear();
    site = siteOf(url);
    savedSites.set(url, site);
  }
  return site;
}

/** How well a website entry matches a frame URL: 0 = not at all; higher = closer. */
export function websiteMatchScore(website: Website, frameUrl: string | Site | null): number {
  if (website.match === 'never') return 0;
  const saved = savedSiteOf(website.url);
  const frame = typeof frameUrl === 'string' ? siteOf(frameUrl) : frameUrl;
  if (!saved || !frame) return 0;
  // A login saved over https never goes to a plain-http page of the same site.
  if (saved.url.protocol === 'https:' && frame.url.protocol !== 'https:') return 0;
  switch (website.match) {
    case 'exact':
      return stripHash(frame.url) === stripHash(saved.url) ? 4 : 0;
    case 'startsWith':
      return frame.url.href.startsWith(saved.url.href) ? 3 : 0;
    case 'host':
      return frame.url.host === saved.url.host ? 3 : 0;
    case 'domain':
      if (!domainRuleMatches(saved, frame)) return 0;
      return frame.host === saved.host ? 2 : 1;
  }
}

function stripHash(url: URL): string {
  return url.href.replace(/#.*$/, '');
}

/** The best score any of the login's websites reaches for the frame. */
export function loginMatchScore(item: LoginItem, frameUrl: string | Site | null): number {
  const frame = typeof frameUrl === 'string' ? siteOf(frameUrl) : frameUrl;
  let best = 0;
  for (const website of item.websites) best = Math.max(best, websiteMatchScore(website, frame));
  return best;
}

/** Logins that may be offered in the frame, best match first, then most recently updated. */
export function matchingLogins(items: readonly LoginItem[], frameUrl: string): LoginItem[] {
  const frame = siteOf(frameUrl);
  if (!frame) return [];
  return items
    .map((item) => ({ item, score: loginMatchScore(item, frame) }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score || b.item.updated - a.item.updated)
    .map(({ item }) => item);
}

/**
 * Which site an account belongs to, as one key: a Microsoft realm on that realm's own
 * sign-in pages (they share logins), else the registrable domain. A content host (a
 * tenant's SharePoint site...) keys by its domain, so nothing recorded there (a "Never
 * for this site", a submitted username) carries over to the realm's sign-in pages.
 */
export function siteKeyOf(url: string): string | null {
  const site = siteOf(url);
  if (!site) return null;
  const microsoft = microsoftSiteOf(site.host);
  return microsoft && microsoft.role !== 'content' ? microsoft.realm : site.domain;
}
