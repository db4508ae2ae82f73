// Imports from other managers through the popup's Settings: the format is named
// from the file's contents, a preview counts what would change before anything
// does, and a large import shows progress and finishes in time.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BROWSERS, launch, type ExtensionSession, type TestPage } from './harness';
import { FIXTURES } from './harness/paths';
import { createVault, listItems } from './flows';

const IMPORTS = join(FIXTURES, 'imports');

async function openSettings(popup: TestPage): Promise<void> {
  await popup.byRole('button', 'Settings').click();
  await popup.byDeepSelector('#import-file').waitFor();
}

describe.each(BROWSERS)('imports from other managers in %s', (browserName) => {
  let session: ExtensionSession;
  afterEach(async () => {
    await session?.close();
  });

  it('previews a LastPass CSV (named from its contents, counts per type), imports it, and skips it all the second time', async () => {
    session = await launch(browserName);
    const popup = await session.openPopup();
    await createVault(popup);
    await openSettings(popup);

    await popup.setInputFile('#import-file', join(IMPORTS, 'lastpass.csv'));
    await popup.byRole('button', 'Import').click();
    const preview = popup.byRole('region', 'Import preview');
    await expect.poll(() => preview.text()).toMatch(/LastPass CSV: 2 logins, 2 notes\./);
    expect(await preview.text()).toMatch(/4 items to import\. New folders: Work \/ Servers, Personal\./);
    expect(await listItems(session)).toEqual([]);

    await popup.byRole('button', 'Confirm import').click();
    await expect.poll(() => popup.byRole('status').text()).toBe('Imported 4 items.');
    expect((await listItems(session)).map((item) => item.name).sort()).toEqual(['Contoso', 'GitHub', 'Home codes', 'Visa card']);

    await popup.setInputFile('#import-file', join(IMPORTS, 'lastpass.csv'));
    await popup.byRole('button', 'Import').click();
    await expect.poll(() => popup.byRole('region', 'Import preview').text()).toMatch(/0 items to import; 4 items are already in the vault and will be skipped/);
    await popup.byRole('button', 'Cancel').click();
    expect(await listItems(session)).toHaveLength(4);
  });

  it('lists what a file holds that cannot be imported (a Proton Pass alias) before importing the rest', async () => {
    session = await launch(browserName);
    const popup = await session.openPopup();
    await createVault(popup);
    await openSettings(popup);
    await popup.setInputFile('#import-file', join(IMPORTS, 'protonpass.csv'));
    await popup.byRole('button', 'Import').click();
    const preview = popup.byRole('region', 'Import preview');
    await expect.poll(() => preview.text()).toMatch(/Proton Pass CSV: 2 logins, 1 note\./);
    expect(await preview.text()).toMatch(/Not imported \(1\):.*Shopping alias.*email forwarding address/s);
    await popup.byRole('button', 'Confirm import').click();
    await expect.poll(() => popup.byRole('status').text()).toBe('Imported 3 items.');
  });

  it('imports 10,000 logins in under 10 s, showing progress', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'latchkey-import-'));
    const path = join(dir, 'ten-thousand.csv');
    const rows = Array.from({ length: 10_000 }, (_, i) => `Site ${i},https://site${i}.example.com/login,user${i}@example.com,Pass-${i}-word!,,note ${i}`);
    writeFileSync(path, ['name,url,username,password,totp,notes', ...rows].join('\n'));
    session = await launch(browserName);
    const popup = await session.openPopup();
    await createVault(popup);
    await openSettings(popup);
    await popup.setInputFile('#import-file', path);
    await popup.byRole('button', 'Import').click();
    await expect.poll(() => popup.byRole('region', 'Import preview').text(), { timeout: 20_000 }).toMatch(/10000 logins\./);

    // Record whether the progress bar was on screen while the import ran.
    await popup.evaluate(() => {
      const seen = { progress: false };
      (globalThis as unknown as { importSeen: typeof seen }).importSeen = seen;
      const observer = new MutationObserver(() => {
        if (document.querySelector('progress[aria-label="Import progress"]')) seen.progress = true;
      });
      observer.observe(document, { subtree: true, childList: true });
    }, undefined);
    const started = Date.now();
    await popup.byRole('button', 'Confirm import').click();
    await expect.poll(() => popup.byRole('status').text(), { timeout: 30_000 }).toBe('Imported 10000 items.');
    const elapsed = Date.now() - started;
    console.log(`${browserName}: 10,000 items imported in ${elapsed} ms`);
    expect(elapsed).toBeLessThan(10_000);
    expect(await popup.evaluate(() => (globalThis as unknown as { importSeen: { progress: boolean } }).importSeen.progress, undefined)).toBe(true);
    expect(await listItems(session)).toHaveLength(10_000);
  }, 120_000);
});
