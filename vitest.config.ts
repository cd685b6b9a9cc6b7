import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Integration tests start real PostgreSQL servers; two cores, so keep files from piling up.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
