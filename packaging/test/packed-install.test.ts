/**
 * The public packages as users get them before anything is published: `pnpm pack:all`'s tarballs,
 * checked with publint and attw, installed with npm (not pnpm) into fresh apps, each package
 * README's first example saved and run there as written, and the bins run as a person would.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, freshNpmApp, startUntil } from './packed-app.js';
import { type Command, firstExample, installedPackages } from './readme-example.js';
import { packAll, pinnedVersion, publicPackages, ROOT, run, USER_ENV } from './workspace.js';

const PACKAGES = publicPackages();
/** What the slim app installs: the exporter and the `groqmeter` bin without the ledger or the proxy. */
const SLIM = [
  'groqmeter',
  '@groqmeter/exporter',
  '@groqmeter/budgets',
  '@groqmeter/groq-simulator',
  '@groqmeter/pricing',
  '@groqmeter/otlp',
  '@groqmeter/recorder',
  '@groqmeter/service-kit',
];
/**
 * Packages whose README's first example is a session of several long-running processes (the
 * proxy's: simulator, exporter and proxy in the background, a Python client, then curl), which
 * this runner of single-process examples does not drive; their READMEs are checked by their own
 * packages' tests.
 */
const MULTI_PROCESS_EXAMPLES = new Set(['@groqmeter/proxy']);

let work: string;
let tarballs: Map<string, string>;
/** Every tarball and every third-party package a README installs. */
let fullApp: string;
/** The exporter and the groqmeter bin only: no ledger, no proxy, no database driver. */
let slimApp: string;

