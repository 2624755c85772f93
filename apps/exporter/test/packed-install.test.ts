import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplesOf, scrape } from './exposition.js';
import { jsonCounter, jsonRequest, postJson } from './otlp-json.js';

const EXPORTER_DIR = resolve(import.meta.dirname, '..');
/** The workspace packages the exporter depends on, directly or through the ledger. */
const DEPENDENCY_DIRS = ['pricing', 'otlp', 'recorder', 'ledger'].map((name) =>
  resolve(EXPORTER_DIR, '../../packages', name),
);
const SIMULATOR_DIR = resolve(EXPORTER_DIR, '../../packages/groq-simulator');
/** What the README quickstart imports besides the packed packages, at the repository's pins. */
const QUICKSTART_DEPENDENCIES = [
  '@opentelemetry/api@1.9.0',
  '@opentelemetry/sdk-metrics@2.12.0',
  '@opentelemetry/resources@2.12.0',
  '@opentelemetry/exporter-metrics-otlp-proto@0.223.0',
];

let workDir: string;
let appDir: string;

/**
 * Packs the exporter and the workspace packages it depends on (pnpm rewrites `workspace:*` to
 * versions that are not on the registry), plus the simulator the README quickstart uses, and
 * installs the tarballs together with npm into a fresh app, as a user would.
 */
beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'groqmeter-exporter-pack-'));
  // Asynchronous, so that the test worker keeps answering vitest while npm builds better-sqlite3
  // from source where its prebuilt binary cannot be downloaded.
  const run = (command: string, args: string[], cwd: string) =>
    promisify(execFile)(command, args, { cwd, encoding: 'utf8', timeout: 240_000 });
  for (const dependency of [...DEPENDENCY_DIRS, SIMULATOR_DIR]) {
    if (!existsSync(join(dependency, 'dist/index.js'))) await run('pnpm', ['build'], dependency);
  }
  await run('pnpm', ['build'], EXPORTER_DIR);
  const tarballs = join(workDir, 'tarballs');
  for (const directory of [...DEPENDENCY_DIRS, SIMULATOR_DIR, EXPORTER_DIR]) {
    await run('pnpm', ['pack', '--pack-destination', tarballs], directory);
  }
  appDir = join(workDir, 'app');
  mkdirSync(appDir);
  writeFileSync(join(appDir, 'package.json'), JSON.stringify({ name: 'fresh-app', private: true }));
  const files = readdirSync(tarballs).map((file) => join(tarballs, file));
  await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', ...files, ...QUICKSTART_DEPENDENCIES],
    appDir,
  );
  copyFileSync(join(EXPORTER_DIR, 'examples/quickstart.mjs'), join(appDir, 'quickstart.mjs'));
}, 300_000);

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('the packed tarball installed with npm in a fresh app', () => {
  it('runs the README quickstart and prints what the README shows', () => {
    const shown = /```js\n\/\/ quickstart\.mjs: npm install [^\n]*\n\/\/ [^\n]*\n([\s\S]*?)```/.exec(
      readFileSync(join(EXPORTER_DIR, 'README.md'), 'utf8'),
    );
    expect(shown?.[1]).toBe(readFileSync(join(EXPORTER_DIR, 'examples/quickstart.mjs'), 'utf8'));
    const output = execFileSync(process.execPath, ['quickstart.mjs'], {
      cwd: appDir,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(output).toBe(readmeQuickstartOutput());
  });

  it('loads as ESM and as CommonJS', () => {
    const esm = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "const m = await import('@groqmeter/exporter'); console.log(typeof m.startExporter, typeof m.loadExporterConfig)",
      ],
      { cwd: appDir, encoding: 'utf8' },
    );
    const cjs = execFileSync(
      process.execPath,
      [
        '-e',
        "const m = require('@groqmeter/exporter'); console.log(typeof m.startExporter, m.DEFAULT_EXPORTER_CONFIG.otlpPort)",
      ],
      { cwd: appDir, encoding: 'utf8' },
    );
    expect([esm.trim(), cjs.trim()]).toEqual(['function function', 'function 4318']);
  });

  it('runs the groqmeter-exporter bin: receives a push, serves it, and stops cleanly on SIGTERM', async () => {
    const bin = join(appDir, 'node_modules/.bin/groqmeter-exporter');
    const args = ['--otlp-port', '0', '--metrics-port', '0', '--budget', 'feature=team-a:month:500'];
    const child = spawn(bin, [...args, '--ledger-db', 'sqlite:./ledger.db'], {
      cwd: appDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const logs: Record<string, unknown>[] = [];
    const listening = new Promise<{ otlpUrl: string; metricsUrl: string }>((resolveUrls, reject) => {
      let buffered = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          const entry = JSON.parse(line) as Record<string, unknown>;
          logs.push(entry);
          if (entry.msg === 'groqmeter exporter listening')
            resolveUrls(entry as { otlpUrl: string; metricsUrl: string });
        }
      });
      child.once('exit', (code) => reject(new Error(`the bin exited early with ${code}`)));
    });
    try {
      const { otlpUrl, metricsUrl } = await listening;
      await postJson(
        otlpUrl,
        jsonRequest({ 'service.name': 'packed' }, [
          jsonCounter('groq.requests', [{ labels: { model: 'm' }, value: 3 }]),
        ]),
      );
      const { samples } = await scrape(metricsUrl);
      expect(
        samplesOf(samples, 'groq_requests_total', { job: 'packed' }).map((sample) => sample.value),
      ).toEqual([3]);
      expect(samplesOf(samples, 'groqmeter_budget_usd')).toEqual([
        {
          name: 'groqmeter_budget_usd',
          labels: {
            budget: 'feature-team-a-month',
            enforce: 'false',
            period: 'month',
            scope: 'feature=team-a',
          },
          value: 500,
        },
      ]);
      const exitCode = await stop(child);
      expect(exitCode).toBe(0);
      expect(logs.map((entry) => entry.msg)).toEqual([
        'groqmeter exporter listening',
        'groqmeter exporter stopped',
      ]);
      // The ledger (and its SQLite driver) loaded from the packed tarballs.
      expect(logs[0]?.ledger).toBe(`sqlite:${join(appDir, 'ledger.db')}`);
      expect(existsSync(join(appDir, 'ledger.db'))).toBe(true);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('explains a ledger it cannot open and exits with 2', () => {
    expect(failedRun(['--ledger-db', 'postgres://'])).toEqual([
      2,
      'groqmeter-exporter: --ledger-db: the PostgreSQL URL names no host; expected sqlite:PATH, a file path, or postgres://USER:PASSWORD@HOST:PORT/DATABASE\n',
    ]);
  });

  it('explains a bad flag and exits with 2', () => {
    expect(failedRun(['--series-cap', 'many'])).toEqual([
      2,
      'groqmeter-exporter: --series-cap: expected a whole number of at least 1, got "many"\n',
    ]);
  });
});

/** The exit code and stderr of the installed bin run with `args`, which must make it fail. */
function failedRun(args: string[]): [number | undefined, string] {
  try {
    execFileSync(join(appDir, 'node_modules/.bin/groqmeter-exporter'), args, {
      cwd: appDir,
      stdio: 'pipe',
      encoding: 'utf8',
    });
  } catch (error) {
    const { status, stderr } = error as { status: number; stderr: string };
    return [status, stderr];
  }
  throw new Error(`groqmeter-exporter ${args.join(' ')} exited with 0; expected it to fail`);
}

/** The output block the README shows under the quickstart (after `<!-- quickstart-output -->`). */
function readmeQuickstartOutput(): string {
  const readme = readFileSync(join(EXPORTER_DIR, 'README.md'), 'utf8');
  const match = /<!-- quickstart-output -->\s*```text\n([\s\S]*?)```/.exec(readme);
  if (!match) throw new Error('README.md has no quickstart output block after <!-- quickstart-output -->');
  return match[1]!;
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolveExit) => {
    child.once('exit', (code) => resolveExit(code));
    child.kill('SIGTERM');
  });
}
