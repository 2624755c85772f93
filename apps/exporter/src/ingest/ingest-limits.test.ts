import type { MetricsRequest } from '@groqmeter/otlp';
import { defaultPriceBook } from '@groqmeter/pricing';
import { describe, expect, it } from 'vitest';
import {
  counter,
  histogramPoint,
  metric,
  numberPoint,
  request,
  served,
} from '../../test/metrics-requests.js';
import { CentralPricing } from '../pricing/central-pricing.js';
import { MetricStore, type MetricStoreOptions } from '../store/metric-store.js';
import { MetricsIngester } from './ingest-metrics.js';

function setup(options: Partial<MetricStoreOptions> = {}) {
  const store = new MetricStore({ seriesCap: 100, staleAfterMs: 60_000, ...options });
  const ingester = new MetricsIngester(store, new CentralPricing(defaultPriceBook, store, false));
  return { store, ingest: (body: MetricsRequest) => ingester.ingest(body, 0) };
}

const API = { 'service.name': 'api' };

function gauge(name: string, points = [numberPoint(1)]) {
  return metric(name, { kind: 'gauge', points });
}

function histogram(name: string) {
  return metric(name, {
    kind: 'histogram',
    temporality: 'cumulative',
    points: [histogramPoint([1, 1], [1], 2)],
  });
}

describe('MetricsIngester: one sender cannot break /metrics', () => {
  it('refuses a label value longer than 2048 characters, counted', () => {
    const { store, ingest } = setup();
    const result = ingest(
      request(API, [
        counter('c', [
          numberPoint(1, { feature: 'x'.repeat(2048) }),
          numberPoint(1, { feature: 'y'.repeat(2049) }),
        ]),
      ]),
    );
    expect(result.rejected.entries()).toEqual([['label_too_long', 1]]);
    expect(served(store, 'c_total').map((row) => row.labels.feature?.length)).toEqual([2048]);
  });

  it('refuses a label value too long in the resource (job) or the scope, for every point', () => {
    const { ingest } = setup();
    const result = ingest(
      request({ 'service.name': 'j'.repeat(4096) }, [counter('c', [numberPoint(1), numberPoint(2)])]),
    );
    expect(result.rejected.entries()).toEqual([['label_too_long', 2]]);
  });

  it('refuses a point with more than 64 attributes, counted', () => {
    const { store, ingest } = setup();
    const attributes = (count: number) =>
      Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, 'v']));
    const result = ingest(
      request(API, [counter('c', [numberPoint(1, attributes(64)), numberPoint(1, attributes(150_004))])]),
    );
    expect(result.rejected.entries()).toEqual([['too_many_labels', 1]]);
    expect(served(store, 'c_total')).toHaveLength(1);
  });

  it('refuses a metric name longer than 256 characters and quotes only its start', () => {
    const { store, ingest } = setup();
    const result = ingest(
      request(API, [counter('n'.repeat(3 * 1024 * 1024), [numberPoint(1), numberPoint(1)])]),
    );
    expect(result.rejected.entries()).toEqual([['name_too_long', 2]]);
    expect(result.rejected.message().length).toBeLessThan(200);
    expect(store.snapshot().map((family) => family.name)).toEqual(['target_info']);
  });

  it('refuses new families past the family cap, counted, while existing ones keep taking points', () => {
    const { store, ingest } = setup({ maxFamilies: 2 });
    const result = ingest(
      request(API, [
        counter('a', [numberPoint(1)]),
        counter('b', [numberPoint(1)]),
        counter('c', [numberPoint(1)]),
      ]),
    );
    expect(result.rejected.entries()).toEqual([['family_cap', 1]]);
    ingest(request(API, [counter('a', [numberPoint(5, {}, 1n, 3n)])]));
    expect(served(store, 'a_total')[0]!.value).toEqual([5]);
    expect(store.snapshot().map((family) => family.name)).toEqual(['a_total', 'b_total', 'target_info']);
  });

  it('refuses new senders (or start times) on a series past the stream cap, gauges too', () => {
    const { store, ingest } = setup({ maxStreamsPerSeries: 2 });
    let rejected = 0;
    for (const pid of [1, 2, 3]) {
      const result = ingest(
        request({ 'service.name': 'api', 'process.pid': pid }, [counter('c', [numberPoint(10)]), gauge('g')]),
      );
      rejected += result.rejected.total();
      expect(result.rejected.entries()).toEqual(pid < 3 ? [] : [['stream_cap', 2]]);
    }
    expect(rejected).toBe(2);
    expect(served(store, 'c_total')[0]!.value).toEqual([20]);
    // A start time is a stream of its own: a known sender restarting is a new stream too.
    const restart = ingest(
      request({ 'service.name': 'api', 'process.pid': 1 }, [counter('c', [numberPoint(1, {}, 9n, 10n)])]),
    );
    expect(restart.rejected.entries()).toEqual([['stream_cap', 1]]);
  });

  it('refuses new series once the exposition would pass its byte bound, and takes them again once some expire', () => {
    const { store, ingest } = setup({ maxExpositionBytes: 1000 });
    const result = ingest(
      request(API, [
        counter(
          'c',
          Array.from({ length: 20 }, (_, i) => numberPoint(1, { feature: `f${i}`.padEnd(40, '-') })),
        ),
      ]),
    );
    const accepted = served(store, 'c_total').length;
    expect(accepted).toBeGreaterThan(0);
    expect(result.rejected.entries()).toEqual([['exposition_cap', 20 - accepted]]);
    expect(store.estimatedExpositionBytes()).toBeLessThanOrEqual(1000);
    store.sweep(60_001);
    expect(store.estimatedExpositionBytes()).toBe(0);
  });

  it('drops target_info, counted, when the resource has an attribute too long, but keeps its points', () => {
    const { store, ingest } = setup();
    const result = ingest(
      request({ 'service.name': 'api', 'host.name': 'h'.repeat(1 << 20) }, [counter('c', [numberPoint(1)])]),
    );
    expect([...result.exporterDrops]).toEqual([['label_too_long', 1]]);
    expect(result.acceptedPoints).toBe(1);
    expect(served(store, 'target_info')).toEqual([]);
  });
});

