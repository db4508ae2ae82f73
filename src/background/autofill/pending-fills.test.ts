import { describe, expect, it } from 'vitest';
import { PendingFills } from './pending-fills';

const TARGET = { tabId: 4, frameId: 0, origin: 'https://example.com', documentId: 'doc-A' };
const VALUES = { username: 'alice', password: 'secret-1' };

describe('pending fills', () => {
  it('hands the values once, to the frame, origin and document they were decided for', () => {
    const fills = new PendingFills(() => 0);
    const token = fills.offer(TARGET, VALUES);
    expect(fills.take(token, TARGET)).toEqual(VALUES);
    expect(fills.take(token, TARGET)).toBeNull();
  });

  it('refuses another document, origin, frame or tab, and the fill is gone after a wrong try', () => {
    for (const asker of [
      { ...TARGET, documentId: 'doc-B' },
      { ...TARGET, origin: 'https://evil.example' },
      { ...TARGET, frameId: 2 },
      { ...TARGET, tabId: 5 },
    ]) {
      const fills = new PendingFills(() => 0);
      const token = fills.offer(TARGET, VALUES);
      expect(fills.take(token, asker), JSON.stringify(asker)).toBeNull();
      expect(fills.take(token, TARGET)).toBeNull();
    }
  });

  it('matches by origin where the browser reports no document ids (Firefox)', () => {
    const fills = new PendingFills(() => 0);
    const token = fills.offer({ tabId: 4, frameId: 0, origin: 'https://example.com' }, VALUES);
    expect(fills.take(token, { tabId: 4, frameId: 0, origin: 'https://example.com' })).toEqual(VALUES);
  });

  it('expires after a few seconds, and an unknown token gets nothing', () => {
    let now = 0;
    const fills = new PendingFills(() => now);
    const token = fills.offer(TARGET, VALUES);
    now = 60_000;
    expect(fills.take(token, TARGET)).toBeNull();
    expect(fills.take('no-such-token-at-all', TARGET)).toBeNull();
  });
});
