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
import { MetricStore } from '../store/metric-store.js';
import { MetricsIngester } from './ingest-metrics.js';

/** 2026-11-01T00:00:00Z in nanoseconds: a time the shipped catalogue has prices for. */
const T0 = BigInt(Date.parse('2026-11-01T00:00:00Z')) * 1_000_000n;

function setup({ seriesCap = 100, reprice = false } = {}) {
  const store = new MetricStore({ seriesCap, staleAfterMs: 60_000 });
  const ingester = new MetricsIngester(store, new CentralPricing(defaultPriceBook, store, reprice));
  return {
    store,
    ingest: (body: Parameters<MetricsIngester['ingest']>[0], nowMs = 0) => ingester.ingest(body, nowMs),
  };
}

const SCOPE = { otel_scope_name: 'test-scope' };

describe('MetricsIngester: counters across senders', () => {
  it('serves one series per instance when senders set service.instance.id', () => {
    const { store, ingest } = setup();
    ingest(
      request({ 'service.name': 'api', 'service.instance.id': 'a' }, [
        counter('groq.requests', [numberPoint(3)]),
      ]),
    );
    ingest(
      request({ 'service.name': 'api', 'service.instance.id': 'b' }, [
        counter('groq.requests', [numberPoint(4)]),
      ]),
    );
    expect(served(store, 'groq_requests_total')).toEqual([
      { labels: { instance: 'a', job: 'api', ...SCOPE }, value: [3] },
      { labels: { instance: 'b', job: 'api', ...SCOPE }, value: [4] },
    ]);
  });

  it('sums senders that map to the same series (no instance id) and keeps the sum when one restarts', () => {
    const { store, ingest } = setup();
    const first = { 'service.name': 'api', 'process.pid': 1 };
    const second = { 'service.name': 'api', 'process.pid': 2 };
    ingest(request(first, [counter('groq.requests', [numberPoint(10, {}, 100n, 101n)])]));
    ingest(request(second, [counter('groq.requests', [numberPoint(5, {}, 100n, 101n)])]));
    expect(served(store, 'groq_requests_total')).toEqual([{ labels: { job: 'api', ...SCOPE }, value: [15] }]);
    // The first sender restarts: a new start time and a cumulative value back near zero.
    ingest(request(first, [counter('groq.requests', [numberPoint(2, {}, 200n, 201n)])]));
    expect(served(store, 'groq_requests_total')[0]!.value).toEqual([17]);
    // Its value goes down again without a new start time: also a reset.
    ingest(request(first, [counter('groq.requests', [numberPoint(1, {}, 200n, 202n)])]));
    expect(served(store, 'groq_requests_total')[0]!.value).toEqual([18]);
    ingest(request(second, [counter('groq.requests', [numberPoint(9, {}, 100n, 102n)])]));
    expect(served(store, 'groq_requests_total')[0]!.value).toEqual([22]);
  });

  it('adds delta points into the stored cumulative, alongside cumulative senders', () => {
    const { store, ingest } = setup();
    const deltaSender = { 'service.name': 'api', 'process.pid': 1 };
    ingest(request(deltaSender, [counter('groq.tokens', [numberPoint(100, { type: 'input' })], 'delta')]));
    ingest(request(deltaSender, [counter('groq.tokens', [numberPoint(50, { type: 'input' })], 'delta')]));
    ingest(
      request({ 'service.name': 'api', 'process.pid': 2 }, [
        counter('groq.tokens', [numberPoint(7, { type: 'input' })]),
      ]),
    );
    expect(served(store, 'groq_tokens_total')).toEqual([
      { labels: { job: 'api', type: 'input', ...SCOPE }, value: [157] },
    ]);
  });

  it('refuses negative and non-finite counter values', () => {
    const { store, ingest } = setup();
    const result = ingest(
      request({ 'service.name': 'api' }, [
        counter('c', [numberPoint(-1), numberPoint(Number.NaN, { a: 'x' })]),
      ]),
    );
    expect(result.rejected.entries()).toEqual([['invalid_value', 2]]);
    expect(result.acceptedPoints).toBe(0);
    expect(served(store, 'c_total')).toEqual([]);
  });
});

