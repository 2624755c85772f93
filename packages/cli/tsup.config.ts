import { defineConfig } from 'tsup';

export default defineConfig({
  // src/cli.ts starts with a #!/usr/bin/env node line, which esbuild keeps at the top of dist/cli.js.
  entry: ['src/index.ts', 'src/cli.ts'],
  format: ['esm', 'cjs'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  sourcemap: true,
  target: 'node20',
  // import.meta.url (where the tools are looked up from) also works in the CJS build.
  shims: true,
});
