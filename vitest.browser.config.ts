import { defineConfig } from 'vitest/config';

// Browser tests: Debian's Chromium (playwright-core) against a real `wrangler dev` that the tests start.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
