/**
 * "Every dashboard panel has data after a 90 s demo run": runs `pnpm start -- --duration 90s`
 * (the demo's CLI, against its Groq simulator) with a Prometheus of the suite scraping the demo's
 * exporter, then evaluates every panel's PromQL over the run and lists the panels with no data.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type PanelWindow, panelsWithoutData, panelVariables } from '../src/panel-evaluation.js';
import { type RunningPrometheus, startPrometheus } from '../src/prometheus-server.js';

/** How long the demo runs, as the check asks: `--duration 90s`. */
const DEMO_SECONDS = 90;
const RANGE_STEP_SECONDS = 5;
const DEMO_JOB = 'groqmeter-demo-exporter';
const DEMO_CLI = join(
  dirname(createRequire(import.meta.url).resolve('@groqmeter/demo/package.json')),
  'dist',
  'cli.js',
);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

/** Runs the demo to its end; resolves with its exit code and output. */
function runDemo(
  otlpPort: number,
  metricsPort: number,
): { child: ChildProcess; done: Promise<{ code: number | null; output: string }> } {
  const env = { ...process.env };
  // The demo talks to the real Groq when it finds a key; the check is about the simulator's workload.
  delete env.GROQ_API_KEY;
  const child = spawn(
    process.execPath,
    [
      DEMO_CLI,
      '--duration',
      `${DEMO_SECONDS}s`,
      '--no-prometheus',
      '--exporter-otlp-port',
      String(otlpPort),
      '--exporter-metrics-port',
      String(metricsPort),
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const done = new Promise<{ code: number | null; output: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, output })),
  );
  return { child, done };
}

let prometheus: RunningPrometheus | undefined;
let demo: ChildProcess | undefined;
let window: PanelWindow;

beforeAll(
  async () => {
    const [otlpPort, metricsPort] = [await freePort(), await freePort()];
    prometheus = await startPrometheus({
      binary: inject('prometheusBinary'),
      jobs: [{ job: DEMO_JOB, target: `127.0.0.1:${metricsPort}`, honorLabels: true }],
      ruleFiles: [],
      intervalSeconds: 1,
    });
    const startedAt = Date.now() / 1000;
    const run = runDemo(otlpPort, metricsPort);
    demo = run.child;
    const { code, output } = await run.done;
    demo = undefined;
    if (code !== 0) throw new Error(`the demo exited with ${code}:\n${output}`);
    // The exporter stopped with the demo, and Prometheus marked its series stale: the panels are
    // read as of its last scrape (timestamp() of a plain selector is the sample's time).
    const [last] = await prometheus.query(
      `max(last_over_time(timestamp(groqmeter_exporter_series{job="${DEMO_JOB}"})[10m:1s]))`,
      Date.now() / 1000,
    );
    if (last === undefined) throw new Error(`Prometheus never scraped the demo's exporter:\n${output}`);
    const rangeSeconds = Math.ceil((last.value - startedAt + 60) / RANGE_STEP_SECONDS) * RANGE_STEP_SECONDS;
    window = { prometheus, evaluationTime: last.value, rangeSeconds, stepSeconds: RANGE_STEP_SECONDS };
  },
  (DEMO_SECONDS + 120) * 1000,
);

afterAll(async () => {
  demo?.kill('SIGKILL');
  await prometheus?.stop();
});

describe(`the demo, run for ${DEMO_SECONDS} s`, () => {
  it('leaves no dashboard panel without data', async () => {
    expect(await panelsWithoutData(window, panelVariables(window, '.*'))).toEqual([]);
  });
});
