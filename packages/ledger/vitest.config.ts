import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Builds the package (the CLI tests run dist/cli.js) and starts a throwaway PostgreSQL.
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
