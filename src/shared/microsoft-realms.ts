// Microsoft's credential realms (personal accounts, work or school accounts, and each
// sovereign cloud) come from the one table of Microsoft's sites; this module keeps the
// older import path working.
export { realmOfHost, type CredentialRealm } from './microsoft-sites';
