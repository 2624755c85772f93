import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startReadyProcess } from './ready-process.js';

/** One scrape job of the test Prometheus. */
export interface ScrapeJob {
  job: string;
  /** `host:port` of the `/metrics` endpoint. */
  target: string;
  /** Keep `job`/`instance` labels the target sets itself (the groqmeter exporter does). */
  honorLabels: boolean;
}

/** Options of {@link startPrometheus}. */
export interface PrometheusOptions {
  binary: string;
  jobs: ScrapeJob[];
  ruleFiles: string[];
  /** Scrape and rule evaluation interval. */
  intervalSeconds: number;
  /** `host:port` of the Alertmanagers that firing alerts are sent to. */
  alertmanagers?: string[];
}

/** A sample of an instant query: labels and value. */
export interface InstantSample {
  metric: Record<string, string>;
  value: number;
}

/** A series of a range query: labels and its values in time order. */
export interface RangeSeries {
  metric: Record<string, string>;
  values: number[];
}

/** A Prometheus started for a test. */
export interface RunningPrometheus {
  url: string;
  /** `/api/v1/query` at `time` (seconds since the epoch). Throws with Prometheus's error. */
  query(expr: string, time: number): Promise<InstantSample[]>;
  /** `/api/v1/query_range` from `start` to `end` every `step` seconds. */
  queryRange(expr: string, start: number, end: number, step: number): Promise<RangeSeries[]>;
  /** Stops the process and removes its storage. */
  stop(): Promise<void>;
}

/** The configuration as JSON, which Prometheus reads as YAML. */
function configuration(options: PrometheusOptions): string {
  const interval = `${options.intervalSeconds}s`;
  return JSON.stringify({
    global: { scrape_interval: interval, evaluation_interval: interval },
    rule_files: options.ruleFiles,
    ...(options.alertmanagers && {
      alerting: { alertmanagers: [{ static_configs: [{ targets: options.alertmanagers }] }] },
    }),
    scrape_configs: options.jobs.map((job) => ({
      job_name: job.job,
      honor_labels: job.honorLabels,
      static_configs: [{ targets: [job.target] }],
    })),
  });
}

interface ApiResponse {
  status: 'success' | 'error';
  error?: string;
  data?: { resultType: string; result: unknown };
}

interface VectorItem {
  metric: Record<string, string>;
  value: [number, string];
}

interface MatrixItem {
  metric: Record<string, string>;
  values: [number, string][];
}

/**
 * Starts Prometheus on 127.0.0.1 with a throw-away storage directory and the given scrape jobs
 * and rule files, and waits (at most 30 s) until it is ready.
 */
export async function startPrometheus(options: PrometheusOptions): Promise<RunningPrometheus> {
  const workDir = await mkdtemp(join(tmpdir(), 'groqmeter-e2e-prometheus-'));
  const configFile = join(workDir, 'prometheus.yml');
  await writeFile(configFile, configuration(options));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const stop = await startReadyProcess({
    name: 'Prometheus',
    binary: options.binary,
    args: [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(workDir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    url,
    workDir,
  });

  const api = async (
    path: string,
    params: Record<string, string>,
  ): Promise<{ resultType: string; result: unknown }> => {
    const response = await fetch(`${url}${path}`, { method: 'POST', body: new URLSearchParams(params) });
    const body = (await response.json()) as ApiResponse;
    if (body.status !== 'success' || body.data === undefined) {
      throw new Error(`Prometheus rejected the query: ${body.error ?? response.statusText}\n${params.query}`);
    }
    return body.data;
  };

  return {
    url,
    async query(expr, time) {
      const data = await api('/api/v1/query', { query: expr, time: String(time) });
      if (data.resultType === 'scalar') {
        const [, value] = data.result as [number, string];
        return [{ metric: {}, value: Number(value) }];
      }
      return (data.result as VectorItem[]).map((item) => ({
        metric: item.metric,
        value: Number(item.value[1]),
      }));
    },
    async queryRange(expr, start, end, step) {
      const data = await api('/api/v1/query_range', {
        query: expr,
        start: String(start),
        end: String(end),
        step: String(step),
      });
      return (data.result as MatrixItem[]).map((item) => ({
        metric: item.metric,
        values: item.values.map(([, value]) => Number(value)),
      }));
    },
    stop,
  };
}
