// Microsoft runs two separate account systems behind look-alike sign-in pages:
// personal Microsoft accounts and work or school (Entra ID) accounts. The same
// email can be both, with different passwords, so a login saved in one realm
// must never be offered in the other, although both live under microsoft.com.
// A host belongs to a realm when it equals an entry or is a subdomain of it.

export type CredentialRealm =
  | 'microsoft-personal'
  | 'microsoft-work'
  // Sovereign clouds are separate identity systems: an account in one does not sign in to another.
  | 'microsoft-work-usgov'
  | 'microsoft-work-china'
  | 'microsoft-work-germany';

export const MICROSOFT_REALMS: Record<CredentialRealm, readonly string[]> = {
  'microsoft-personal': [
    'live.com', // login.live.com, account.live.com, outlook.live.com, onedrive.live.com, signup.live.com
    'account.microsoft.com',
    'outlook.com',
    'hotmail.com',
    'msn.com',
    'xbox.com',
    'skype.com',
    'onedrive.com',
  ],
  'microsoft-work': [
    'microsoftonline.com', // login.microsoftonline.com, passwordreset.microsoftonline.com
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

function isHostOrSubdomain(host: string, entry: string): boolean {
  return host === entry || host.endsWith(`.${entry}`);
}

/** The Microsoft credential realm a host belongs to, or null for any other site. */
export function realmOfHost(hostname: string): CredentialRealm | null {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  // The most specific entry wins, so a work host under a personal domain stays work.
  let best: { realm: CredentialRealm; length: number } | null = null;
  for (const [realm, entries] of Object.entries(MICROSOFT_REALMS) as [CredentialRealm, readonly string[]][]) {
    for (const entry of entries) {
      if (isHostOrSubdomain(host, entry) && (!best || entry.length > best.length)) best = { realm, length: entry.length };
    }
  }
  return best?.realm ?? null;
}
