import { describe, expect, it } from 'vitest';
import { lockEverything } from './lock';
import { memoryArea } from './memory-area';

describe('locking', () => {
  it('removes every secret and pending state from the session, keeping only the clipboard’s pending clear', async () => {
    const session = memoryArea({
      'session.vaultKey': 'a2V5',
      'capture.4': { password: 'Typed-Secret-1!' },
      'continuation.4': { itemId: 'x' },
      'identifier.4': { username: 'alice' },
      'menu.abc': { tabId: 4 },
      'session.presenceAt': 1,
      'clipboard.fingerprint': 'f',
    });
    let forgotten = false;
    let locked = false;
    await lockEverything({
      vault: {
        lock: async () => {
          locked = true;
          return { state: 'locked', retryAfter: null, notice: null };
        },
      },
      session,
      forgetInMemory: () => {
        forgotten = true;
      },
    });
    expect(locked && forgotten).toBe(true);
    expect([...session.data.keys()]).toEqual(['clipboard.fingerprint']);
  });
});
