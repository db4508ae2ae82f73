// Every Microsoft host Latchkey knows, in one table: which credential realm it
// belongs to and what it is for. Site matching (background/autofill/site-match.ts),
// "Never for this site" (never-save.ts) and the built-in password rules
// (generator/site-rules-data.ts) all read this table; adding a host is adding a row.
//
// Realms. Microsoft runs separate account systems behind look-alike sign-in pages:
// personal Microsoft accounts, work or school (Entra ID) accounts, and one Entra ID
// per sovereign cloud. The same email can exist in several, with different passwords,
// so a login of one realm is never offered in another.
//
// Roles. Only a Microsoft page that asks for the realm's password ('sign-in',
// 'account', 'reset', 'admin', 'signup') is offered a realm login. 'content' hosts
// (SharePoint, OneDrive, Outlook on the web, Office web apps, Xbox, MSN, Skype...) never
// are: they never ask for the account's password, and some run other people's code
// (a tenant's SharePoint site runs its owner's scripts), so a sign-in form there is not
// Microsoft's.
//
// Matching a host. A row names one host. A row marked `family` also stands for every
// host under it (contoso.sharepoint.com under sharepoint.com); only content rows are
// families. A host that is not listed but sits under a listed host (eu.login.live.com)
// belongs to that row's realm as 'content': nothing is known of it, so it gets no realm
// login. The most specific row wins, so login.live.com is 'sign-in' although live.com is
// a content family.

export type CredentialRealm =
  | 'microsoft-personal'
  | 'microsoft-work'
  // Sovereign clouds are separate identity systems: an account in one does not sign in to another.
  | 'microsoft-work-usgov'
  | 'microsoft-work-china'
  | 'microsoft-work-germany';

export type MicrosoftSiteRole = 'sign-in' | 'account' | 'reset' | 'admin' | 'content' | 'signup';

export interface MicrosoftSite {
  /** Lower case, no trailing dot. */
  readonly host: string;
  readonly realm: CredentialRealm;
  readonly role: MicrosoftSiteRole;
  /** The row also stands for every host under `host`. Content rows only. */
  readonly family?: true;
  /**
   * Sign-in rows only: hosts Microsoft's own sign-in moves the same sign-in to (after the
   * email, before the password). They may be in another realm; see isSameSignInJourney.
   */
  readonly next?: readonly string[];
  /**
   * The page also sets passwords that are not the realm's (the Azure portals set virtual
   * machine and database passwords), so the realm's password rules are not applied there.
   */
  readonly otherPasswords?: true;
}

