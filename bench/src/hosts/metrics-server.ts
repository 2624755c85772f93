/**
 * One `/metrics` server in its own process, so that its memory is its own: groqmeter's exporter
 * (fed over OTLP by the parent) or `@opentelemetry/exporter-prometheus` (recording the same
 * series in-process, the only way it can be fed). Answers the parent's memory questions over IPC.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startExporter } from '@groqmeter/exporter';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { scriptInput, sendToParent } from '../bench-process';
import { peakRss, resetPeakRss } from '../peak-rss';
import { recordSeries, SERIES_RESOURCE, SERIES_SCOPE, SERIES_VIEWS } from '../series-mix';

export type MetricsServerKind = 'groqmeter' | 'prometheus';

export interface MetricsServerInput {
  kind: MetricsServerKind;
  /** Series exporter-prometheus records at start (groqmeter's exporter is fed by the parent). */
  series: number;
}

/** Sent once the server listens. */
export interface MetricsServerReady {
  metricsUrl: string;
  /** Where to POST OTLP (groqmeter only). */
  otlpUrl?: string;
  /** Heap after a forced GC with the server up and no series yet. */
  emptyHeapBytes: number;
}

export type MetricsServerRequest =
  | { type: 'heap' }
  | { type: 'reset-peak' }
  | { type: 'peak' }
  | { type: 'cpu' };

export interface MemoryAnswer {
  heapBytes: number;
  rssBytes: number;
  peakRss?: ReturnType<typeof peakRss>;
  /** CPU time (user + system) the process has used, in microseconds (`cpu` requests). */
  cpuMicros?: number;
}

/** Heap after two forced full GCs (one can leave garbage a finalizer or a weak reference held). */
function heapAfterGc(): number {
  const { gc } = globalThis as { gc?: () => void };
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

/**
 * Large enough limits for 100k series in 10k-point pushes (the exposition bound included: at its
 * default of 64 MiB the exporter would refuse the last 40% of the 100k series and serve fewer
 * lines than exporter-prometheus); a day before anything goes stale.
 */
const GROQMETER_LIMITS = {
  seriesCap: 10_000_000,
  maxBodyBytes: 512 * 1024 * 1024,
  maxExpositionBytes: 1024 * 1024 * 1024,
  staleAfterSeconds: 86_400,
};

async function startPrometheus(series: number): Promise<{ metricsUrl: string; emptyHeapBytes: number }> {
  const exporter = new PrometheusExporter({ preventServerStart: true });
  const provider = new MeterProvider({
    resource: resourceFromAttributes(SERIES_RESOURCE),
    readers: [exporter],
    views: SERIES_VIEWS,
  });
  const server = createServer((request, response) => exporter.getMetricsRequestHandler(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const emptyHeapBytes = heapAfterGc();
  recordSeries(provider.getMeter(SERIES_SCOPE), 0, series);
  return { metricsUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`, emptyHeapBytes };
}

const { kind, series } = scriptInput<MetricsServerInput>();
let ready: MetricsServerReady;
if (kind === 'groqmeter') {
  const exporter = await startExporter({
    otlpPort: 0,
    metricsPort: 0,
    logLevel: 'silent',
    ...GROQMETER_LIMITS,
  });
  ready = { metricsUrl: exporter.metricsUrl, otlpUrl: exporter.otlpUrl, emptyHeapBytes: heapAfterGc() };
} else {
  ready = await startPrometheus(series);
}

process.on('message', (request: MetricsServerRequest) => {
  const answer: MemoryAnswer = { heapBytes: 0, rssBytes: process.memoryUsage.rss() };
  if (request.type === 'heap') answer.heapBytes = heapAfterGc();
  else if (request.type === 'reset-peak') resetPeakRss();
  else if (request.type === 'cpu') {
    const { user, system } = process.cpuUsage();
    answer.cpuMicros = user + system;
  } else answer.peakRss = peakRss();
  void sendToParent(answer);
});
process.on('SIGTERM', () => process.exit(0));
await sendToParent(ready);
