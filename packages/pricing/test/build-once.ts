import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { packageDir, testBuildDir } from './test-build.js';

/**
 * Vitest global setup: builds the package once into the test build directory, next to copies of
 * the files `npm pack` ships, so the CLI and pack tests run the code under test.
 */
export default function buildOnce(): void {
  rmSync(testBuildDir, { recursive: true, force: true });
  mkdirSync(testBuildDir, { recursive: true });
  const tsupManifest = createRequire(import.meta.url).resolve('tsup/package.json');
  const { bin } = JSON.parse(readFileSync(tsupManifest, 'utf8')) as { bin: { tsup: string } };
  const tsup = join(dirname(tsupManifest), bin.tsup);
  execFileSync(process.execPath, [tsup, '--out-dir', join(testBuildDir, 'dist')], {
    cwd: packageDir,
    stdio: 'pipe',
  });
  // What package.json's `files` ships besides dist/ (the bin shims, README, schema), and itself.
  const { files } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { files: string[] };
  for (const file of ['package.json', ...files.filter((name) => name !== 'dist')]) {
    cpSync(join(packageDir, file), join(testBuildDir, file), { recursive: true });
  }
}
