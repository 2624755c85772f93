import { describe, expect, it } from 'vitest';
import type { BudgetUse } from '../budgets/budget-series.js';
import { countExporterSeries, setExporterGauge } from '../store/exporter-series.js';
import { MetricStore } from '../store/metric-store.js';
import type { Labels } from '../store/series.js';
import { HeadlineHistory } from './headline-history.js';
import { headlineSample } from './headline-sample.js';
import { pageSummary } from './page-summary.js';
import { StoreView } from './store-view.js';

const A = 'openai/gpt-oss-20b';
const B = 'qwen/qwen3.6-27b';
const NOW = Date.UTC(2026, 11, 16);

/** Adds a histogram point through the store's own series, as the ingest does. */
function histogram(
  store: MetricStore,
  name: string,
  labels: Labels,
  bounds: number[],
  buckets: number[],
  sum: number,
) {
  const family = store.monotonicFamily(name, 'histogram', 'test', true);
  if (typeof family === 'string') throw new Error(family);
  const series = store.monotonicSeries(family, labels, bounds, true);
  if (typeof series === 'string') throw new Error(series);
  const count = buckets.reduce((total, bucket) => total + bucket, 0);
  series.streamContribution('test', NOW)?.applyDelta([count, sum, ...buckets], NOW);
}

function filledStore(): MetricStore {
  const store = new MetricStore({ seriesCap: 100, staleAfterMs: 60_000 });
  const count = (name: string, labels: Labels, value: number) =>
    countExporterSeries(store, name, 'test', labels, value);
  count(
    'groq_requests_total',
    [
      ['model', A],
      ['outcome', 'success'],
    ],
    8,
  );
  count(
    'groq_requests_total',
    [
      ['error_type', 'RateLimitError'],
      ['model', A],
      ['outcome', 'error'],
    ],
    2,
  );
  count(
    'groq_requests_total',
    [
      ['model', B],
      ['outcome', 'success'],
    ],
    10,
  );
  count(
    'groq_cost_usd_total',
    [
      ['component', 'input'],
      ['model', A],
    ],
    0.012,
  );
  count(
    'groq_cost_usd_total',
    [
      ['component', 'input'],
      ['model', B],
    ],
    0.003,
  );
  count(
    'groq_tokens_total',
    [
      ['model', A],
      ['type', 'input'],
    ],
    1000,
  );
  count(
    'groq_tokens_total',
    [
      ['model', A],
      ['type', 'output'],
    ],
    200,
  );
  count(
    'groq_tokens_total',
    [
      ['model', B],
      ['type', 'input'],
    ],
    500,
  );
  count(
    'groq_tokens_total',
    [
      ['model', B],
      ['type', 'output'],
    ],
    100,
  );
  count('groq_priced_operations_total', [['pricing', 'exact']], 15);
  count('groq_priced_operations_total', [['pricing', 'partial']], 3);
  count('groq_ratelimit_hits_total', [['model', A]], 2);
  const gauge = (name: string, labels: Labels, value: number) =>
    setExporterGauge(store, name, 'test', labels, value);
  gauge(
    'groq_ratelimit_limit',
    [
      ['model', A],
      ['resource', 'requests'],
    ],
    1000,
  );
  gauge(
    'groq_ratelimit_remaining',
    [
      ['model', A],
      ['resource', 'requests'],
    ],
    100,
  );
  gauge(
    'groq_ratelimit_reset_seconds',
    [
      ['model', A],
      ['resource', 'requests'],
    ],
    60,
  );
  gauge(
    'groq_ratelimit_limit',
    [
      ['model', A],
      ['resource', 'tokens'],
    ],
    6000,
  );
  gauge(
    'groq_ratelimit_remaining',
    [
      ['model', A],
      ['resource', 'tokens'],
    ],
    3000,
  );
  gauge(
    'groq_ratelimit_limit',
    [
      ['model', B],
      ['resource', 'requests'],
    ],
    1000,
  );
  gauge(
    'groq_ratelimit_remaining',
    [
      ['model', B],
      ['resource', 'requests'],
    ],
    900,
  );
  const duration = 'gen_ai_client_operation_duration';
  histogram(store, duration, [['gen_ai_request_model', A]], [1, 2, 4], [4, 4, 0, 0], 8);
  histogram(store, duration, [['gen_ai_request_model', B]], [1, 2, 4], [10, 0, 0, 0], 5);
  return store;
}

