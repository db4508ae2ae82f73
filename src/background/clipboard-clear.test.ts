import { describe, expect, it, vi } from 'vitest';
import { memoryArea } from './memory-area';

vi.mock('webextension-polyfill', () => ({ default: { alarms: { create: vi.fn(async () => undefined) } } }));
const { clearIfStillOurs, scheduleClipboardClear } = await import('./clipboard-clear');

function fakeClipboard(initial: string) {
  let text = initial;
  return {
    read: async () => text,
    write: async (next: string) => {
      text = next;
    },
    get text() {
      return text;
    },
  };
}

describe('clipboard clearing', () => {
  it('empties the clipboard when it still holds the copied secret', async () => {
    const session = memoryArea();
    await scheduleClipboardClear(session, 'S3cret!', 30);
    const clipboard = fakeClipboard('S3cret!');
    expect(await clearIfStillOurs(session, clipboard)).toBe(true);
    expect(clipboard.text).toBe('');
  });

  it('leaves the clipboard alone when the person copied something else since', async () => {
    const session = memoryArea();
    await scheduleClipboardClear(session, 'S3cret!', 30);
    const clipboard = fakeClipboard('a shopping list');
    expect(await clearIfStillOurs(session, clipboard)).toBe(false);
    expect(clipboard.text).toBe('a shopping list');
  });

  it('keeps no plaintext of the secret while waiting', async () => {
    const session = memoryArea();
    await scheduleClipboardClear(session, 'S3cret!', 30);
    expect(JSON.stringify([...session.data])).not.toContain('S3cret!');
  });
});
