import { describe, expect, it } from 'vitest';
import { memoryArea } from '../memory-area';
import { CONTINUATION_LIFETIME_MS, markSubmitted, pickedItemId, startContinuation, takeContinuation } from './continuations';

const PICK = { tabId: 7, frameId: 0, origin: 'https://login.microsoftonline.com' };
const T0 = 1_000_000;

async function picked(next: ('password' | 'one-time-code')[] = ['password', 'one-time-code']) {
  const area = memoryArea();
  await startContinuation(area, PICK, 'item-1', next, T0);
  return area;
}

describe('identifier-first continuations', () => {
  it('gives nothing before the person submitted the step', async () => {
    const area = await picked();
    expect(await takeContinuation(area, PICK, 'password', T0 + 100)).toBeNull();
  });

  it('gives the picked item once after a submit in the same frame and origin', async () => {
    const area = await picked();
    await markSubmitted(area, PICK, 'adele@contoso.example', T0 + 50);
    const taken = await takeContinuation(area, PICK, 'password', T0 + 100);
    expect(taken).toMatchObject({ itemId: 'item-1', submittedUsername: 'adele@contoso.example' });
    expect(await takeContinuation(area, PICK, 'password', T0 + 120)).toBeNull();
  });

  it('ignores a submit reported from another frame, tab or origin', async () => {
    for (const other of [
      { ...PICK, frameId: 3 },
      { ...PICK, tabId: 8 },
      { ...PICK, origin: 'https://evil.example' },
      { ...PICK, origin: 'https://login.live.com' },
    ]) {
      const area = await picked();
      await markSubmitted(area, other, null, T0 + 50);
      expect(await takeContinuation(area, PICK, 'password', T0 + 100), JSON.stringify(other)).toBeNull();
    }
  });

  it('is taken only by the same frame, on the same origin or the identity provider’s listed next host', async () => {
    const cases: [typeof PICK, boolean][] = [
      [PICK, true],
      [{ ...PICK, origin: 'https://login.live.com' }, true],
      [{ ...PICK, origin: 'https://contoso.sharepoint.com' }, false],
      [{ ...PICK, origin: 'https://microsoftonline.com.evil.example' }, false],
      [{ ...PICK, frameId: 2 }, false],
      [{ ...PICK, tabId: 9 }, false],
    ];
    for (const [asker, allowed] of cases) {
      const area = await picked();
      await markSubmitted(area, PICK, null, T0 + 10);
      expect((await takeContinuation(area, asker, 'password', T0 + 20)) !== null, JSON.stringify(asker)).toBe(allowed);
    }
  });

  it('expires within a minute', async () => {
    const area = await picked();
    await markSubmitted(area, PICK, null, T0 + 10);
    expect(await takeContinuation(area, PICK, 'password', T0 + CONTINUATION_LIFETIME_MS + 1)).toBeNull();
    expect(CONTINUATION_LIFETIME_MS).toBeLessThanOrEqual(60_000);
  });

  it('gives only the kinds of field it was started for', async () => {
    const area = await picked(['one-time-code']);
    await markSubmitted(area, PICK, null, T0 + 10);
    expect(await takeContinuation(area, PICK, 'password', T0 + 20)).toBeNull();
    expect(await takeContinuation(area, PICK, 'one-time-code', T0 + 30)).not.toBeNull();
  });

  it('names the picked item for the menu without granting anything', async () => {
    const area = await picked();
    expect(await pickedItemId(area, PICK.tabId, T0 + 10)).toBe('item-1');
    expect(await takeContinuation(area, PICK, 'password', T0 + 20)).toBeNull();
  });
});
