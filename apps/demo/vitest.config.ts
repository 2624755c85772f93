import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The CLI tests run the built dist/cli.js, as `pnpm start` does; this builds it when stale.
    globalSetup: ['test/build-demo.ts'],
  },
});
