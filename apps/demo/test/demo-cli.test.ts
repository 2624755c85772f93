import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './free-port.js';
import { runNode, simulatorEnv } from './run-process.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const cli = 'dist/cli.js';

/** The `$` amounts of the summary's "by service" rows, by service. */
function spendByService(summary: string): Record<string, number> {
  const start = summary.indexOf('  by service');
  // The next breakdown (by provider, then by model) ends the service rows.
  const end = summary.indexOf('  by ', start + 1);
  const rows = summary
    .slice(start, end)
    .split('\n')
    .filter((line) => line.trim() !== '');
  return Object.fromEntries(
    rows.map((line) => {
      const [, service, usd] = /(\S+)\s+\$(\d+\.\d+)$/.exec(line) ?? [];
      return [service ?? line, Number(usd)];
    }),
  );
}

describe('pnpm start -- --duration 8 --no-prometheus', () => {
  it('runs the stack on the given ports, stops by itself and shows spend from every SDK', async () => {
    const otlpPort = await freePort();
    const metricsPort = await freePort();
    const result = await runNode(
      [
        cli,
        '--',
        '--duration',
        '8',
        '--no-prometheus',
        '--exporter-otlp-port',
        String(otlpPort),
        '--exporter-metrics-port',
        String(metricsPort),
      ],
      { cwd: packageDir, env: simulatorEnv(), timeoutMs: 90_000 },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`  Exporter /metrics  http://127.0.0.1:${metricsPort}/metrics`);
    expect(result.stdout).toContain(`  Exporter OTLP      http://127.0.0.1:${otlpPort}/v1/metrics`);
    expect(result.stdout).toContain('  Prometheus         not started: --no-prometheus was given');
    expect(result.stdout).toMatch(
      /\[ +\d+s\] sent groq-sdk \d+, langchain \d+, ai-sdk \d+ \(\d+ failed\) \| spend \$/,
    );
    expect(result.stdout).toContain('8 s are up: stopping the workload and flushing its metrics...');
    expect(result.stdout).toContain(`groqmeter demo summary (from http://127.0.0.1:${metricsPort}/metrics)`);
    const spend = spendByService(result.stdout);
    // The exporter's batch reconciler reports as its own service once the first batch finished,
    // which an 8 s run may or may not reach.
    expect(
      Object.keys(spend)
        .filter((service) => service !== 'groqmeter-batches')
        .sort(),
    ).toEqual([
      'groqmeter-demo-ai-sdk',
      'groqmeter-demo-groq-sdk',
      'groqmeter-demo-langchain',
      'groqmeter-demo-migrating-app',
    ]);
    for (const usd of Object.values(spend)) expect(usd).toBeGreaterThan(0);
    expect(result.stdout).toMatch(
      /^Headroom {6}\S+ (requests|tokens) +\d+\.\d% left \([\d,]+ of [\d,]+\) {2}<- lowest$/m,
    );
    expect(result.stdout).toMatch(/^Latency p95 {3}all operations +\d+\.\d{3} s$/m);
    expect(result.stdout).toMatch(
      /^ {14}priced +\d+\.\d% of \d+ operations exact \(\d+ partial, \d+ stale, 0 unpriced, 0 usage missing\)$/m,
    );
  }, 120_000);
});

describe('the demo CLI', () => {
  let holder: Server | undefined;
  afterAll(() => holder?.close());

  it('refuses to start when an exporter port is taken, naming the port and the flag', async () => {
    holder = createServer();
    const busy = await new Promise<number>((resolve) => {
      holder?.listen(0, '127.0.0.1', () => {
        const address = holder?.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
    const result = await runNode(
      [
        cli,
        '--no-prometheus',
        '--exporter-metrics-port',
        String(busy),
        '--exporter-otlp-port',
        String(await freePort()),
      ],
      { cwd: packageDir, env: simulatorEnv(), timeoutMs: 30_000 },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `groqmeter demo: port ${busy} on 127.0.0.1 (the exporter's /metrics) is already in use. ` +
        `Stop whatever holds it (see: lsof -i :${busy}) or choose another with --exporter-metrics-port <port>.\n`,
    );
  }, 40_000);

  it('explains a bad flag and exits 2', async () => {
    const result = await runNode([cli, '--duration', 'soon'], {
      cwd: packageDir,
      env: simulatorEnv(),
      timeoutMs: 30_000,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'groqmeter demo: --duration: "soon" is not a duration: expected a positive number of seconds (60) or number-unit parts (20s, 1m, 1m30s, 500ms)\n' +
        'Run with --help for the options.\n',
    );
  }, 40_000);

  it('prints the options with --help', async () => {
    const result = await runNode([cli, '--help'], {
      cwd: packageDir,
      env: simulatorEnv(),
      timeoutMs: 30_000,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: pnpm start \[-- options\]\n/);
    expect(result.stdout).toContain('  --exporter-metrics-port <port> exporter /metrics port (default 9464)');
  }, 40_000);
});

describe('against the real Groq (GROQ_API_KEY set)', () => {
  it.runIf(Boolean(process.env.GROQ_API_KEY))(
    'runs without the simulator and records real spend',
    async () => {
      const [otlpPort, metricsPort] = [await freePort(), await freePort()];
      const result = await runNode(
        [
          cli,
          '--duration',
          '20',
          '--rate',
          '0.6',
          '--no-prometheus',
          '--exporter-otlp-port',
          String(otlpPort),
          '--exporter-metrics-port',
          String(metricsPort),
        ],
        { cwd: packageDir, env: process.env, timeoutMs: 90_000 },
      );
      expect(result.stdout).toContain('mixed workload to the real Groq API');
      expect(result.stdout).not.toContain('Groq simulator');
      expect(result.code).toBe(0);
      expect(Object.values(spendByService(result.stdout)).some((usd) => usd > 0)).toBe(true);
    },
    120_000,
  );
});
