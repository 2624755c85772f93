import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // npm builds better-sqlite3 from source (no prebuilt binary can be downloaded here).
    hookTimeout: 600_000,
    testTimeout: 120_000,
    // One file at a time: each installs its own fresh npm apps.
    fileParallelism: false,
  },
});