describe('MetricsIngester: gauges and histograms', () => {
  it('serves the latest gauge value across senders of one series', () => {
    const { store, ingest } = setup();
    const gauge = (value: number, time: bigint) =>
      metric('groq.ratelimit.remaining', {
        kind: 'gauge',
        points: [numberPoint(value, { model: 'm' }, 0n, time)],
      });
    ingest(request({ 'service.name': 'api', 'process.pid': 1 }, [gauge(900, T0 + 5n)]));
    ingest(request({ 'service.name': 'api', 'process.pid': 2 }, [gauge(800, T0 + 3n)]));
    expect(served(store, 'groq_ratelimit_remaining')).toEqual([
      { labels: { job: 'api', model: 'm', ...SCOPE }, value: 900 },
    ]);
  });

  it('serves non-monotonic sums as gauges summed over senders', () => {
    const { store, ingest } = setup();
    const inFlight = (value: number) =>
      metric('in.flight', {
        kind: 'sum',
        monotonic: false,
        temporality: 'cumulative',
        points: [numberPoint(value)],
      });
    ingest(request({ 'service.name': 'api', 'process.pid': 1 }, [inFlight(3)]));
    ingest(request({ 'service.name': 'api', 'process.pid': 2 }, [inFlight(2)]));
    ingest(request({ 'service.name': 'api', 'process.pid': 1 }, [inFlight(1)]));
    expect(served(store, 'in_flight')).toEqual([{ labels: { job: 'api', ...SCOPE }, value: 3 }]);
  });

  it('sums histogram buckets over senders and accumulates delta histograms', () => {
    const { store, ingest } = setup();
    const histogram = (temporality: 'delta' | 'cumulative', counts: number[], sum: number) =>
      metric('gen_ai.client.operation.duration', {
        kind: 'histogram',
        temporality,
        points: [histogramPoint(counts, [0.5, 1], sum, { model: 'm' })],
      });
    ingest(request({ 'service.name': 'api', 'process.pid': 1 }, [histogram('cumulative', [1, 2, 0], 2.5)]));
    ingest(request({ 'service.name': 'api', 'process.pid': 2 }, [histogram('delta', [0, 1, 1], 3)]));
    ingest(request({ 'service.name': 'api', 'process.pid': 2 }, [histogram('delta', [1, 0, 0], 0.25)]));
    expect(served(store, 'gen_ai_client_operation_duration')).toEqual([
      { labels: { job: 'api', model: 'm', ...SCOPE }, value: [6, 5.75, 2, 3, 1] },
    ]);
  });

  it('refuses a histogram point whose bounds differ from the series', () => {
    const { ingest } = setup();
    ingest(
      request({ 'service.name': 'api' }, [
        metric('h', { kind: 'histogram', temporality: 'delta', points: [histogramPoint([1, 0], [1], 1)] }),
      ]),
    );
    const result = ingest(
      request({ 'service.name': 'api' }, [
        metric('h', { kind: 'histogram', temporality: 'delta', points: [histogramPoint([1, 0], [2], 1)] }),
      ]),
    );
    expect(result.rejected.entries()).toEqual([['bucket_mismatch', 1]]);
  });
});

