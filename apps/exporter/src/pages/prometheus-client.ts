/** One series of a Prometheus query result: its labels and `[unix seconds, value]` points. */
export interface PromSeries {
  metric: Record<string, string>;
  points: [number, number][];
}

/** The Prometheus HTTP API failed or answered an error. */
export class PrometheusQueryError extends Error {
  override readonly name = 'PrometheusQueryError';
}

const TIMEOUT_MS = 5_000;

/**
 * A minimal client of the Prometheus HTTP API (`/api/v1/query`, `/api/v1/query_range`), for the
 * pages' charts when `--prometheus-url` is given.
 */
export class PrometheusClient {
  private readonly base: string;

  constructor(url: string) {
    this.base = url.replace(/\/+$/, '');
  }

  /** An instant query at `timeSeconds`. */
  query(expr: string, timeSeconds: number): Promise<PromSeries[]> {
    return this.get('/api/v1/query', { query: expr, time: String(timeSeconds) });
  }

  /** A range query from `start` to `end` (unix seconds) every `step` seconds. */
  queryRange(expr: string, start: number, end: number, step: number): Promise<PromSeries[]> {
    return this.get('/api/v1/query_range', {
      query: expr,
      start: String(start),
      end: String(end),
      step: String(step),
    });
  }

  private async get(path: string, params: Record<string, string>): Promise<PromSeries[]> {
    const url = `${this.base}${path}?${new URLSearchParams(params)}`;
    let response: Response;
    try {
      response = await fetch(url, {
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: { accept: 'application/json' },
      });
    } catch (error) {
      throw new PrometheusQueryError(
        `Prometheus at ${this.base} did not answer (${(error as Error).message})`,
      );
    }
    const body = (await response.json().catch(() => undefined)) as PromResponse | undefined;
    if (!response.ok || body?.status !== 'success') {
      throw new PrometheusQueryError(
        `Prometheus answered ${response.status}: ${body?.error ?? 'not a Prometheus API response'}`,
      );
    }
    return body.data.result.map((series) => ({
      metric: series.metric,
      points: (series.values ?? (series.value ? [series.value] : [])).map(([time, value]) => [
        time,
        Number(value),
      ]),
    }));
  }
}

interface PromResponse {
  status: 'success' | 'error';
  error?: string;
  data: {
    result: { metric: Record<string, string>; value?: [number, string]; values?: [number, string][] }[];
  };
}
