import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: test files that each start a sandbox (dynalite child + proxy) run two at a time.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
