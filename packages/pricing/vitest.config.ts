import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Builds dist/ once, so the CLI and pack tests run the code under test, not a stale build.
    globalSetup: ['./test/build-once.ts'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
