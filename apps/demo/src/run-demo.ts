import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DemoOptions } from './demo-options.js';
import { type DemoStack, startDemoStack } from './demo-stack.js';
import { formatSummary } from './format-summary.js';
import { scrapeMetrics } from './metrics-scrape.js';
import { type MetricsSummary, summarizeMetrics } from './metrics-summary.js';
import { type MigratingApp, startMigratingApp } from './migrating-app.js';
import { ProgressDisplay, type ProgressOutput } from './progress-line.js';
import { judgeRun } from './run-verdict.js';
import { type SignalSource, waitForStopRequest } from './stop-request.js';
import { formatWhereToLook } from './where-to-look.js';
import type { WorkerConfig } from './workload/worker-protocol.js';
import { SDKS } from './workload/workload-mix.js';
import { startWorkloadProcesses, type WorkloadProcesses } from './workload-processes.js';

/** Where the demo writes and which environment it reads; the process's own by default. */
export interface DemoIo {
  stdout: ProgressOutput;
  stderr: ProgressOutput;
  env: NodeJS.ProcessEnv;
  /** Receives SIGINT/SIGTERM handlers. */
  signals: SignalSource;
  /** Ends the process at once (a second Ctrl-C). */
  exit: (code: number) => never;
}

/** How often the apps push metrics to the exporter. */
export const EXPORT_INTERVAL_MS = 2000;
/** How often the status line is refreshed from the exporter's `/metrics`. */
const PROGRESS_INTERVAL_MS = 1000;
/** Requests per second when `--rate` is not given: lively on the simulator, frugal on real Groq. */
const DEFAULT_RATE = { simulator: 3, groq: 0.3 };
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const WORKER_PATH = fileURLToPath(new URL('./workload-worker.js', import.meta.url));

/**
 * Runs the whole stack: simulator (unless GROQ_API_KEY is set), exporter, Prometheus (when
 * installed) and one workload process per SDK; shows progress until the duration ends or a signal
 * arrives; then stops everything and prints the summary read from the exporter's `/metrics`.
 *
 * @returns the process exit code: 0 after a clean stop; 1 when something failed, or when a run
 * with a duration ends with zero spend on the exporter. A second Ctrl-C exits at once with 130.
 */