/** The tarball `pnpm pack` names `name@version`. */
function tarballName(name: string, version: string): string {
  return `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;
}

function versionOf(dir: string): string {
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The third-party packages of every README, at the README's version or else the repository's pin. */
function thirdPartySpecs(): string[] {
  const specs = new Map<string, string>();
  for (const { dir } of PACKAGES) {
    for (const spec of installedPackages(join(dir, 'README.md'))) {
      const at = spec.lastIndexOf('@');
      const [name, version] = at > 0 ? [spec.slice(0, at), spec.slice(at + 1)] : [spec, undefined];
      if (name === 'groqmeter' || name.startsWith('@groqmeter/')) continue;
      specs.set(name, `${name}@${version ?? pinnedVersion(name)}`);
    }
  }
  return [...specs.values()].sort();
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'groqmeter-packed-'));
  const packed = await packAll(join(work, 'tarballs'));
  tarballs = new Map(
    PACKAGES.map(({ name, dir }) => [name, join(work, 'tarballs', tarballName(name, versionOf(dir)))]),
  );
  expect(packed.map((path) => basename(path)).sort()).toEqual(
    [...tarballs.values()].map((path) => basename(path)).sort(),
  );
  fullApp = join(work, 'full-app');
  slimApp = join(work, 'slim-app');
  await Promise.all([
    freshNpmApp(fullApp, [...tarballs.values(), ...thirdPartySpecs()]),
    freshNpmApp(
      slimApp,
      SLIM.map((name) => tarballs.get(name) as string),
    ),
  ]);
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('pnpm pack:all', () => {
  it('writes one tarball per public package, and none for the private ones', () => {
    expect([...tarballs.keys()]).toEqual(
      expect.arrayContaining(['groqmeter', '@groqmeter/exporter', '@groqmeter/instrumentation-groq']),
    );
    expect(
      [...tarballs.keys()].filter((name) => /demo|e2e|bench|grafana|example|packaging/.test(name)),
    ).toEqual([]);
  });

  it.each(PACKAGES.map(({ name }) => [name]))('%s passes publint --strict', async (name) => {
    const { stdout } = await run('pnpm', ['exec', 'publint', '--strict', tarballs.get(name) as string], ROOT);
    expect(stdout).not.toMatch(/^(Errors|Warnings):/m);
  });

  it.each(PACKAGES.map(({ name }) => [name]))(
    '%s passes attw: ESM, CommonJS and types resolve for node10, node16 (from CJS and ESM) and bundler',
    async (name) => {
      const { stdout } = await run(
        'pnpm',
        ['exec', 'attw', tarballs.get(name) as string, '--format', 'json'],
        ROOT,
      );
      const { analysis } = JSON.parse(stdout) as { analysis: { problems: unknown[] } };
      expect(analysis.problems).toEqual([]);
    },
  );
});

describe('installed with npm in a fresh app', () => {
  it.each(PACKAGES.map(({ name }) => [name]))('%s loads with import and with require', (name) => {
    const printed = (args: string[]) =>
      execFileSync(process.execPath, args, { cwd: fullApp, encoding: 'utf8' });
    const esm = printed([
      '--input-type=module',
      '-e',
      `console.log(Object.keys(await import('${name}')).length > 0)`,
    ]);
    const cjs = printed(['-e', `console.log(Object.keys(require('${name}')).length > 0)`]);
    expect([esm, cjs]).toEqual(['true\n', 'true\n']);
  });

  it.each(
    PACKAGES.filter(({ name }) => !MULTI_PROCESS_EXAMPLES.has(name)).map(({ name, dir }) => [name, dir]),
  )("%s: the README's first example runs as written and prints the README's output", async (_name, dir) => {
    const example = firstExample(join(dir, 'README.md'));
    if (example.program) writeFileSync(join(fullApp, example.program.fileName), example.program.code);
    const printed = (await runCommands(example.commands, fullApp)).split('\n').map(runIndependent);
    expect(printed.join('\n')).not.toBe('');
    // Every line the README shows is printed (a README may show an excerpt of a longer output).
    const shown = (example.expectedOutput ?? '')
      .trimEnd()
      .split('\n')
      .filter((line) => line !== '');
    expect(shown.map(runIndependent).filter((line) => !printed.includes(line))).toEqual([]);
  });
});

/**
 * A line of output with what differs from run to run masked: a port chosen at random, and what a
 * simulator's rate limiter says after a wall-clock wait (headroom "7965 260ms", reset seconds).
 * The OTel scope labels (name, version, schema URL) are dropped on both sides: READMEs leave them
 * out of their excerpts, and they change with every release.
 */
function runIndependent(line: string): string {
  return line
    .replace(/,?otel_scope_[a-z_]+="[^"]*"/g, '')
    .replace(/\{,/, '{')
    .replace(/(server_port=")\d+"/g, '$1PORT"')
    .replace(/(127\.0\.0\.1|localhost):\d+/g, '$1:PORT')
    .replace(/^\d+ \d+(\.\d+)?m?s$/, 'HEADROOM RESET')
    .replace(/^(groq_ratelimit_reset_seconds\{[^}]*\}) [\d.]+$/, '$1 RESET');
}

/**
 * Runs an example's commands in `cwd` as a shell would, printing to a string: a background
 * `groqmeter-simulator` is started on a free port (the commands' 127.0.0.1:8787 points there) and
 * stopped afterwards; the examples' own Prometheus endpoint gets a free port too (METRICS_PORT).
 */
async function runCommands(commands: Command[], cwd: string): Promise<string> {
  const simulators = [];
  const env: NodeJS.ProcessEnv = { ...USER_ENV, METRICS_PORT: String(await freePort()) };
  let printed = '';
  try {
    let address = '127.0.0.1:8787';
    for (const command of commands) {
      if (command.background) {
        const port = String(await freePort());
        const args = command.words
          .slice(1)
          .map((word, i, words) => (words[i - 1] === '--port' ? port : word));
        simulators.push(
          await startUntil(join(cwd, 'node_modules/.bin', args.shift() as string), args, cwd, /listening on/),
        );
        address = `127.0.0.1:${port}`;
        continue;
      }
      const commandEnv = Object.fromEntries(
        Object.entries(command.env).map(([name, value]) => [name, value.replace('127.0.0.1:8787', address)]),
      );
      const [program = '', ...args] = command.words;
      const result = spawnSync(program, args, {
        cwd,
        env: { ...env, ...commandEnv },
        encoding: 'utf8',
        timeout: 60_000,
      });
      if (result.status !== 0) {
        throw new Error(
          `${command.words.join(' ')} exited with ${result.status}: ${result.stderr}${result.stdout}`,
        );
      }
      printed += result.stdout;
    }
  } finally {
    await Promise.all(simulators.map((simulator) => simulator.stop()));
  }
  return printed;
}

describe('the bins, installed with npm', () => {
  it('groqmeter-exporter receives a push, serves it, writes the SQLite ledger and stops on SIGTERM', async () => {
    const exporter = await startUntil(
      join(fullApp, 'node_modules/.bin/groqmeter-exporter'),
      [
        '--otlp-port',
        '0',
        '--metrics-port',
        '0',
        '--budget',
        'all:month:500',
        '--ledger-db',
        'sqlite:./ledger.db',
      ],
      fullApp,
      /"msg":"groqmeter exporter listening"/,
    );
    try {
      const listening = JSON.parse(
        exporter
          .output()
          .split('\n')
          .find((line) => line.includes('groqmeter exporter listening')) as string,
      ) as { otlpUrl: string; metricsUrl: string; ledger: string };
      expect(listening.ledger).toBe(`sqlite:${join(fullApp, 'ledger.db')}`);
      const push = await fetch(listening.otlpUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(otlpCounter('packed', 'groq.requests', 3)),
      });
      expect(push.status).toBe(200);
      const exposition = await (await fetch(listening.metricsUrl)).text();
      expect(exposition).toMatch(/^groq_requests_total\{[^}]*job="packed"[^}]*\} 3$/m);
      expect(exposition).toMatch(/^groqmeter_budget_usd\{[^}]*period="month"[^}]*\} 500$/m);
    } finally {
      await exporter.stop();
    }
    expect(exporter.child.exitCode).toBe(0);
    expect(existsSync(join(fullApp, 'ledger.db'))).toBe(true);
  });

  it('npx groqmeter price runs groqmeter-price', () => {
    const { status, stdout } = spawnSync(
      'npx',
      [
        'groqmeter',
        'price',
        '--model',
        'openai/gpt-oss-20b',
        '--input',
        '2000000',
        '--at',
        '2026-11-01',
        '--json',
      ],
      { cwd: slimApp, env: USER_ENV, encoding: 'utf8' },
    );
    expect(status).toBe(0);
    // 2,000,000 input tokens × $0.075 per million
    expect(JSON.parse(stdout)).toMatchObject({ total_usd: '0.150000000' });
  });
});

describe('the exporter installed without the ledger', () => {
  it('brings no database driver', () => {
    expect(
      ['@groqmeter/ledger', 'better-sqlite3', 'pg'].filter((name) =>
        existsSync(join(slimApp, 'node_modules', name)),
      ),
    ).toEqual([]);
  });

  it('names the package to install when --ledger-db is used, and exits with 2', () => {
    const { status, stderr } = spawnSync(
      join(slimApp, 'node_modules/.bin/groqmeter-exporter'),
      ['--otlp-port', '0', '--metrics-port', '0', '--ledger-db', 'sqlite:./ledger.db'],
      { cwd: slimApp, env: USER_ENV, encoding: 'utf8' },
    );
    expect([status, stderr]).toEqual([
      2,
      'groqmeter-exporter: --ledger-db needs the package @groqmeter/ledger, which is not installed; ' +
        'install it next to @groqmeter/exporter: npm install @groqmeter/ledger\n',
    ]);
  });

  it.each([
    ['ledger', '@groqmeter/ledger'],
    ['proxy', '@groqmeter/proxy'],
  ])('npx groqmeter %s names %s when it is not installed, and exits with 1', (command, packageName) => {
    const { status, stderr } = spawnSync('npx', ['groqmeter', command, '--help'], {
      cwd: slimApp,
      env: USER_ENV,
      encoding: 'utf8',
    });
    expect([status, stderr]).toEqual([
      1,
      `groqmeter ${command}: the package ${packageName} is not installed; install it next to groqmeter ` +
        `(npm install ${packageName}) and run groqmeter ${command} again\n`,
    ]);
  });
});

/** An OTLP/JSON metrics request with one cumulative monotonic sum from `service`. */
function otlpCounter(service: string, name: string, value: number) {
  const now = `${Date.now()}000000`;
  return {
    resourceMetrics: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
        scopeMetrics: [
          {
            metrics: [
              {
                name,
                sum: {
                  aggregationTemporality: 2,
                  isMonotonic: true,
                  dataPoints: [
                    { asDouble: value, startTimeUnixNano: now, timeUnixNano: now, attributes: [] },
                  ],
                },
              },
            ],
          },
        ],
      },
    ],
  };
}
