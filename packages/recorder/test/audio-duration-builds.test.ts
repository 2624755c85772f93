import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPackageIfStale } from '../src/testing/build-package-if-stale.js';

const PACKAGE_DIR = join(import.meta.dirname, '..');
const MP3 = join(import.meta.dirname, 'audio', 'tone-30s.mp3');

/** Runs `script` in a plain Node process, as an app using the built package would. */
function runNode(inputType: 'commonjs' | 'module', script: string): string {
  return execFileSync(process.execPath, ['--input-type', inputType, '-e', script], {
    cwd: PACKAGE_DIR,
    encoding: 'utf8',
  }).trim();
}

describe('the built package reads audio durations from both module systems', () => {
  // music-metadata is ESM-only: the CJS build must load it with a dynamic import().
  beforeAll(() => {
    buildPackageIfStale(PACKAGE_DIR);
  }, 120_000);

  it('require()s the CJS build', () => {
    const cjs = join(PACKAGE_DIR, 'dist', 'index.cjs');
    const script = `const { readFileSync } = require('node:fs');
      const { readUploadDurationSeconds } = require(${JSON.stringify(cjs)});
      readUploadDurationSeconds(readFileSync(${JSON.stringify(MP3)})).then((s) => console.log(s));`;
    expect(runNode('commonjs', script)).toBe('30');
  });

  it('imports the ESM build', () => {
    const esm = new URL(`file://${join(PACKAGE_DIR, 'dist', 'index.js')}`).href;
    const script = `import { readFileSync } from 'node:fs';
      import { readAudioDurationSeconds } from ${JSON.stringify(esm)};
      console.log(await readAudioDurationSeconds(readFileSync(${JSON.stringify(MP3)})));`;
    expect(runNode('module', script)).toBe('30');
  });
});