export async function runDemo(options: DemoOptions, io: DemoIo = processIo()): Promise<number> {
  const display = new ProgressDisplay(io.stdout);
  const fail = (message: string) => {
    display.finish();
    io.stderr.write(`groqmeter demo: ${message}\n`);
    return 1;
  };
  const realGroq = Boolean(io.env.GROQ_API_KEY);
  const rate = options.rate ?? (realGroq ? DEFAULT_RATE.groq : DEFAULT_RATE.simulator);

  let stack: DemoStack;
  try {
    stack = await startDemoStack({
      options,
      realGroq,
      repoRoot: REPO_ROOT,
      log: (line) => display.log(line),
      onCloseError: (part, error) =>
        io.stderr.write(`groqmeter demo: closing ${part} failed: ${String(error)}\n`),
    });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  const { addresses } = stack;
  io.stdout.write(`${banner(options, stack, rate)}\n\n`);

  const configs: WorkerConfig[] = SDKS.map((sdk) => ({
    sdk,
    serviceName: `groqmeter-demo-${sdk}`,
    seed: options.seed,
    rate: rate / SDKS.length,
    ...(addresses.simulatorUrl === undefined ? {} : { groqBaseURL: addresses.simulatorUrl }),
    ...(addresses.openaiBaseURL === undefined ? {} : { openaiBaseURL: addresses.openaiBaseURL }),
    injectFaults: !realGroq,
    otlpMetricsUrl: addresses.otlpMetricsUrl,
    exportIntervalMs: EXPORT_INTERVAL_MS,
  }));
  const workloads = startWorkloadProcesses(WORKER_PATH, configs, (sdk, line) =>
    display.log(`[${sdk}] ${line}`),
  );
  const migrating = await startMigratingAppOn(addresses, rate, (line) =>
    display.log(`[migrating-app] ${line}`),
  );
  const progressTimer = showProgress(display, workloads, addresses.metricsUrl);
  const stopRequest = waitForStopRequest({
    ...(options.durationSeconds === undefined ? {} : { durationSeconds: options.durationSeconds }),
    signals: io.signals,
    crash: workloads.firstUnexpectedExit.then(
      (exit) => `the ${exit.sdk} workload exited unexpectedly (${exit.exit})`,
    ),
    onSecondSignal: (signal) => {
      display.log(`${signal} again: killing everything without a summary.`);
      workloads.kill();
      stack.kill();
      io.exit(130);
    },
  });
  const reason = await stopRequest.reason;
  clearInterval(progressTimer);

  display.log(`${reason}: stopping the workload and flushing its metrics...`);
  const exits = await workloads.stop();
  await migrating?.app.stop();
  const final = await scrapeMetrics(addresses.metricsUrl).then(
    summarizeMetrics,
    (error: unknown) =>
      new Error(`could not read the final metrics from ${addresses.metricsUrl}: ${String(error)}`),
  );
  display.finish();
  await stack.close();
  stopRequest.dispose();

  if (final instanceof Error) return fail(final.message);
  io.stdout.write(`\n${formatSummary(final, addresses.metricsUrl)}\n`);
  if (migrating !== undefined) {
    io.stdout.write(
      `Ledger        ${migrating.ledgerDb} (the migrating app's operations; npx groqmeter-ledger --db ${migrating.ledgerDb} --by provider)\n`,
    );
  }
  const verdict = judgeRun({
    summary: final,
    exits,
    services: configs.map((config) => config.serviceName),
    metricsUrl: addresses.metricsUrl,
    ...(options.durationSeconds === undefined ? {} : { durationSeconds: options.durationSeconds }),
  });
  if (verdict.warning !== undefined) io.stderr.write(`groqmeter demo: warning: ${verdict.warning}\n`);
  return verdict.problem === undefined ? verdict.exitCode : fail(verdict.problem);
}

/**
 * Against the simulator, the app halfway through its move to Groq: part of its traffic on Groq,
 * part on the OpenAI stand-in, into the exporter and a ledger in a temporary directory.
 */
async function startMigratingAppOn(
  addresses: DemoStack['addresses'],
  rate: number,
  log: (line: string) => void,
): Promise<{ app: MigratingApp; ledgerDb: string } | undefined> {
  const { openaiBaseURL, openaiSimulatorURL } = addresses;
  if (openaiBaseURL === undefined || openaiSimulatorURL === undefined) return undefined;
  const ledgerDb = `sqlite:${join(await mkdtemp(join(tmpdir(), 'groqmeter-demo-ledger-')), 'ledger.db')}`;
  try {
    const app = await startMigratingApp({
      groqBaseURL: openaiBaseURL,
      openaiBaseURL: openaiSimulatorURL,
      otlpMetricsUrl: addresses.otlpMetricsUrl,
      exportIntervalMs: EXPORT_INTERVAL_MS,
      ledgerDb,
      // A quarter of the workload's pace: the migrating app is one more service among the others.
      rate: rate / 4,
      log,
    });
    return { app, ledgerDb };
  } catch (error) {
    // The rest of the demo runs without it.
    log(`not started: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** Refreshes the status line: requests from the workload processes, spend and headroom from `/metrics`. */
function showProgress(
  display: ProgressDisplay,
  workloads: WorkloadProcesses,
  metricsUrl: string,
): NodeJS.Timeout {
  const startedAt = Date.now();
  let latest: MetricsSummary | undefined;
  let warned = false;
  return setInterval(async () => {
    try {
      latest = summarizeMetrics(await scrapeMetrics(metricsUrl));
    } catch (error) {
      if (!warned) display.log(`could not read ${metricsUrl} yet: ${(error as Error).message}`);
      warned = true;
    }
    const counts = Object.entries(workloads.counts());
    display.update({
      elapsedSeconds: (Date.now() - startedAt) / 1000,
      sentBySdk: Object.fromEntries(counts.map(([sdk, count]) => [sdk, count.sent])),
      failed: counts.reduce((sum, [, count]) => sum + count.failed, 0),
      ...(latest === undefined ? {} : { spendUsd: latest.totalSpendUsd }),
      ...(latest?.headroom[0] === undefined ? {} : { lowestHeadroom: latest.headroom[0] }),
    });
  }, PROGRESS_INTERVAL_MS);
}

function banner(options: DemoOptions, stack: DemoStack, rate: number): string {
  const dashboardsDir = `${REPO_ROOT}grafana/dashboards`;
  const provisioningDir = `${REPO_ROOT}grafana/provisioning`;
  const { simulatorUrl, otlpMetricsUrl, metricsUrl, prometheusUrl } = stack.addresses;
  return formatWhereToLook({
    ...(simulatorUrl === undefined ? {} : { simulatorUrl }),
    otlpUrl: otlpMetricsUrl,
    metricsUrl,
    ...(prometheusUrl === undefined ? {} : { prometheusUrl }),
    ...(stack.prometheusSkipped === undefined ? {} : { prometheusSkipped: stack.prometheusSkipped }),
    ...(existsSync(dashboardsDir) ? { dashboardsDir } : {}),
    ...(existsSync(provisioningDir) ? { provisioningDir } : {}),
    seed: options.seed,
    rate,
    ...(options.durationSeconds === undefined ? {} : { durationSeconds: options.durationSeconds }),
  });
}

function processIo(): DemoIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    signals: process,
    exit: process.exit,
  };
}
