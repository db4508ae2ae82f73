// Import and export from the popup's settings: files from other managers come
// in whole or not at all, with the count shown or the reason given; an
// encrypted backup goes out and comes back into a fresh vault.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BROWSERS, launch, type ExtensionSession, type TestPage } from './harness';
import { FIXTURES } from './harness/paths';
import { createVault, MASTER_PASSWORD, listItems } from './flows';

const IMPORTS = join(FIXTURES, 'imports');

async function itemNames(session: ExtensionSession): Promise<string[]> {
  return (await listItems(session)).map((item) => item.name).sort();
}

async function openSettings(popup: TestPage): Promise<void> {
  await popup.byRole('button', 'Settings').click();
  await popup.byDeepSelector('#import-file').waitFor();
}

describe.each(BROWSERS)('import and export in %s', (browserName) => {
  let session: ExtensionSession;
  afterEach(async () => {
    await session?.close();
  });

  it('imports a Bitwarden export and reports the count; refuses a corrupt file and changes nothing', async () => {
    session = await launch(browserName);
    const popup = await session.openPopup();
    await createVault(popup);
    await openSettings(popup);

    await popup.setInputFile('#import-file', join(IMPORTS, 'bitwarden-truncated.json'));
    await popup.byRole('button', 'Import').click();
    const alert = popup.byRole('alert');
    await alert.waitFor();
    expect((await alert.text()).length).toBeGreaterThan(10);
    expect(await itemNames(session)).toEqual([]);

    await popup.setInputFile('#import-file', join(IMPORTS, 'bitwarden.json'));
    await popup.byRole('button', 'Import').click();
    // A preview first; nothing has changed yet.
    await expect.poll(() => popup.byRole('region', 'Import preview').text()).toMatch(/Bitwarden JSON: .*login/);
    expect(await itemNames(session)).toEqual([]);
    await popup.byRole('button', 'Confirm import').click();
    const status = popup.byRole('status');
    await status.waitFor();
    const text = await status.text();
    const count = Number(/Imported (\d+) item/.exec(text)?.[1]);
    expect(count).toBeGreaterThan(3);
    expect((await itemNames(session)).length).toBe(count);

    // The same file again: everything is already there, and the preview says so.
    await popup.setInputFile('#import-file', join(IMPORTS, 'bitwarden.json'));
    await popup.byRole('button', 'Import').click();
    await expect.poll(() => popup.byRole('region', 'Import preview').text()).toMatch(/0 items to import; \d+ items are already in the vault and will be skipped/);
    await popup.byRole('button', 'Confirm import').click();
    await expect.poll(() => popup.byRole('status').text()).toMatch(/Imported 0 items, skipped \d+/);
    expect((await itemNames(session)).length).toBe(count);
  });

  it('exports an encrypted backup that a new vault imports whole, and asks for the master password first', async () => {
    session = await launch(browserName);
    let popup = await session.openPopup();
    await createVault(popup);
    await session.sendFromExtensionPage({ type: 'data.import', payload: { format: 'auto', filename: 'chrome.csv', base64: Buffer.from(await import('node:fs').then((fs) => fs.readFileSync(join(IMPORTS, 'chrome.csv')))).toString('base64') } });
    const before = await itemNames(session);
    expect(before.length).toBeGreaterThan(0);

    await openSettings(popup);
    await popup.byRole('textbox', 'Password for the exported file').fill('Backup-Pass-2026!');
    await popup.byRole('textbox', 'Master password to confirm').fill('not the master password');
    await popup.byRole('button', 'Export').click();
    await expect.poll(() => popup.byRole('alert').text()).toMatch(/wrong master password/i);

    const exported = (await session.sendFromExtensionPage({
      type: 'data.export',
      payload: { format: 'latchkey', password: 'Backup-Pass-2026!', currentMasterPassword: MASTER_PASSWORD },
    })) as { ok: boolean; value: { filename: string; base64: string } };
    expect(exported.ok).toBe(true);
    expect(Buffer.from(exported.value.base64, 'base64').toString('utf8')).not.toContain(before[0]!);

    await session.close();
    session = await launch(browserName);
    popup = await session.openPopup();
    await createVault(popup, 'Another-Fresh-Vault-55!');
    const wrong = (await session.sendFromExtensionPage({ type: 'data.import', payload: { format: 'auto', filename: exported.value.filename, base64: exported.value.base64, password: 'wrong backup password' } })) as { ok: boolean };
    expect(wrong.ok).toBe(false);
    expect(await itemNames(session)).toEqual([]);
    const imported = (await session.sendFromExtensionPage({ type: 'data.import', payload: { format: 'auto', filename: exported.value.filename, base64: exported.value.base64, password: 'Backup-Pass-2026!' } })) as { ok: boolean; value: { imported: number } };
    expect(imported).toMatchObject({ ok: true, value: { imported: before.length } });
    expect(await itemNames(session)).toEqual(before);
  });
});
