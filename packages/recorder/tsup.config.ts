import { defineConfig } from 'tsup';

export default defineConfig({
  // `testing/index` is the `@groqmeter/recorder/testing` entry (its OTel SDK imports stay external).
  entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
});
