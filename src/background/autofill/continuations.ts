// Identifier-first sign-in (email on one view, password on the next) fills the
// second view from the login picked on the first, without a second pick. That
// convenience is also a way for a page to get a password without the person:
// so a continuation is a narrow, short-lived permission, not a memory of picks.
//
// - Only a pick in the inline menu starts one (fill-service.ts, menuFill).
// - It is bound to the tab, the frame and the exact origin of the pick; the next
//   view must be on that origin or on a host the identity provider itself moves
//   the sign-in to (microsoft-sites.ts, isSameSignInJourney).
// - It is usable only after the person submitted the step with a real pointer or
//   key action (the content script's SubmitWatch decides; a page's requestSubmit()
//   or button.click() does not count), and only once, within a minute.
// - Filling the next view may start the next link of the chain (a code view, or
//   a forced change of the password just filled), under the same rules.
import { isSameSignInJourney } from '../../shared/microsoft-sites';
import type { StorageArea } from '../storage-area';

const PREFIX = 'continuation.';
export const CONTINUATION_LIFETIME_MS = 60_000;

export type ContinuationField = 'password' | 'one-time-code';

export interface Continuation {
  itemId: string;
  tabId: number;
  frameId: number;
  origin: string;
  /** What the next view may receive. */
  next: ContinuationField[];
  /** The person submitted the step: only then may the next view be filled. */
  submitted: boolean;
  /** The username the person submitted, when the page showed one. */
  submittedUsername: string | null;
  expires: number;
}

export interface FrameRef {
  tabId: number;
  frameId: number;
  origin: string;
}

const keyOf = (tabId: number) => PREFIX + tabId;

async function read(area: StorageArea, tabId: number, now: number): Promise<Continuation | null> {
  const stored = (await area.get(keyOf(tabId)))[keyOf(tabId)] as Continuation | undefined;
  if (!stored || stored.expires <= now) return null;
  return stored;
}

export async function startContinuation(
  area: StorageArea,
  frame: FrameRef,
  itemId: string,
  next: ContinuationField[],
  now = Date.now(),
): Promise<void> {
  const continuation: Continuation = {
    itemId,
    tabId: frame.tabId,
    frameId: frame.frameId,
    origin: frame.origin,
    next,
    submitted: false,
    submittedUsername: null,
    expires: now + CONTINUATION_LIFETIME_MS,
  };
  await area.set({ [keyOf(frame.tabId)]: continuation });
}

/** The login picked a moment ago in this tab, for showing it first; grants nothing. */
export async function pickedItemId(area: StorageArea, tabId: number, now = Date.now()): Promise<string | null> {
  return (await read(area, tabId, now))?.itemId ?? null;
}

/** The person submitted the step in the frame of the pick: the next view may now be filled. */
export async function markSubmitted(area: StorageArea, frame: FrameRef, username: string | null, now = Date.now()): Promise<void> {
  const continuation = await read(area, frame.tabId, now);
  if (!continuation || continuation.frameId !== frame.frameId || continuation.origin !== frame.origin) return;
  await area.set({ [keyOf(frame.tabId)]: { ...continuation, submitted: true, submittedUsername: username ?? continuation.submittedUsername } });
}

/** Takes the continuation for a field of the next view, if that view may have it; it cannot be taken twice. */
export async function takeContinuation(area: StorageArea, frame: FrameRef, field: ContinuationField, now = Date.now()): Promise<Continuation | null> {
  const continuation = await read(area, frame.tabId, now);
  if (!continuation || !continuation.submitted || !continuation.next.includes(field)) return null;
  if (continuation.frameId !== frame.frameId || !isSameSignInJourney(continuation.origin, frame.origin)) return null;
  await area.remove(keyOf(frame.tabId));
  return continuation;
}

export async function endContinuation(area: StorageArea, tabId: number): Promise<void> {
  await area.remove(keyOf(tabId));
}