describe('pageSummary', () => {
  const store = filledStore();
  const view = new StoreView(store.snapshot());
  const history = new HeadlineHistory();
  history.record(NOW - 60_000, headlineSample(new StoreView([])));
  history.record(NOW, headlineSample(view));
  const monthly: BudgetUse = {
    budget: { name: 'all-month', scope: {}, period: 'month', usd: 0.05, warn: [0.8], enforce: false },
    bounds: { startMs: Date.UTC(2026, 11, 1), endMs: Date.UTC(2027, 0, 1) },
    spentUsd: 0.015,
    ratePerSecond: undefined,
    forecastUsd: undefined,
    operations: new Map(),
  };
  const summary = pageSummary({
    view,
    nowMs: NOW,
    budgets: [monthly],
    spendThisMonth: (total) => total,
    recent: history.rows('fine'),
    catalogue: false,
    ledger: false,
    mode: 'memory',
  });

  it('adds up the card from the store, as /metrics would serve it', () => {
    const { card } = summary;
    expect(card.spendUsd).toBeCloseTo(0.015, 15);
    // Half a month in (15 of December's 31 days): $0.015 × 31 / 15.
    expect(card.forecastMonthUsd).toBeCloseTo(0.031, 15);
    expect(card).toMatchObject({
      inputTokens: 1500,
      outputTokens: 300,
      requests: 20,
      errors: 2,
      errorRate: 0.1,
      monthSource: 'exporter',
      forecastSource: 'exporter',
      // 100 of 1,000 requests left: below B's 90 % and A's 50 % of tokens.
      lowestHeadroom: { share: 0.1, model: A, resource: 'requests' },
      fullyPricedShare: 15 / 18,
      pricing: { exact: 15, partial: 3 },
    });
    // 18 operations taking 13 s; p95 is rank 17.1: 3.1 of the 4 between 1 and 2 s.
    expect(card.avgLatencySeconds).toBeCloseTo(13 / 18, 15);
    expect(card.p95LatencySeconds).toBeCloseTo(1.775, 15);
    expect(card.budgets).toEqual([
      {
        name: 'all-month',
        scope: 'all',
        period: 'month',
        usd: 0.05,
        spentUsd: 0.015,
        used: 0.3,
        forecastUsd: null,
        resetsAtMs: Date.UTC(2027, 0, 1),
        warn: [0.8],
      },
    ]);
  });

  it('colours availability by the dashboards’ thresholds: 90 % succeeded is poor, whatever the latency', () => {
    const { p95Seconds, ...availability } = summary.card.availability;
    expect(availability).toEqual({ state: 'poor', share: 0.9, windowSeconds: 300 });
    expect(p95Seconds).toBeCloseTo(1.775, 15);
  });

  it('lists models, errors by type and rate limits with their 429s', () => {
    expect(
      summary.models.map((row) => [row.model, row.requests, row.errors, row.inputTokens, row.spendUsd]),
    ).toEqual([
      [A, 10, 2, 1000, 0.012],
      [B, 10, 0, 500, 0.003],
    ]);
    // A: 4 up to 1 s and 4 in (1, 2]: p95 rank 7.6, 3.6 of the 4.
    expect(summary.models[0]?.p95LatencySeconds).toBeCloseTo(1.9, 15);
    expect(summary.errorsByType).toEqual([{ errorType: 'RateLimitError', count: 2 }]);
    expect(summary.rateLimits).toEqual([
      { model: A, resource: 'requests', limit: 1000, remaining: 100, share: 0.1, resetSeconds: 60, hits: 2 },
      { model: A, resource: 'tokens', limit: 6000, remaining: 3000, share: 0.5, resetSeconds: null, hits: 2 },
      {
        model: B,
        resource: 'requests',
        limit: 1000,
        remaining: 900,
        share: 0.9,
        resetSeconds: null,
        hits: 0,
      },
    ]);
    expect(summary.catalogue).toBeNull();
  });
});
