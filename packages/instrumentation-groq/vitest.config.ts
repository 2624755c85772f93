import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The child-process tests run the built package, as its users do.
    globalSetup: ['./test/build-once.ts'],
    testTimeout: 20_000,
  },
});