describe('MetricsIngester: refusals', () => {
  it('counts exponential histograms and summaries as unsupported', () => {
    const { ingest } = setup();
    const result = ingest(
      request({ 'service.name': 'api' }, [
        metric('exp', { kind: 'exponential_histogram', pointCount: 2 }),
        metric('sum', { kind: 'summary', pointCount: 1 }),
      ]),
    );
    expect(result.rejected.entries()).toEqual([['unsupported_metric', 3]]);
    expect(result.unsupportedMetrics).toBe(2);
    expect(result.rejected.message()).toBe(
      '3 data points rejected: 3 unsupported_metric ("exp" is an exponential histogram; only sums, gauges and explicit-bucket histograms are served)',
    );
  });

  it('refuses label sets past the series cap and says so', () => {
    const { store, ingest } = setup({ seriesCap: 2 });
    const result = ingest(
      request({ 'service.name': 'api' }, [
        counter('c', [numberPoint(1, { k: '1' }), numberPoint(1, { k: '2' }), numberPoint(1, { k: '3' })]),
      ]),
    );
    expect(result.acceptedPoints).toBe(2);
    expect(result.rejected.message()).toBe(
      '1 data points rejected: 1 series_cap (c_total has reached the series cap of 2)',
    );
    expect(served(store, 'c_total')).toHaveLength(2);
  });

  it('refuses a metric whose Prometheus name is taken by another type', () => {
    const { ingest } = setup();
    ingest(request({ 'service.name': 'api' }, [metric('x', { kind: 'gauge', points: [numberPoint(1)] })]));
    const result = ingest(
      request({ 'service.name': 'api' }, [
        metric('x', { kind: 'histogram', temporality: 'delta', points: [histogramPoint([1], [], 1)] }),
      ]),
    );
    expect(result.rejected.entries()).toEqual([['type_conflict', 1]]);
  });

  it('publishes target_info per sender with its other resource attributes', () => {
    const { store, ingest } = setup();
    ingest(request({ 'service.name': 'api', 'service.instance.id': 'a', 'host.name': 'h1' }, []));
    expect(served(store, 'target_info')).toEqual([
      { labels: { host_name: 'h1', instance: 'a', job: 'api' }, value: 1 },
    ]);
  });
});

