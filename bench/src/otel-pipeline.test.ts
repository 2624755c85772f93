import type { MetricProducer, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { metricNamesWithPoints, producerMetricNames } from './otel-pipeline';

/** A collection of one scope whose metrics have the given numbers of data points. */
function collection(points: Record<string, number>): ResourceMetrics {
  const metrics = Object.entries(points).map(([name, count]) => ({
    descriptor: { name },
    dataPoints: Array.from({ length: count }, () => ({ value: 1 })),
  }));
  return { scopeMetrics: [{ scope: { name: 'test' }, metrics }] } as unknown as ResourceMetrics;
}

function producerOf(points: Record<string, number>): MetricProducer {
  return { collect: async () => ({ resourceMetrics: collection(points), errors: [] }) };
}

describe('metricNamesWithPoints', () => {
  it('names only the metrics that have data points', () => {
    expect(metricNamesWithPoints(collection({ a: 2, empty: 0, b: 1 }))).toEqual(['a', 'b']);
  });
});

describe('producerMetricNames', () => {
  it('counts one producer alone, not what another producer in the process holds', async () => {
    const earlier = producerOf({ a: 1, b: 1 });
    const later = producerOf({ a: 1 });
    expect(await producerMetricNames(later)).toEqual(['a']);
    expect(await producerMetricNames(earlier)).toEqual(['a', 'b']);
  });
});
