import { describe, expect, it, vi } from 'vitest';
import { memoryArea } from './memory-area';

vi.mock('webextension-polyfill', () => ({ default: { alarms: { create: vi.fn(async () => undefined) } } }));
const { clearAfterRestart, clearIfStillOurs, scheduleClipboardClear } = await import('./clipboard-clear');

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
    const local = memoryArea();
    await scheduleClipboardClear(session, local, 'S3cret!', 30);
    const clipboard = fakeClipboard('S3cret!');
    expect(await clearIfStillOurs(session, local, clipboard)).toBe(true);
    expect(clipboard.text).toBe('');
  });

  it('leaves the clipboard alone when the person copied something else since', async () => {
    const session = memoryArea();
    const local = memoryArea();
    await scheduleClipboardClear(session, local, 'S3cret!', 30);
    const clipboard = fakeClipboard('a shopping list');
    expect(await clearIfStillOurs(session, local, clipboard)).toBe(false);
    expect(clipboard.text).toBe('a shopping list');
  });

  it('keeps no plaintext of the secret while waiting', async () => {
    const session = memoryArea();
    const local = memoryArea();
    await scheduleClipboardClear(session, local, 'S3cret!', 30);
    expect(JSON.stringify([...session.data])).not.toContain('S3cret!');
  });

  it('keys the fingerprint with a secret of this session: the same text in another session looks different', async () => {
    const [first, second] = [memoryArea(), memoryArea()];
    await scheduleClipboardClear(first, memoryArea(), 'S3cret!', 30);
    await scheduleClipboardClear(second, memoryArea(), 'S3cret!', 30);
    expect(first.data.get('clipboard.fingerprint')).not.toBe(second.data.get('clipboard.fingerprint'));
    const { sha256 } = await import('@noble/hashes/sha2.js');
    const unkeyed = Buffer.from(sha256(new TextEncoder().encode('S3cret!'))).toString('base64');
    expect(first.data.get('clipboard.fingerprint')).not.toBe(unkeyed);
  });

  it('empties the clipboard at the next browser start when a clear was pending, and keeps no secret at rest for it', async () => {
    const local = memoryArea();
    await scheduleClipboardClear(memoryArea(), local, 'S3cret!', 30);
    expect(JSON.stringify([...local.data])).not.toContain('S3cret!');
    const clipboard = fakeClipboard('S3cret!');
    expect(await clearAfterRestart(local, clipboard)).toBe(true);
    expect(clipboard.text).toBe('');
    expect(await clearAfterRestart(local, fakeClipboard('later'))).toBe(false);
  });
});
