import { type MetricSample, parsePrometheusText } from './prometheus-text.js';

/**
 * Fetches and parses a Prometheus `/metrics` endpoint.
 *
 * @throws Error naming the URL and the HTTP status when the endpoint does not answer 200.
 */
export async function scrapeMetrics(url: string, signal?: AbortSignal): Promise<MetricSample[]> {
  const response = await fetch(url, {
    headers: { accept: 'text/plain;version=0.0.4' },
    signal: signal ?? null,
  });
  if (!response.ok) {
    throw new Error(
      `GET ${url} answered ${response.status} ${response.statusText}; expected 200 with Prometheus text`,
    );
  }
  return parsePrometheusText(await response.text());
}
