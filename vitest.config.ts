import { defineConfig } from 'vitest/config';

// Unit tests only: pure logic beside the code (src/**/*.test.ts) and in test/unit/.
// Browser tests live in test/e2e/ and run through scripts/e2e.mjs against real browsers.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
