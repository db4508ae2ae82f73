// Messages that go into a page: from the background to a content script, and
// from a content script to the extension views it hosts (the inline menu).
// A page can reach neither channel directly, but both are parsed on receipt,
// like the background router parses what it gets: exact shape, known type,
// nothing cast. Secrets never travel here: a fill command only says that a
// fill is ready, and the content script asks for the values (autofill.takeFill).
import { integer, literal, object, string, type Schema } from './validate';

const token = string({ min: 16, max: 64 });
const origin = string({ min: 1, max: 2048 });

const commandSchemas = {
  /** The person chose something in the menu opened with this token: fill the field it was opened on. */
  'content.fill': object({ type: literal('content.fill'), token, origin }),
  /** The person chose "Fill" in the popup: fill this page's login form. */
  'content.fillPage': object({ type: literal('content.fillPage'), token, origin }),
  'content.closeMenu': object({ type: literal('content.closeMenu'), token }),
  /** The menu's content is this tall (the menu page tells the background, never the page). */
  'content.menuSize': object({ type: literal('content.menuSize'), token, height: integer({ min: 0, max: 10_000 }) }),
  'content.showPrompt': object({ type: literal('content.showPrompt'), token }),
  'content.closePrompt': object({ type: literal('content.closePrompt'), token }),
  /** The person asked to fill from outside the page (keyboard shortcut, context menu). */
  'content.fillRequested': object({ type: literal('content.fillRequested') }),
} as const;

type Schemas = typeof commandSchemas;
export type ContentCommandType = keyof Schemas;
export type ContentCommand = { [T in ContentCommandType]: Schemas[T] extends Schema<infer C> ? C : never }[ContentCommandType];

/** A background command as the content script may act on it, or null for anything else. */
export function parseContentCommand(message: unknown): ContentCommand | null {
  if (typeof message !== 'object' || message === null) return null;
  const type = (message as { type?: unknown }).type;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(commandSchemas, type)) return null;
  try {
    return commandSchemas[type as ContentCommandType].parse(message, 'command') as ContentCommand;
  } catch {
    return null;
  }
}

/** What the content script tells the menu frame it hosts (postMessage to our own origin). */
export type MenuHostMessage = { type: 'latchkey:menu-open'; token: string } | { type: 'latchkey:menu-close' };

const menuOpen = object({ type: literal('latchkey:menu-open'), token });
const menuClose = object({ type: literal('latchkey:menu-close') });

export function parseMenuHostMessage(message: unknown): MenuHostMessage | null {
  for (const schema of [menuOpen, menuClose] as Schema<MenuHostMessage>[]) {
    try {
      return schema.parse(message, 'message');
    } catch {
      // try the next shape
    }
  }
  return null;
}
