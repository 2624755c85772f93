import { defineConfig } from 'tsup';

export default defineConfig({
  // src/cli.ts starts with a #!/usr/bin/env node line, which esbuild keeps in dist/cli.js.
  entry: ['src/index.ts', 'src/cli.ts'],
  format: ['esm', 'cjs'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  sourcemap: true,
  target: 'node20',
  // The pages find their assets from import.meta.url, in the CommonJS build too.
  shims: true,
});
