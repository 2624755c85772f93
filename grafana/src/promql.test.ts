import { describe, expect, it } from 'vitest';
import { counterGrowth, counterSinceRangeStart, quantile, SERIES, select, sumBy } from './promql.js';

describe('select', () => {
  it('applies every template variable that filters one of the series labels', () => {
    expect(select(SERIES.cost, { where: ['component="input"'] })).toBe(
      'groq_cost_usd_total{job=~"$job", model=~"$model", operation=~"$operation", feature=~"$feature", component="input"}',
    );
    expect(select(SERIES.rateLimitRemaining)).toBe('groq_ratelimit_remaining{job=~"$job", model=~"$model"}');
  });

  it('filters the semconv labels and matches both spellings of seconds histograms', () => {
    expect(select(SERIES.operationDuration, { part: '_bucket' })).toBe(
      '{__name__=~"gen_ai_client_operation_duration(_seconds)?_bucket", job=~"$job", gen_ai_request_model=~"$model", gen_ai_operation_name=~"$operation", feature=~"$feature"}',
    );
    expect(select(SERIES.tokenUsage, { part: '_count' })).toBe(
      'gen_ai_client_token_usage_count{job=~"$job", gen_ai_request_model=~"$model", gen_ai_operation_name=~"$operation"}',
    );
  });

  it('leaves the variables out for alert rules', () => {
    expect(select(SERIES.cost, { unfiltered: true })).toBe('groq_cost_usd_total');
    expect(select(SERIES.budget, { unfiltered: true, where: ['period="month"'] })).toBe(
      'groqmeter_budget_usd{period="month"}',
    );
  });
});

describe('counterGrowth', () => {
  it('counts from the value at the window start, from zero for new series, and falls back to increase() after a reset', () => {
    expect(counterGrowth('c', '$__range')).toBe(
      '(((last_over_time(c[$__range]) - c offset $__range) or last_over_time(c[$__range]))' +
        ' unless resets(c[$__range]) > 0 or increase(c[$__range]))',
    );
  });
});

describe('counterSinceRangeStart', () => {
  it('subtracts the last value before the range opened', () => {
    expect(counterSinceRangeStart('c')).toBe(
      '((last_over_time(c[$__range]) - last_over_time(c[$__range] @ start())) or last_over_time(c[$__range]))',
    );
  });
});

describe('quantile and sumBy', () => {
  it('build histogram_quantile over bucket rates grouped by le', () => {
    expect(quantile(0.95, SERIES.retryAfterSeconds, ['model'])).toBe(
      'histogram_quantile(0.95, sum by (le, model) (rate(groq_retry_after_seconds_bucket{job=~"$job", model=~"$model"}[$__rate_interval])))',
    );
  });

  it('sum without labels or by labels', () => {
    expect(sumBy([], 'x')).toBe('sum(x)');
    expect(sumBy(['model', 'type'], 'x')).toBe('sum by (model, type) (x)');
  });
});
