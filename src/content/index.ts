// The isolated-world content script. It runs on every page, so until a person
// focuses a field it does nothing but listen for focus.
import { sendRequest } from '../shared/messaging';
import { fieldKindOf } from './field-kind';
import { InlineMenuHost } from './inline-menu-host';

const menu = new InlineMenuHost();

async function offerMenu(field: HTMLInputElement): Promise<void> {
  const kind = fieldKindOf(field);
  if (!kind) return;
  let token: string;
  try {
    // The background learns this frame's tab and origin from the sender, not from us.
    ({ token } = await sendRequest('autofill.openMenu', { fieldKind: kind }));
  } catch {
    return;
  }
  if (document.activeElement === field || field.getRootNode() !== document) menu.open(field, token);
}

document.addEventListener(
  'focusin',
  (event) => {
    const target = event.composedPath()[0];
    if (target instanceof HTMLInputElement) void offerMenu(target);
  },
  true,
);

document.addEventListener(
  'keydown',
  (event) => {
    if (event.key === 'Escape') menu.close();
  },
  true,
);

document.addEventListener(
  'pointerdown',
  (event) => {
    const target = event.composedPath()[0] ?? null;
    if (!menu.isOpenFor(target) && !(target instanceof Element && target.localName === 'latchkey-menu')) menu.close();
  },
  true,
);
