// Copying secrets. The background clears the clipboard after the delay the
// person chose, if it still holds what was copied: the popup itself closes as
// soon as the person clicks into a page to paste.
import { sendRequest } from '../shared/messaging';

export async function copySecret(value: string): Promise<void> {
  await navigator.clipboard.writeText(value);
  await sendRequest('clipboard.copied', { text: value });
}