describe('MetricsIngester: central pricing', () => {
  const MODEL = 'openai/gpt-oss-120b';
  const tokens = (values: Record<string, number>, time = T0) =>
    counter(
      'groq.tokens',
      Object.entries(values).map(([type, value]) =>
        numberPoint(value, { model: MODEL, operation: 'chat', type, feature: 'search' }, T0 - 1n, time),
      ),
    );
  const costLabels = (component: string) => ({
    batch: 'false',
    component,
    service_tier: 'on_demand',
    feature: 'search',
    job: 'api',
    model: MODEL,
    operation: 'chat',
    ...SCOPE,
  });

  it('prices token pushes that carry no cost, per component, to the exact amount', () => {
    const { store, ingest } = setup();
    ingest(
      request({ 'service.name': 'api' }, [
        tokens({ input: 1000, cached_input: 200, output: 500, reasoning: 100 }),
      ]),
    );
    expect(served(store, 'groq_cost_usd_total')).toEqual([
      { labels: costLabels('input'), value: [0.00012] },
      { labels: costLabels('cached_input'), value: [0.000015] },
      { labels: costLabels('output'), value: [0.0003] },
    ]);
    // The next cumulative push prices only the increase.
    ingest(
      request({ 'service.name': 'api' }, [
        tokens({ input: 3000, cached_input: 200, output: 500, reasoning: 100 }, T0 + 1n),
      ]),
    );
    expect(served(store, 'groq_cost_usd_total')[0]!.value).toEqual([0.00042]);
  });

  it('leaves models alone that the sender prices itself', () => {
    const { store, ingest } = setup();
    const pushedCost = counter('groq.cost.usd', [numberPoint(0.5, { model: MODEL, component: 'input' })]);
    ingest(request({ 'service.name': 'api' }, [pushedCost, tokens({ input: 1000 })]));
    expect(served(store, 'groq_cost_usd_total')).toEqual([
      { labels: { component: 'input', job: 'api', model: MODEL, ...SCOPE }, value: [0.5] },
    ]);
  });

  it('with reprice, ignores pushed cost and prices every token push', () => {
    const { store, ingest } = setup({ reprice: true });
    const pushedCost = counter('groq.cost.usd', [numberPoint(0.5, { model: MODEL, component: 'input' })]);
    const result = ingest(request({ 'service.name': 'api' }, [pushedCost, tokens({ input: 1000 })]));
    expect(result.rejected.total()).toBe(0);
    expect(served(store, 'groq_cost_usd_total')).toEqual([{ labels: costLabels('input'), value: [0.00015] }]);
  });

  it('prices audio seconds, speech characters and tool calls too', () => {
    const { store, ingest } = setup();
    ingest(
      request({ 'service.name': 'api' }, [
        counter('groq.audio.billed.seconds', [
          numberPoint(36, { model: 'whisper-large-v3-turbo', operation: 'transcription' }, 1n, T0),
        ]),
        counter('groq.speech.characters', [
          numberPoint(1000, { model: 'canopylabs/orpheus-v1-english' }, 1n, T0),
        ]),
        counter('groq.tool.calls', [numberPoint(2, { model: 'groq/compound', tool: 'web_search' }, 1n, T0)]),
      ]),
    );
    expect(served(store, 'groq_cost_usd_total')).toEqual([
      {
        labels: {
          batch: 'false',
          component: 'audio',
          service_tier: 'on_demand',
          job: 'api',
          model: 'whisper-large-v3-turbo',
          operation: 'transcription',
          ...SCOPE,
        },
        value: [0.0004],
      },
      {
        labels: {
          batch: 'false',
          component: 'speech',
          service_tier: 'on_demand',
          job: 'api',
          model: 'canopylabs/orpheus-v1-english',
          ...SCOPE,
        },
        value: [0.022],
      },
      {
        labels: {
          batch: 'false',
          component: 'tool',
          service_tier: 'on_demand',
          job: 'api',
          model: 'groq/compound',
          ...SCOPE,
        },
        value: [0.01],
      },
    ]);
  });

  it('counts usage of a model the price book does not know as unknown_model', () => {
    const { store, ingest } = setup();
    const result = ingest(
      request({ 'service.name': 'api' }, [
        counter('groq.tokens', [numberPoint(10, { model: 'no-such-model', type: 'input' })]),
      ]),
    );
    expect([...result.exporterDrops]).toEqual([['unknown_model', 1]]);
    expect(served(store, 'groq_cost_usd_total')).toEqual([]);
    expect(served(store, 'groq_tokens_total')).toHaveLength(1);
  });

  it('counts usage the price book refuses as invalid_usage', () => {
    const { ingest } = setup();
    const result = ingest(request({ 'service.name': 'api' }, [tokens({ cached_input: 10 })]));
    expect([...result.exporterDrops]).toEqual([['invalid_usage', 1]]);
  });
});

describe('MetricsIngester: pricing-completeness counters', () => {
  it('passes groq_priced_operations_total and groqmeter_usage_reconciled_total through as they are pushed (no allow-list)', () => {
    const { store, ingest } = setup();
    ingest(
      request({ 'service.name': 'api' }, [
        counter('groq.priced_operations', [
          numberPoint(7, { model: 'openai/gpt-oss-20b', operation: 'chat', pricing: 'exact' }),
          numberPoint(2, { model: 'groq/compound', operation: 'chat', pricing: 'partial' }),
        ]),
        counter('groqmeter.usage.reconciled', [numberPoint(1, { rule: 'breakdown_repeats_total' })]),
      ]),
    );
    expect(served(store, 'groq_priced_operations_total')).toEqual([
      {
        labels: { job: 'api', ...SCOPE, model: 'openai/gpt-oss-20b', operation: 'chat', pricing: 'exact' },
        value: [7],
      },
      {
        labels: { job: 'api', ...SCOPE, model: 'groq/compound', operation: 'chat', pricing: 'partial' },
        value: [2],
      },
    ]);
    expect(served(store, 'groqmeter_usage_reconciled_total')).toEqual([
      { labels: { job: 'api', ...SCOPE, rule: 'breakdown_repeats_total' }, value: [1] },
    ]);
  });
});
