// Copying secrets: the clipboard is cleared after the delay the person chose,
// but only if it still holds what Latchkey put there.
import { sendRequest } from '../shared/messaging';

let pending: ReturnType<typeof setTimeout> | null = null;

export async function copySecret(value: string): Promise<void> {
  await navigator.clipboard.writeText(value);
  const { clipboardClearSeconds } = await sendRequest('settings.get', {});
  if (pending) clearTimeout(pending);
  if (clipboardClearSeconds <= 0) return;
  pending = setTimeout(async () => {
    pending = null;
    try {
      // Reading needs the page to have focus; if it does not, clearing unread is the safe choice.
      const current = await navigator.clipboard.readText().catch(() => value);
      if (current === value) await navigator.clipboard.writeText('');
    } catch {
      // The popup lost focus or closed: nothing more can be done from here.
    }
  }, clipboardClearSeconds * 1000);
}
