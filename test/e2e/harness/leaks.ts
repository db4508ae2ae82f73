import type { ConsoleWatch } from './console-watch';

/** Ends a session: a secret of the test in the browser's console fails the suite that leaked it. */
export function assertNoLeak(watch: ConsoleWatch): void {
  const leaked = watch.leaks();
  if (leaked.length > 0) throw new Error(`A secret of this test appeared in the browser console (${leaked.length} of them; ${watch.count} messages)`);
}
