import { defineConfig } from 'vitest/config';

// Browser tests: each file launches real Chromium and Firefox with the built
// extension. Files run one at a time: two browsers at once is all this machine's
// two cores carry without making timings meaningless.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 90_000,
    reporters: ['default'],
  },
});
