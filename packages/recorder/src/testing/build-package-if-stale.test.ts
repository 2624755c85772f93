import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { buildPackageIfStale } from './build-package-if-stale.js';

let packageDir: string;

/** A package whose `tsup` is a stand-in that appends a line to `dist/builds.log` (or fails when `src/fail` exists). */
beforeEach(() => {
  packageDir = mkdtempSync(join(tmpdir(), 'build-if-stale-'));
  const tsupDir = join(packageDir, 'node_modules', 'tsup');
  mkdirSync(join(tsupDir, 'dist'), { recursive: true });
  mkdirSync(join(packageDir, 'src', 'nested'), { recursive: true });
  writeFileSync(join(packageDir, 'package.json'), '{"name":"fixture","type":"module"}');
  writeFileSync(join(tsupDir, 'package.json'), '{"name":"tsup","version":"0.0.0"}');
  writeFileSync(
    join(tsupDir, 'dist', 'cli-default.js'),
    `const fs = require('node:fs');
if (fs.existsSync('src/fail')) { console.error('src/index.ts: syntax error'); process.exit(1); }
fs.mkdirSync('dist', { recursive: true });
fs.appendFileSync('dist/builds.log', 'built\\n');`,
  );
  writeFileSync(join(packageDir, 'src', 'nested', 'index.ts'), 'export {};');
});
afterEach(() => rmSync(packageDir, { recursive: true, force: true }));

function builds(): string {
  return readFileSync(join(packageDir, 'dist', 'builds.log'), 'utf8');
}

it('builds when dist/ is missing, then not again while it is newer than src/', () => {
  expect(buildPackageIfStale(packageDir)).toBe(true);
  expect(buildPackageIfStale(packageDir)).toBe(false);
  expect(builds()).toBe('built\n');
});

it('rebuilds when a nested source file is newer than the oldest built file', () => {
  buildPackageIfStale(packageDir);
  const later = new Date(Date.now() + 60_000);
  utimesSync(join(packageDir, 'src', 'nested', 'index.ts'), later, later);
  expect(buildPackageIfStale(packageDir)).toBe(true);
  expect(builds()).toBe('built\nbuilt\n');
});

it("throws with tsup's output when the build fails", () => {
  writeFileSync(join(packageDir, 'src', 'fail'), '');
  expect(() => buildPackageIfStale(packageDir)).toThrow(
    `building ${packageDir} for its tests failed (tsup exited with an error); fix the build, then run the tests again:\nsrc/index.ts: syntax error\n`,
  );
});
