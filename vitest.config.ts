import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // 2-core machines: two workers keep e2e tests (which spawn node) from starving each other.
    maxWorkers: 2,
  },
});