describe('MetricsIngester: names that would collide in the exposition', () => {
  it('refuses a gauge lat_count beside a histogram lat, and a histogram lat beside a gauge lat_count', () => {
    const first = setup();
    expect(first.ingest(request(API, [histogram('lat'), gauge('lat_count')])).rejected.entries()).toEqual([
      ['name_collision', 1],
    ]);
    const second = setup();
    expect(second.ingest(request(API, [gauge('lat_count'), histogram('lat')])).rejected.entries()).toEqual([
      ['name_collision', 1],
    ]);
    expect(served(second.store, 'lat_count')).toHaveLength(1);
  });

  it('refuses a gauge jobs beside a counter jobs (both are family "jobs" in OpenMetrics)', () => {
    const { store, ingest } = setup();
    expect(
      ingest(request(API, [counter('jobs', [numberPoint(1)]), gauge('jobs')])).rejected.entries(),
    ).toEqual([['name_collision', 1]]);
    expect(store.snapshot().map((family) => family.name)).toEqual(['jobs_total', 'target_info']);
  });

  it('frees a name once its family expired', () => {
    const { store, ingest } = setup();
    ingest(request(API, [gauge('lat_count')]));
    store.sweep(60_001);
    expect(ingest(request(API, [histogram('lat')])).rejected.total()).toBe(0);
  });
});

describe('MetricsIngester: shared and reserved families', () => {
  it("refuses pushes of the exporter's own families (groqmeter_exporter_*, budgets, the model catalogue)", () => {
    const { ingest } = setup();
    const result = ingest(
      request(API, [
        gauge('groqmeter_exporter_series'),
        gauge('groqmeter.exporter.anything'),
        gauge('groqmeter_budget_usd'),
        gauge('groq_model_info'),
        counter('groqmeter.budget.spent.usd', [numberPoint(1)]),
      ]),
    );
    expect(result.rejected.entries()).toEqual([['reserved_name', 5]]);
  });

  it("a histogram named groq_cost_usd_total is refused and never blocks another app's cost", () => {
    const { store, ingest } = setup();
    const hostile = ingest(request({ 'service.name': 'hostile' }, [histogram('groq_cost_usd_total')]));
    expect(hostile.rejected.entries()).toEqual([['type_conflict', 1]]);
    const honest = ingest(request(API, [counter('groq.cost.usd', [numberPoint(0.25, { model: 'm' })])]));
    expect(honest.rejected.total()).toBe(0);
    expect(served(store, 'groq_cost_usd_total').map((row) => row.value)).toEqual([[0.25]]);
  });

  it('still takes groqmeter_dropped_total pushed by apps (their own drops), as a counter only', () => {
    const { store, ingest } = setup();
    ingest(request(API, [counter('groqmeter.dropped', [numberPoint(3, { reason: 'series_cap' })])]));
    expect(ingest(request(API, [gauge('groqmeter_dropped_total')])).rejected.entries()).toEqual([
      ['type_conflict', 1],
    ]);
    expect(served(store, 'groqmeter_dropped_total').map((row) => row.value)).toEqual([[3]]);
  });
});