// Sources for the `next` hosts (what Microsoft's sign-in does itself, not links a person follows):
// - login.microsoftonline.com -> login.live.com: the /common and /consumers endpoints serve
//   personal accounts too; after the email, a personal account is handed to login.live.com
//   (Microsoft identity platform docs, "Microsoft identity platform and OpenID Connect
//   protocol", the `tenant` values `common` and `consumers`; the same-email "It looks like this
//   email is used with more than one account" chooser leads there).
// - login.live.com -> login.microsoftonline.com: an email of a work or school account entered
//   on login.live.com is sent on to the organisation's sign-in ("Taking you to your
//   organization's sign-in page").
// - login.live.com -> account.live.com: after the password, login.live.com moves the sign-in to
//   account.live.com to confirm identity, add security info or change an expired password
//   (account.live.com/proofs/..., /identity/confirm, /password/Change).
// Federation to an organisation's own identity provider (AD FS, Okta...) goes to hosts that are
// not Microsoft's and cannot be listed. Other aliases (login.microsoft.com, login.windows.net)
// are left without `next` until seen doing the same.
export const MICROSOFT_SITES: readonly MicrosoftSite[] = [
  // Personal Microsoft accounts.
  { host: 'login.live.com', realm: 'microsoft-personal', role: 'sign-in', next: ['login.microsoftonline.com', 'account.live.com'] },
  { host: 'account.live.com', realm: 'microsoft-personal', role: 'account' }, // password change, reset, security info
  { host: 'signup.live.com', realm: 'microsoft-personal', role: 'signup' },
  { host: 'account.microsoft.com', realm: 'microsoft-personal', role: 'account' },
  { host: 'live.com', realm: 'microsoft-personal', role: 'content', family: true }, // outlook.live.com, onedrive.live.com
  { host: 'outlook.com', realm: 'microsoft-personal', role: 'content', family: true },
  { host: 'hotmail.com', realm: 'microsoft-personal', role: 'content', family: true },
  { host: 'onedrive.com', realm: 'microsoft-personal', role: 'content', family: true },
  { host: 'msn.com', realm: 'microsoft-personal', role: 'content', family: true },
  { host: 'xbox.com', realm: 'microsoft-personal', role: 'content', family: true },
  { host: 'skype.com', realm: 'microsoft-personal', role: 'content', family: true },

  // Work or school accounts, global Entra ID.
  { host: 'login.microsoftonline.com', realm: 'microsoft-work', role: 'sign-in', next: ['login.live.com'] },
  { host: 'login.microsoft.com', realm: 'microsoft-work', role: 'sign-in' },
  { host: 'login.windows.net', realm: 'microsoft-work', role: 'sign-in' }, // the older name of the same service
  { host: 'passwordreset.microsoftonline.com', realm: 'microsoft-work', role: 'reset' },
  { host: 'myaccount.microsoft.com', realm: 'microsoft-work', role: 'account' },
  { host: 'mysignins.microsoft.com', realm: 'microsoft-work', role: 'account' }, // security info, password change
  { host: 'account.activedirectory.windowsazure.com', realm: 'microsoft-work', role: 'account' }, // older password change
  { host: 'admin.microsoft.com', realm: 'microsoft-work', role: 'admin' },
  { host: 'admin.cloud.microsoft', realm: 'microsoft-work', role: 'admin' },
  { host: 'portal.office.com', realm: 'microsoft-work', role: 'admin' }, // the Office 365 portal and its admin center
  { host: 'entra.microsoft.com', realm: 'microsoft-work', role: 'admin' },
  { host: 'portal.azure.com', realm: 'microsoft-work', role: 'admin', otherPasswords: true },
  { host: 'myapps.microsoft.com', realm: 'microsoft-work', role: 'content' }, // app tiles; it never asks for the password
  { host: 'microsoftonline.com', realm: 'microsoft-work', role: 'content', family: true },
  { host: 'office.com', realm: 'microsoft-work', role: 'content', family: true }, // www, outlook.office.com, Office web apps
  { host: 'office365.com', realm: 'microsoft-work', role: 'content', family: true },
  { host: 'microsoft365.com', realm: 'microsoft-work', role: 'content', family: true },
  { host: 'cloud.microsoft', realm: 'microsoft-work', role: 'content', family: true }, // m365.cloud.microsoft, outlook.cloud.microsoft
  { host: 'sharepoint.com', realm: 'microsoft-work', role: 'content', family: true }, // tenants' sites: <tenant>.sharepoint.com, <tenant>-my...

  // US Government (GCC High, DoD).
  { host: 'login.microsoftonline.us', realm: 'microsoft-work-usgov', role: 'sign-in' },
  { host: 'portal.office365.us', realm: 'microsoft-work-usgov', role: 'admin' },
  { host: 'entra.microsoft.us', realm: 'microsoft-work-usgov', role: 'admin' },
  { host: 'portal.azure.us', realm: 'microsoft-work-usgov', role: 'admin', otherPasswords: true },
  { host: 'microsoftonline.us', realm: 'microsoft-work-usgov', role: 'content', family: true },
  { host: 'office365.us', realm: 'microsoft-work-usgov', role: 'content', family: true },
  { host: 'microsoft365.us', realm: 'microsoft-work-usgov', role: 'content', family: true },
  { host: 'sharepoint.us', realm: 'microsoft-work-usgov', role: 'content', family: true },

  // China, operated by 21Vianet.
  { host: 'login.partner.microsoftonline.cn', realm: 'microsoft-work-china', role: 'sign-in' },
  { host: 'login.chinacloudapi.cn', realm: 'microsoft-work-china', role: 'sign-in' },
  { host: 'portal.partner.microsoftonline.cn', realm: 'microsoft-work-china', role: 'admin' },
  { host: 'portal.azure.cn', realm: 'microsoft-work-china', role: 'admin', otherPasswords: true },
  { host: 'microsoftonline.cn', realm: 'microsoft-work-china', role: 'content', family: true },
  { host: 'partner.outlook.cn', realm: 'microsoft-work-china', role: 'content', family: true },
  { host: 'sharepoint.cn', realm: 'microsoft-work-china', role: 'content', family: true },

  // Germany (Microsoft Cloud Deutschland).
  { host: 'login.microsoftonline.de', realm: 'microsoft-work-germany', role: 'sign-in' },
  { host: 'portal.office.de', realm: 'microsoft-work-germany', role: 'admin' },
  { host: 'portal.microsoftazure.de', realm: 'microsoft-work-germany', role: 'admin', otherPasswords: true },
  { host: 'microsoftonline.de', realm: 'microsoft-work-germany', role: 'content', family: true },
  { host: 'office.de', realm: 'microsoft-work-germany', role: 'content', family: true },
];

