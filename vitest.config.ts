import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Builds dist/ first: tests that start `till` as a process run the production bundle (issue 12).
    globalSetup: ['test/support/global-build.ts'],
  },
});
