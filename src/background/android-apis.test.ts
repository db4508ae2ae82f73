// Firefox for Android has no `commands`, `contextMenus` (menus) or `idle`: setting up
// the background must not throw there, or auto-lock and clipboard clearing never start.
import { describe, expect, it, vi } from 'vitest';

const listeners: string[] = [];
const event = (name: string) => ({ addListener: () => void listeners.push(name) });
vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: { onInstalled: event('runtime.onInstalled') },
    alarms: { onAlarm: event('alarms.onAlarm') },
  },
}));

const { watchFillGestures } = await import('./fill-gestures');
const { watchForLockEvents } = await import('./auto-lock');

describe('a browser without commands, context menus and idle (Firefox for Android)', () => {
  it('sets up fill gestures and the lock watch without throwing, keeping the auto-lock alarm', () => {
    const tabs = { topUrl: async () => null, sendToFrame: async () => undefined, sendToTab: async () => undefined, activeTabId: async () => null };
    expect(() => watchFillGestures({} as never, tabs)).not.toThrow();
    expect(() => watchForLockEvents(async () => undefined, async () => ({}) as never)).not.toThrow();
    expect(listeners).toContain('alarms.onAlarm');
  });
});
