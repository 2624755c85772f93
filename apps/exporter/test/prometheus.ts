import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Starts a real Prometheus on loopback for a test, scraping given targets every second, with
 * its own temporary config and TSDB; queries it over the HTTP API; stops it. Copy or import it
 * in other suites (it is exported from no package).
 */

export interface ScrapeTarget {
  jobName: string;
  /** `host:port` of the target. */
  address: string;
  metricsPath?: string;
  /** Keep the job/instance labels the target serves (as for the groqmeter exporter). */
  honorLabels?: boolean;
  bearerToken?: string;
  /** Labels Prometheus adds to every series of the target (e.g. which exporter replica). */
  labels?: Record<string, string>;
}

export interface PrometheusOptions {
  /** Remote-writes every sample to this URL (e.g. victoria-metrics' `/api/v1/write`). */
  remoteWriteUrl?: string;
}

/** One series of an instant-query result. */
export interface PromSample {
  metric: Record<string, string>;
  value: number;
}

export interface RunningPrometheus {
  url: string;
  /** Runs an instant query, at `time` (seconds since the epoch) when given. */
  query(expr: string, time?: number): Promise<PromSample[]>;
  /** Polls a query until `done` accepts its result; fails after `timeoutMs` with the last result. */
  waitForQuery(
    expr: string,
    done: (result: PromSample[]) => boolean,
    timeoutMs?: number,
  ): Promise<PromSample[]>;
  /** Waits until every configured target has been scraped successfully. */
  waitForTargetsUp(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const POLL_MS = 250;

export async function startPrometheus(
  binary: string,
  targets: ScrapeTarget[],
  options: PrometheusOptions = {},
): Promise<RunningPrometheus> {
  const directory = mkdtempSync(join(tmpdir(), 'groqmeter-prometheus-'));
  const configFile = join(directory, 'prometheus.yml');
  // JSON is YAML: no YAML writer needed.
  writeFileSync(
    configFile,
    JSON.stringify({
      global: { scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' },
      scrape_configs: targets.map((target) => ({
        job_name: target.jobName,
        honor_labels: target.honorLabels ?? false,
        metrics_path: target.metricsPath ?? '/metrics',
        static_configs: [{ targets: [target.address], ...(target.labels ? { labels: target.labels } : {}) }],
        ...(target.bearerToken ? { authorization: { credentials: target.bearerToken } } : {}),
      })),
      ...(options.remoteWriteUrl
        ? { remote_write: [{ url: options.remoteWriteUrl, queue_config: { batch_send_deadline: '200ms' } }] }
        : {}),
    }),
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const child = spawn(
    binary,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(directory, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));

  const failure = (what: string) => new Error(`${what}; Prometheus said:\n${output.join('').slice(-4000)}`);
  const poll = async <T>(
    what: () => string,
    timeoutMs: number,
    attempt: () => Promise<T | undefined>,
  ): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null)
        throw failure(`Prometheus exited (${child.exitCode}) while waiting for ${what()}`);
      const result = await attempt().catch(() => undefined);
      if (result !== undefined) return result;
      if (Date.now() > deadline) throw failure(`timed out after ${timeoutMs} ms waiting for ${what()}`);
      await sleep(POLL_MS);
    }
  };
  const api = async (path: string): Promise<unknown> => {
    const response = await fetch(`${url}${path}`);
    const body = (await response.json()) as { status: string; data: unknown; error?: string };
    if (body.status !== 'success') throw new Error(`Prometheus API ${path}: ${body.error}`);
    return body.data;
  };
  const query = async (expr: string, time?: number): Promise<PromSample[]> => {
    const at = time === undefined ? '' : `&time=${time}`;
    const data = (await api(`/api/v1/query?query=${encodeURIComponent(expr)}${at}`)) as {
      result: { metric: Record<string, string>; value: [number, string] }[];
    };
    return data.result.map(({ metric, value }) => ({ metric, value: Number(value[1]) }));
  };

  try {
    await poll(
      () => '/-/ready',
      30_000,
      async () => ((await fetch(`${url}/-/ready`)).ok ? true : undefined),
    );
  } catch (error) {
    await stopChild(child);
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }

  return {
    url,
    query,
    waitForQuery: (expr, done, timeoutMs = 30_000) => {
      let last: PromSample[] = [];
      return poll(
        () => `${expr} (last result ${JSON.stringify(last)})`,
        timeoutMs,
        async () => {
          last = await query(expr);
          return done(last) ? last : undefined;
        },
      );
    },
    waitForTargetsUp: async (timeoutMs = 30_000) => {
      await poll(
        () => 'every target up',
        timeoutMs,
        async () => {
          const data = (await api('/api/v1/targets?state=active')) as {
            activeTargets: { health: string; lastError: string }[];
          };
          const up =
            data.activeTargets.length === targets.length &&
            data.activeTargets.every((t) => t.health === 'up');
          return up ? true : undefined;
        },
      );
    },
    stop: async () => {
      await stopChild(child);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port assigned');
  return address.port;
}

export async function stopChild(child: ChildProcess): Promise<void> {
  // Already gone: exited, or killed by a signal (then exitCode stays null).
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const killed = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
  if (!killed) {
    child.kill('SIGKILL');
    await exited;
  }
}
