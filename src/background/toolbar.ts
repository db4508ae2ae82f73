// The toolbar button tells the person two things without opening anything: how
// many saved logins match the page in the active tab (the badge), and whether
// the vault is locked (a dimmed icon and its title). Refreshed when the tab or
// its page changes and, debounced, after anything that may change the vault.
import browser from 'webextension-polyfill';
import type { LoginItem } from '../vault/model';
import { matchingLogins } from './autofill/site-match';
import type { VaultService } from './vault-service';

const REFRESH_DELAY_MS = 250;
const ICON_SIZES = [16, 32] as const;

export class Toolbar {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lockedIcon: Record<number, ImageData> | null = null;
  private shownLocked: boolean | null = null;

  constructor(
    private readonly vault: VaultService,
    private readonly activeTabId: () => Promise<number | null>,
  ) {}

  /** Refreshes shortly: many messages in a row cost one refresh. */
  refreshSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.refresh().catch(() => undefined);
    }, REFRESH_DELAY_MS);
  }

  async refresh(): Promise<void> {
    const unlocked = await this.vault.isUnlocked();
    await this.showLocked(!unlocked);
    const tabId = await this.activeTabId();
    if (tabId === null) return;
    const tab = await browser.tabs.get(tabId);
    let text = '';
    if (unlocked && tab.url) {
      const logins = (await this.vault.read()).items.filter((item): item is LoginItem => item.type === 'login');
      const count = matchingLogins(logins, tab.url).length;
      text = count === 0 ? '' : count > 99 ? '99+' : String(count);
    }
    await browser.action.setBadgeText({ tabId, text });
  }

  private async showLocked(locked: boolean): Promise<void> {
    if (this.shownLocked === locked) return;
    this.shownLocked = locked;
    await browser.action.setTitle({ title: locked ? 'Latchkey (locked)' : 'Latchkey' });
    // Locking or unlocking clears every tab's count; the active tab's is set again by refresh().
    for (const tab of await browser.tabs.query({})) if (tab.id !== undefined) await browser.action.setBadgeText({ tabId: tab.id, text: '' }).catch(() => undefined);
    if (!locked) {
      await browser.action.setIcon({ path: { 16: 'assets/icon-16.png', 32: 'assets/icon-32.png' } });
      return;
    }
    this.lockedIcon ??= await dimmedIcons().catch(() => null);
    if (this.lockedIcon) await browser.action.setIcon({ imageData: this.lockedIcon as never });
  }
}

/** The toolbar icon, dimmed: the locked look, drawn from the packaged icon (no extra assets). */
async function dimmedIcons(): Promise<Record<number, ImageData>> {
  const icons: Record<number, ImageData> = {};
  for (const size of ICON_SIZES) {
    const bitmap = await createImageBitmap(await (await fetch(browser.runtime.getURL(`assets/icon-${size}.png`))).blob());
    const canvas = new OffscreenCanvas(size, size);
    const context = canvas.getContext('2d')!;
    context.globalAlpha = 0.35;
    context.drawImage(bitmap, 0, 0, size, size);
    icons[size] = context.getImageData(0, 0, size, size);
  }
  return icons;
}
