import type {
  AttributeValue,
  HistogramPoint,
  Metric,
  MetricData,
  MetricsRequest,
  NumberPoint,
} from '@groqmeter/otlp';

/** Builders for validated OTLP requests, for tests that start after decoding. */

export function attributes(values: Record<string, AttributeValue>): Map<string, AttributeValue> {
  return new Map(Object.entries(values));
}

export function numberPoint(
  value: number,
  labels: Record<string, AttributeValue> = {},
  start = 1n,
  time = 2n,
): NumberPoint {
  return { attributes: attributes(labels), startTimeUnixNano: start, timeUnixNano: time, value };
}

export function histogramPoint(
  bucketCounts: number[],
  explicitBounds: number[],
  sum: number | undefined,
  labels: Record<string, AttributeValue> = {},
  start = 1n,
  time = 2n,
): HistogramPoint {
  return {
    attributes: attributes(labels),
    startTimeUnixNano: start,
    timeUnixNano: time,
    count: bucketCounts.reduce((total, count) => total + count, 0),
    sum,
    explicitBounds,
    bucketCounts,
  };
}

export function metric(name: string, data: MetricData, description = `${name} help`): Metric {
  return { name, description, unit: '', data, skippedPoints: 0 };
}

export function counter(
  name: string,
  points: NumberPoint[],
  temporality: 'delta' | 'cumulative' = 'cumulative',
) {
  return metric(name, { kind: 'sum', monotonic: true, temporality, points });
}

/** One request from one resource (`service.name`, optional `service.instance.id`) and one scope. */
export function request(resource: Record<string, AttributeValue>, metrics: Metric[]): MetricsRequest {
  return {
    resourceMetrics: [
      {
        attributes: attributes(resource),
        scopeMetrics: [{ scope: { name: 'test-scope', version: '', schemaUrl: '' }, metrics }],
      },
    ],
  };
}

/** What a store serves for one family, as `{ labels, value }` rows (histograms: `[count, sum, ...buckets]`). */
export function served(
  store: { snapshot(): import('../src/store/metric-store.js').Family[] },
  familyName: string,
): { labels: Record<string, string>; value: number | number[] }[] {
  const family = store.snapshot().find((candidate) => candidate.name === familyName);
  if (!family) return [];
  return [...family.series.values()].map((series) => ({
    labels: Object.fromEntries(series.labels),
    value: series.value(),
  }));
}