const BY_HOST = new Map(MICROSOFT_SITES.map((site) => [site.host, site]));

function normalizeHost(hostname: string): string {
  return hostname.trim().toLowerCase().replace(/\.$/, '');
}

/** The row that describes a host (see "Matching a host" above), or null for a host that is not Microsoft's. */
export function microsoftSiteOf(hostname: string): MicrosoftSite | null {
  if (typeof hostname !== 'string') throw new TypeError('microsoftSiteOf: hostname must be a string');
  const host = normalizeHost(hostname);
  if (!host) return null;
  const own = BY_HOST.get(host);
  if (own) return own;
  // Longest suffix first, so the most specific row wins.
  for (let dot = host.indexOf('.'); dot !== -1; dot = host.indexOf('.', dot + 1)) {
    const above = BY_HOST.get(host.slice(dot + 1));
    if (above) return above.family ? above : { host, realm: above.realm, role: 'content' };
  }
  return null;
}

/** The Microsoft credential realm a host belongs to, or null for any other site. */
export function realmOfHost(hostname: string): CredentialRealm | null {
  return microsoftSiteOf(hostname)?.realm ?? null;
}

/**
 * Whether a host is one of the realm's own listed pages that ask for its password
 * (sign-in, account, reset, admin or sign-up), where a login of that realm may be offered.
 */
export function isMicrosoftSignInHost(hostname: string, realm: CredentialRealm): boolean {
  const site = microsoftSiteOf(hostname);
  // Only an exact row can have another role than 'content' (families and hosts under a row are content).
  return site !== null && site.realm === realm && site.role !== 'content';
}

function webOrigin(value: string): URL | null {
  if (typeof value !== 'string') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
}

/**
 * Whether a page at `toOrigin` continues a sign-in that began at `fromOrigin`: the same
 * origin, or (https, default port) a host that Microsoft's sign-in at `from` moves a sign-in
 * to. It says nothing about which login fits there: a next host may be in another realm
 * (a personal account's email entered on login.microsoftonline.com continues on
 * login.live.com), so a login carried along must still match the new page
 * (site-match.ts loginMatchScore) before anything is filled.
 */
export function isSameSignInJourney(fromOrigin: string, toOrigin: string): boolean {
  const from = webOrigin(fromOrigin);
  const to = webOrigin(toOrigin);
  if (!from || !to) return false;
  if (from.origin === to.origin) return true;
  if (from.protocol !== 'https:' || to.protocol !== 'https:' || from.port !== '' || to.port !== '') return false;
  const site = BY_HOST.get(normalizeHost(from.hostname));
  return site?.role === 'sign-in' && (site.next?.includes(normalizeHost(to.hostname)) ?? false);
}
