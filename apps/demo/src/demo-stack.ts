import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startExporter } from '@groqmeter/exporter';
import { startOpenAISimulator, startSimulator } from '@groqmeter/groq-simulator';
import { DEMO_BUDGETS_FILE } from './demo-budgets.js';
import type { DemoOptions } from './demo-options.js';
import { ensurePortsFree, type PlannedPort } from './port-check.js';
import { findExecutable, findPrometheusConfig, startPrometheus } from './prometheus-process.js';
import {
  DEMO_BATCH_POLL_SECONDS,
  DEMO_SIMULATOR_MODELS,
  SIMULATOR_API_KEY,
} from './workload/simulator-setup.js';

/** Where the parts of a running stack listen. */
export interface StackAddresses {
  /** The simulator's root URL (groq-sdk, ChatGroq); absent against the real Groq. */
  simulatorUrl?: string;
  /** The simulator's OpenAI-compatible base URL (`@ai-sdk/groq`); absent against the real Groq. */
  openaiBaseURL?: string;
  /** The OpenAI stand-in's base URL, for the traffic that stays on "OpenAI"; absent against the real Groq. */
  openaiSimulatorURL?: string;
  /** The exporter's OTLP/HTTP metrics endpoint (`.../v1/metrics`). */
  otlpMetricsUrl: string;
  metricsUrl: string;
  prometheusUrl?: string;
}

/** The simulator, exporter and Prometheus of a demo run. */
export interface DemoStack {
  addresses: StackAddresses;
  /** Why Prometheus was not started, when it was not. */
  prometheusSkipped?: string;
  /** Closes Prometheus, the exporter and the simulator, in that order. */
  close(): Promise<void>;
  /** Kills what runs in other processes (Prometheus) at once. */
  kill(): void;
}

/** Options of {@link startDemoStack}. */
export interface DemoStackOptions {
  options: DemoOptions;
  /** Talk to the real Groq (GROQ_API_KEY is set): no simulator. */
  realGroq: boolean;
  repoRoot: string;
  /** Log lines of the exporter and Prometheus. */
  log: (line: string) => void;
  /** Reports a part that failed to close (the others are closed anyway). */
  onCloseError: (part: string, error: unknown) => void;
}

const LOOPBACK = '127.0.0.1';

/**
 * Starts, on loopback, the Groq simulator (unless against the real Groq), the exporter on the
 * requested ports and Prometheus when it is installed and wanted. Ports are checked first, so a
 * busy one fails the run before anything starts, naming the flag that moves it.
 *
 * @throws PortInUseError, or the error of the part that failed to start (the others are closed).
 */
export async function startDemoStack(stackOptions: DemoStackOptions): Promise<DemoStack> {
  const { options, realGroq, repoRoot, log } = stackOptions;
  const prometheus = planPrometheus(options, repoRoot);
  await ensurePortsFree(plannedPorts(options, prometheus.start));

  const closers: Array<{ part: string; close: () => Promise<void> }> = [];
  const close = async () => {
    for (const { part, close: closePart } of closers.reverse()) {
      await closePart().catch((error: unknown) => stackOptions.onCloseError(part, error));
    }
  };
  let kill = () => {};
  try {
    const simulator = realGroq
      ? undefined
      : await startSimulator({
          host: LOOPBACK,
          port: 0,
          seed: options.seed,
          timeScale: 1,
          models: DEMO_SIMULATOR_MODELS,
        });
    if (simulator) closers.push({ part: 'the Groq simulator', close: () => simulator.close() });
    // What the demo's migrating app still sends to OpenAI goes to the OpenAI stand-in.
    const openaiSimulator = simulator ? await startOpenAISimulator({ seed: options.seed }) : undefined;
    if (openaiSimulator) closers.push({ part: 'the OpenAI stand-in', close: () => openaiSimulator.close() });
    const exporter = await startExporter({
      host: LOOPBACK,
      otlpPort: options.exporterOtlpPort,
      metricsPort: options.exporterMetricsPort,
      logLevel: 'warn',
      writeLog: (line) => log(`[exporter] ${line}`),
      budgetsFile: options.budgetsFile ?? join(repoRoot, DEMO_BUDGETS_FILE),
      // The exporter's pages chart the dashboards' own PromQL once the demo's Prometheus is up
      // (until then, and without one, they chart their in-memory history).
      ...(prometheus.start ? { prometheusUrl: `http://${LOOPBACK}:${options.prometheusPort}` } : {}),
      // Against the simulator, finished batches are metered by the exporter's reconciler, as a
      // production exporter would with GROQ_API_KEY; against the real Groq the demo leaves the
      // account's batches alone (it would meter every batch the account ever finished).
      ...(simulator
        ? {
            groqBatches: true,
            groqApiKey: SIMULATOR_API_KEY,
            groqBaseUrl: simulator.url,
            groqBatchesState: join(await mkdtemp(join(tmpdir(), 'groqmeter-demo-')), 'metered-batches.json'),
            groqBatchesIntervalSeconds: DEMO_BATCH_POLL_SECONDS,
          }
        : {}),
    });
    closers.push({ part: 'the exporter', close: () => exporter.close() });
    const addresses: StackAddresses = {
      otlpMetricsUrl: exporter.otlpUrl,
      metricsUrl: exporter.metricsUrl,
      ...(simulator ? { simulatorUrl: simulator.url, openaiBaseURL: simulator.openaiBaseURL } : {}),
      ...(openaiSimulator ? { openaiSimulatorURL: openaiSimulator.url } : {}),
    };
    if (prometheus.start) {
      const server = await startPrometheus({
        binary: prometheus.binary,
        configPath: prometheus.configPath,
        port: options.prometheusPort,
        metricsPort: options.exporterMetricsPort,
        onLog: (line) => log(`[prometheus] ${line}`),
      });
      closers.push({ part: 'Prometheus', close: () => server.close() });
      kill = () => server.kill();
      addresses.prometheusUrl = server.url;
    }
    return {
      addresses,
      ...(prometheus.start ? {} : { prometheusSkipped: prometheus.reason }),
      close,
      kill: () => kill(),
    };
  } catch (error) {
    await close();
    throw error;
  }
}

function plannedPorts(options: DemoOptions, withPrometheus: boolean): PlannedPort[] {
  const ports: PlannedPort[] = [
    {
      port: options.exporterOtlpPort,
      host: LOOPBACK,
      role: "the exporter's OTLP receiver",
      flag: '--exporter-otlp-port',
    },
    {
      port: options.exporterMetricsPort,
      host: LOOPBACK,
      role: "the exporter's /metrics",
      flag: '--exporter-metrics-port',
    },
  ];
  if (withPrometheus) {
    ports.push({
      port: options.prometheusPort,
      host: LOOPBACK,
      role: 'Prometheus',
      flag: '--prometheus-port (or --no-prometheus)',
    });
  }
  return ports;
}

type PrometheusPlan = { start: true; binary: string; configPath: string } | { start: false; reason: string };

function planPrometheus(options: DemoOptions, repoRoot: string): PrometheusPlan {
  if (!options.prometheus) return { start: false, reason: '--no-prometheus was given' };
  const binary = findExecutable('prometheus');
  if (binary === undefined) {
    return { start: false, reason: 'no prometheus binary on the PATH (e.g. apt-get install prometheus)' };
  }
  const configPath = findPrometheusConfig(repoRoot);
  if (configPath === undefined)
    return { start: false, reason: `no Prometheus configuration found under ${repoRoot}grafana` };
  return { start: true, binary, configPath };
}
