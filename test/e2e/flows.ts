// Steps that many browser tests share, written as a person would do them in the
// popup, by the names in ../shared/ui-contract.md.
import type { TestPage } from './harness';

export const MASTER_PASSWORD = 'Tangerine-Orbit-Cactus-71!';

export async function createVault(popup: TestPage, password = MASTER_PASSWORD): Promise<void> {
  await popup.byRole('textbox', 'Master password').fill(password);
  await popup.byRole('textbox', 'Confirm master password').fill(password);
  await popup.byRole('button', 'Create vault').click();
  await popup.byRole('searchbox', 'Search vault').waitFor(30_000);
}

export async function unlock(popup: TestPage, password = MASTER_PASSWORD): Promise<void> {
  await popup.byRole('textbox', 'Master password').fill(password);
  await popup.byRole('button', 'Unlock').click();
  await popup.byRole('searchbox', 'Search vault').waitFor(30_000);
}

export interface LoginFields {
  name: string;
  username: string;
  password: string;
  website?: string;
  notes?: string;
}

export async function addLogin(popup: TestPage, login: LoginFields): Promise<void> {
  await popup.byRole('button', 'Add item').click();
  await popup.byRole('textbox', 'Name').fill(login.name);
  await popup.byRole('textbox', 'Username').fill(login.username);
  await popup.byRole('textbox', 'Password').fill(login.password);
  if (login.website) await popup.byRole('textbox', 'Website').fill(login.website);
  if (login.notes) await popup.byRole('textbox', 'Notes').fill(login.notes);
  await popup.byRole('button', 'Save').click();
  await popup.byRole('listitem', new RegExp(login.name)).waitFor();
}
