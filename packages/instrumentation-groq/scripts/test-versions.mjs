#!/usr/bin/env node
// The version matrix (in the spirit of opentelemetry-js-contrib's .tav.yml): installs each
// groq-sdk version into a temporary directory and runs this package's unit suite against it
// (vitest.config.ts aliases `groq-sdk` to GROQMETER_GROQ_SDK_DIR). `--versions 0.27.0,1.6.0` runs
// a subset. Exits non-zero when any version fails.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The last ten 0.x minors (0.28 was never published) and every 1.x minor, newest patch each. */
const GROQ_SDK_VERSIONS = [
  '0.27.0',
  '0.29.0',
  '0.30.0',
  '0.31.0',
  '0.32.0',
  '0.33.0',
  '0.34.0',
  '0.35.0',
  '0.36.0',
  '0.37.0',
  '1.1.2',
  '1.2.1',
  '1.3.0',
  '1.4.1',
  '1.5.0',
  '1.6.0',
];

const flag = process.argv.indexOf('--versions');
const versions = flag === -1 ? GROQ_SDK_VERSIONS : process.argv[flag + 1].split(',');
const root = mkdtempSync(join(tmpdir(), 'groqmeter-groq-sdk-'));
const failed = [];
try {
  for (const version of versions) {
    const dir = join(root, version);
    mkdirSync(dir);
    writeFileSync(join(dir, 'package.json'), '{"private":true}');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--silent', `groq-sdk@${version}`], {
      cwd: dir,
      stdio: 'inherit',
    });
    console.log(`\n=== groq-sdk ${version} ===`);
    const run = spawnSync('pnpm', ['exec', 'vitest', 'run'], {
      stdio: 'inherit',
      env: { ...process.env, GROQMETER_GROQ_SDK_DIR: join(dir, 'node_modules', 'groq-sdk') },
    });
    if (run.status !== 0) failed.push(version);
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
console.log(
  failed.length === 0 ? `\nall ${versions.length} groq-sdk versions pass` : `\nfailed: ${failed.join(', ')}`,
);
process.exit(failed.length === 0 ? 0 : 1);
