import { defineConfig } from 'tsup';

export default defineConfig({
  // The decode worker is a file of its own: a worker thread runs it by path.
  entry: ['src/index.ts', 'src/decode-worker.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  // The off-thread decoder finds its worker from import.meta.url, in the CommonJS build too.
  shims: true,
});
