#!/usr/bin/env node
// The version matrix (in the spirit of opentelemetry-js-contrib's .tav.yml): installs each
// groq-sdk version into a temporary directory and runs this package's unit suite against it
// (vitest.config.ts aliases `groq-sdk` to GROQMETER_GROQ_SDK_DIR). `--versions 0.27.0,1.6.0` runs
// a subset. `--sdk openai` does the same for the openai SDK (GROQMETER_OPENAI_DIR) with the
// openai suites; `--sdk all` runs both matrices. Exits non-zero when any version fails.
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

/**
 * The newest minor of each openai major. 7.x declares Node >= 22 (npm only warns) and passes these
 * suites on Node 20 too.
 */
const OPENAI_VERSIONS = ['4.104.0', '5.23.2', '6.30.1', '7.60.0'];

/** What differs per SDK: its versions, the variable naming its directory, the suites to run. */
const SDKS = {
  // withOptions() is new in 1.x: its suite runs on 1.x only.
  'groq-sdk': {
    versions: GROQ_SDK_VERSIONS,
    env: 'GROQMETER_GROQ_SDK_DIR',
    files: [],
    onlyV1: 'test/with-options.test.ts',
  },
  openai: {
    versions: OPENAI_VERSIONS,
    env: 'GROQMETER_OPENAI_DIR',
    files: ['test/openai.test.ts', 'test/openai-instrumentation.test.ts'],
  },
};

const option = (name) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
};
/** `--sdk all` runs every SDK's matrix, one after the other. */
const sdkOption = option('--sdk') ?? 'groq-sdk';
const sdkNames = sdkOption === 'all' ? Object.keys(SDKS) : [sdkOption];
if (sdkNames.some((name) => SDKS[name] === undefined)) {
  console.error(`--sdk ${sdkOption}: expected all or one of ${Object.keys(SDKS).join(', ')}`);
  process.exit(2);
}
const listed = option('--versions')?.split(',');
const failed = [];
let passed = 0;
for (const sdkName of sdkNames) {
  const sdk = SDKS[sdkName];
  const versions = listed ?? sdk.versions;
  const root = mkdtempSync(join(tmpdir(), `groqmeter-${sdkName}-`));
  try {
    for (const version of versions) {
      const dir = join(root, version);
      mkdirSync(dir);
      writeFileSync(join(dir, 'package.json'), '{"private":true}');
      execFileSync('npm', ['install', '--no-audit', '--no-fund', '--silent', `${sdkName}@${version}`], {
        cwd: dir,
        stdio: 'inherit',
      });
      console.log(`\n=== ${sdkName} ${version} ===`);
      const exclude = sdk.onlyV1 !== undefined && version.startsWith('0.') ? ['--exclude', sdk.onlyV1] : [];
      const run = spawnSync('pnpm', ['exec', 'vitest', 'run', ...sdk.files, ...exclude], {
        stdio: 'inherit',
        env: { ...process.env, [sdk.env]: join(dir, 'node_modules', sdkName) },
      });
      if (run.status === 0) passed += 1;
      else failed.push(`${sdkName} ${version}`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
console.log(
  failed.length === 0
    ? `\nall ${passed} versions pass (${sdkNames.join(', ')})`
    : `\n${passed} versions pass; failed: ${failed.join(', ')}`,
);
process.exit(failed.length === 0 ? 0 : 1);
