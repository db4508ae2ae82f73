// The item list is asked for as the popup starts, alongside the vault status,
// rather than after it: one round trip less before a large vault shows.
import type { AnswerOf } from '../shared/protocol';
import { sendRequest } from '../shared/messaging';

type List = AnswerOf<'items.list'>;

/** How many rows fill the first screen of the list, with room to scroll a little. */
export const FIRST_PAGE = 40;

let firstPage: Promise<List | null> | null = sendRequest('items.list', { first: FIRST_PAGE }).catch(() => null);
// Asked once the first screen is in, so the large answer does not hold the small one up.
let full: Promise<List | null> | null = firstPage.then(() => sendRequest('items.list', {})).catch(() => null);

/** The lists fetched at start (first screen, then everything), once; later calls ask again. */
export function takePrefetchedLists(): { firstPage: Promise<List | null>; full: Promise<List | null> } | null {
  if (!firstPage || !full) return null;
  const taken = { firstPage, full };
  firstPage = null;
  full = null;
  return taken;
}
