import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summarizeMetrics } from './metrics-summary.js';
import { parsePrometheusText } from './prometheus-text.js';

const fixture = readFileSync(new URL('../test/fixtures/exporter-metrics.prom', import.meta.url), 'utf8');
const usd = (value: number) => expect.closeTo(value, 12);

describe('summarizeMetrics', () => {
  const summary = summarizeMetrics(parsePrometheusText(fixture));

  it("reads the exporter's budgets, most used first, with the warning thresholds crossed", () => {
    expect(summary.budgets).toEqual([
      {
        budget: 'voice-notes-daily',
        scope: 'feature=voice-notes',
        period: 'day',
        usd: 0.0001,
        spentUsd: 0.000111,
        used: usd(1.11),
        warningsCrossed: [],
        enforced: true,
      },
      {
        budget: 'support-chat-daily',
        scope: 'feature=support-chat',
        period: 'day',
        usd: 0.002,
        spentUsd: 0.00138,
        used: usd(0.69),
        warningsCrossed: [0.5],
        enforced: false,
      },
      {
        budget: 'all-monthly',
        scope: 'all',
        period: 'month',
        usd: 10,
        spentUsd: 0.002046,
        used: usd(0.0002046),
        warningsCrossed: [],
        enforced: false,
      },
    ]);
  });

  it('adds up spend by service, model and feature, largest first', () => {
    expect(summary.totalSpendUsd).toBeCloseTo(0.0020461, 12);
    expect(summary.spendByService).toEqual([
      { key: 'demo-groq-sdk', value: usd(0.0014911) },
      { key: 'demo-ai-sdk', value: usd(0.000295) },
      { key: 'demo-langchain', value: usd(0.00026) },
    ]);
    // The fixture's series carry no provider label: they are Groq's.
    expect(summary.spendByProvider).toEqual([{ key: 'groq', value: usd(0.0020461) }]);
    expect(summary.spendByModel).toEqual([
      { key: 'llama-3.3-70b-versatile', value: usd(0.001675) },
      { key: 'llama-3.1-8b-instant', value: usd(0.00026) },
      { key: 'whisper-large-v3-turbo', value: usd(0.0001111) },
    ]);
    expect(summary.spendByFeature).toEqual([
      { key: 'support-chat', value: usd(0.00138) },
      { key: '(none)', value: usd(0.000295) },
      { key: 'summarizer', value: usd(0.00026) },
      { key: 'voice-notes', value: usd(0.0001111) },
    ]);
  });

  it('counts operations by pricing outcome, so that the summary says how much spend is exact', () => {
    expect(summary.pricing).toEqual({
      operations: 22,
      exact: 20,
      partial: 1,
      stale: 0,
      unpriced: 0,
      usageMissing: 1,
    });
  });

  it('adds up tokens by type', () => {
    expect(summary.tokensByType).toEqual([
      { key: 'input', value: 3500 },
      { key: 'output', value: 3000 },
      { key: 'cached_input', value: 512 },
    ]);
  });

  it('counts requests, errors and 429s per service', () => {
    expect(summary.requestsByService).toEqual([
      { service: 'demo-ai-sdk', requests: 4, errors: 0, rateLimited: 0 },
      { service: 'demo-groq-sdk', requests: 12, errors: 0, rateLimited: 0 },
      { service: 'demo-langchain', requests: 10, errors: 3, rateLimited: 3 },
    ]);
  });

  it('keeps the tightest headroom per model and resource, lowest first', () => {
    expect(summary.headroom).toEqual([
      { model: 'llama-3.1-8b-instant', resource: 'tokens', remaining: 750, limit: 6000, ratio: 0.125 },
      { model: 'llama-3.3-70b-versatile', resource: 'tokens', remaining: 6000, limit: 12000, ratio: 0.5 },
      { model: 'llama-3.3-70b-versatile', resource: 'requests', remaining: 986, limit: 1000, ratio: 0.986 },
    ]);
  });

  it('estimates p95 latency from the summed duration buckets, overall and per model', () => {
    // all: 20 operations, rank 19 is the 1st of 2 in (0.64, 1.28]
    expect(summary.p95Seconds).toBeCloseTo(0.96, 12);
    expect(summary.latencyByModel).toEqual([
      { model: 'llama-3.3-70b-versatile', p95Seconds: expect.closeTo(1.12, 12), operations: 10 },
      { model: 'llama-3.1-8b-instant', p95Seconds: expect.closeTo(0.608, 12), operations: 10 },
    ]);
  });

  it('names operations without a model (file uploads, batch creation) "(no model)"', () => {
    const text = [
      'groq_ratelimit_limit{job="a",model="",resource="requests"} 1000',
      'groq_ratelimit_remaining{job="a",model="",resource="requests"} 996',
      'gen_ai_client_operation_duration_bucket{gen_ai_operation_name="batch",le="1"} 2',
      'gen_ai_client_operation_duration_bucket{gen_ai_operation_name="batch",le="+Inf"} 2',
    ].join('\n');
    const result = summarizeMetrics(parsePrometheusText(text));
    expect(result.headroom).toEqual([
      { model: '(no model)', resource: 'requests', remaining: 996, limit: 1000, ratio: 0.996 },
    ]);
    expect(result.latencyByModel.map((entry) => entry.model)).toEqual(['(no model)']);
  });

  it('accepts the unit-suffixed histogram name of the OTel Collector', () => {
    const text = [
      'gen_ai_client_operation_duration_seconds_bucket{gen_ai_request_model="m",le="1"} 4',
      'gen_ai_client_operation_duration_seconds_bucket{gen_ai_request_model="m",le="+Inf"} 4',
    ].join('\n');
    expect(summarizeMetrics(parsePrometheusText(text)).p95Seconds).toBeCloseTo(0.95, 12);
  });

  it('summarises an exporter that has received nothing as zero spend and no latency', () => {
    expect(summarizeMetrics([])).toEqual({
      totalSpendUsd: 0,
      pricing: { operations: 0, exact: 0, partial: 0, stale: 0, unpriced: 0, usageMissing: 0 },
      spendByService: [],
      spendByProvider: [],
      spendByModel: [],
      spendByFeature: [],
      tokensByType: [],
      requestsByService: [],
      headroom: [],
      p95Seconds: undefined,
      latencyByModel: [],
      budgets: [],
    });
  });
});
