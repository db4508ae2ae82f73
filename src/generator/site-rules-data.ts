// Password rules Latchkey knows for sites whose forms do not state them, kept as data. A host
// matches an entry when it is one of the entry's hosts or a subdomain of one.
import { MICROSOFT_SITES, type CredentialRealm } from '../shared/microsoft-sites';
import { DIGITS, LOWER, SYMBOLS, UPPER } from './charsets';
import { mergeRules } from './site-rules';
import type { SiteRules } from './site-rules';

export interface BuiltinSiteRules {
  name: string;
  hosts: readonly string[];
  rules: Omit<SiteRules, 'source'>;
}

/**
 * The symbols Microsoft Entra ID accepts in a password, from its published password policy.
 * Entra also accepts a space; it is left out on purpose, since spaces are easily lost when a
 * password is copied or typed.
 */
export const ENTRA_SYMBOLS = '@#$%^&*-_!+=[]{}|\\:\',.?/`~"();<';

/**
 * The Microsoft pages (shared/microsoft-sites.ts) of these realms where the account's own
 * password is set or changed: every listed page except content and except the portals that
 * also set other passwords (Azure resources).
 */
function microsoftPasswordHosts(realms: readonly CredentialRealm[]): string[] {
  return MICROSOFT_SITES.filter((site) => realms.includes(site.realm) && site.role !== 'content' && !site.otherPasswords).map(
    (site) => site.host,
  );
}

export const BUILTIN_SITE_RULES: readonly BuiltinSiteRules[] = [
  {
    // Personal Microsoft accounts (Outlook.com, Xbox, Skype...).
    name: 'Microsoft account',
    hosts: microsoftPasswordHosts(['microsoft-personal']),
    rules: {
      minLength: 8,
      requiredSets: [],
      minClasses: { count: 2, of: [UPPER, LOWER, DIGITS, SYMBOLS] },
    },
  },
  {
    // Work or school accounts: Microsoft Entra ID, including the sovereign clouds.
    name: 'Microsoft work or school account',
    hosts: microsoftPasswordHosts(['microsoft-work', 'microsoft-work-usgov', 'microsoft-work-china', 'microsoft-work-germany']),
    rules: {
      minLength: 8,
      maxLength: 256,
      requiredSets: [],
      allowed: LOWER + UPPER + DIGITS + ENTRA_SYMBOLS,
      minClasses: { count: 3, of: [UPPER, LOWER, DIGITS, ENTRA_SYMBOLS] },
      asciiOnly: true,
    },
  },
];

function normalizeHost(hostname: string): string {
  return hostname.trim().toLowerCase().replace(/\.$/, '');
}

function hostMatches(hostname: string, entryHost: string): boolean {
  return hostname === entryHost || hostname.endsWith(`.${entryHost}`);
}

/** The built-in rules for a host, or undefined when Latchkey knows none. */
export function builtinRulesForHost(hostname: string): SiteRules | undefined {
  if (typeof hostname !== 'string') throw new TypeError('builtinRulesForHost: hostname must be a string');
  const host = normalizeHost(hostname);
  if (!host) return undefined;
  const matches = BUILTIN_SITE_RULES.filter((entry) => entry.hosts.some((entryHost) => hostMatches(host, entryHost)));
  if (matches.length === 0) return undefined;
  return mergeRules(...matches.map((entry) => ({ ...entry.rules, source: [`built-in rules for ${entry.name}`] })));
}
