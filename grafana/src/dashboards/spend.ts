import type { PrometheusDashboardSpec } from '../build-dashboard.js';
import { NEUTRAL } from '../panel-spec.js';
import { counterSinceRangeStart, SERIES, select, sumBy } from '../promql.js';
import { BASELINE_SAVINGS, growth, spendOver } from './measures.js';
import { RANGE, RATE_INTERVAL } from './range.js';

/**
 * Groq's batch discount (50% off every token, docs via `shared/pricing-sources.md`). The
 * undiscounted price of a batch request is its cost ÷ (1 − discount).
 */
export const BATCH_DISCOUNT = 0.5;

/** Spend per hour from the counter's rate, grouped `by` labels. */
function spendPerHour(by: readonly string[], where: readonly string[] = []): string {
  return `${sumBy(by, `rate(${select(SERIES.cost, { where })}[${RATE_INTERVAL}])`)} * 3600`;
}

const tokensByModel = (type: string) =>
  growth(SERIES.tokens, RANGE, { where: [`type="${type}"`], by: ['model'] });

/**
 * Per model: cached tokens × the model's uncached input price (its `input` cost ÷ its uncached
 * input tokens) − what the cached tokens cost. Groq bills cached tokens at a lower price.
 */
const CACHED_TOKEN_SAVINGS =
  `sum(${tokensByModel('cached_input')} * (` +
  `${growth(SERIES.cost, RANGE, { where: ['component="input"'], by: ['model'] })}` +
  ` / ((${tokensByModel('input')} - ${tokensByModel('cached_input')}) > 0))` +
  ` - ${growth(SERIES.cost, RANGE, { where: ['component="cached_input"'], by: ['model'] })})`;

/** Cost by model, operation and feature over time; cumulative; daily; savings; tokens. */
export const spend: PrometheusDashboardSpec = {
  datasource: 'prometheus',
  uid: 'groqmeter-spend',
  title: 'groqmeter / Spend & tokens',
  description:
    'Where the Groq money goes: by model, operation and feature, over time, and what caching, batch and Groq itself saved.',
  file: 'spend.json',
  rows: [
    [
      {
        kind: 'stat',
        title: 'Spend in range',
        description: 'Groq spend in the dashboard range, all components, exact counter growth.',
        unit: 'currencyUSD',
        decimals: 4,
        thresholds: NEUTRAL,
        width: 6,
        height: 5,
        targets: [{ expr: spendOver(RANGE), expect: 'spend' }],
      },
      {
        kind: 'stat',
        title: 'Cached-token savings',
        description:
          'What the cached prompt tokens would have cost at each model’s uncached input price, minus what they cost. The uncached price is the model’s input cost ÷ its uncached input tokens in the range.',
        unit: 'currencyUSD',
        decimals: 4,
        thresholds: NEUTRAL,
        width: 6,
        height: 5,
        targets: [{ expr: CACHED_TOKEN_SAVINGS, expect: 'cached_token_savings' }],
      },
      {
        kind: 'stat',
        title: 'Batch savings',
        description: `What batch requests would have cost without Groq’s ${BATCH_DISCOUNT * 100}% batch discount, minus what they cost. 0 when no batch requests ran.`,
        unit: 'currencyUSD',
        decimals: 4,
        thresholds: NEUTRAL,
        width: 6,
        height: 5,
        targets: [
          {
            expr: `${spendOver(RANGE, ['batch="true"'])} * (1 / (1 - ${BATCH_DISCOUNT}) - 1) or vector(0)`,
            expect: 'batch_savings',
          },
        ],
      },
      {
        kind: 'stat',
        title: 'Savings vs OpenAI baseline',
        description:
          'What the same usage would have cost on the baseline model (groq_cost_baseline_usd_total, e.g. gpt-4o for chat, whisper-1, tts-1) minus what it cost on Groq. Built-in tools are left out on both sides.',
        unit: 'currencyUSD',
        decimals: 4,
        thresholds: [
          { value: null, color: 'red' },
          { value: 0, color: 'green' },
        ],
        width: 6,
        height: 5,
        targets: [{ expr: BASELINE_SAVINGS, expect: 'baseline_savings' }],
      },
    ],
    [
      {
        kind: 'timeseries',
        title: 'Spend per hour by model',
        description: 'Groq spend rate by model, in USD per hour.',
        unit: 'currencyUSD',
        thresholds: NEUTRAL,
        width: 12,
        height: 8,
        targets: [{ expr: spendPerHour(['model']), legend: '{{model}}' }],
      },
      {
        kind: 'timeseries',
        title: 'Cumulative spend by model',
        description: 'Spend since the start of the dashboard range, by model.',
        unit: 'currencyUSD',
        thresholds: NEUTRAL,
        width: 12,
        height: 8,
        targets: [
          {
            expr: sumBy(['model'], counterSinceRangeStart(select(SERIES.cost))),
            legend: '{{model}}',
            expect: 'spend',
          },
        ],
      },
    ],
    [
      {
        kind: 'timeseries',
        title: 'Spend per hour by operation',
        description:
          'Groq spend rate by operation (chat, transcription, translation, speech, ...), in USD per hour.',
        unit: 'currencyUSD',
        thresholds: NEUTRAL,
        width: 12,
        height: 8,
        targets: [{ expr: spendPerHour(['operation']), legend: '{{operation}}' }],
      },
      {
        kind: 'timeseries',
        title: 'Spend per hour by feature',
        description:
          'Groq spend rate by the feature attribution label, in USD per hour. Calls without a feature show as {}.',
        unit: 'currencyUSD',
        thresholds: NEUTRAL,
        width: 12,
        height: 8,
        targets: [{ expr: spendPerHour(['feature']), legend: '{{feature}}' }],
      },
    ],
    [
      {
        kind: 'timeseries',
        title: 'Spend per day',
        description:
          'Groq spend of each UTC day (each bar is the 24 hours before it), to show the daily pattern.',
        unit: 'currencyUSD',
        thresholds: NEUTRAL,
        interval: '1d',
        bars: true,
        width: 12,
        height: 8,
        targets: [{ expr: spendOver('1d'), legend: 'spend', expect: 'spend' }],
      },
      {
        kind: 'timeseries',
        title: 'Groq vs baseline spend per hour',
        description:
          'Spend rate on Groq (built-in tools left out) next to what the same usage would cost on the baseline model, in USD per hour.',
        unit: 'currencyUSD',
        thresholds: NEUTRAL,
        width: 12,
        height: 8,
        targets: [
          { expr: spendPerHour([], ['component!="tool"']), legend: 'Groq' },
          {
            expr: `${sumBy(['baseline_model'], `rate(${select(SERIES.baselineCost)}[${RATE_INTERVAL}])`)} * 3600`,
            legend: 'baseline {{baseline_model}}',
          },
        ],
      },
    ],
    [
      {
        kind: 'table',
        title: 'Spend by model, operation and feature',
        description: 'Groq spend in the dashboard range for each model, operation and feature.',
        unit: 'currencyUSD',
        decimals: 6,
        thresholds: NEUTRAL,
        width: 12,
        height: 9,
        targets: [
          { expr: growth(SERIES.cost, RANGE, { by: ['model', 'operation', 'feature'] }), expect: 'spend' },
        ],
      },
      {
        kind: 'bargauge',
        title: 'Spend by component',
        description:
          'Groq spend in the dashboard range by bill component: input, cached_input, output, audio, speech, tool.',
        unit: 'currencyUSD',
        decimals: 6,
        thresholds: NEUTRAL,
        width: 12,
        height: 9,
        targets: [
          {
            expr: growth(SERIES.cost, RANGE, { by: ['component'] }),
            legend: '{{component}}',
            expect: 'spend',
          },
        ],
      },
    ],
    [
      {
        kind: 'timeseries',
        title: 'Tokens per second by type',
        description:
          'Token rate by type: input (all prompt tokens), cached_input (the cached part), output (all completion tokens), reasoning (the reasoning part).',
        unit: 'suffix: tok/s',
        thresholds: NEUTRAL,
        width: 12,
        height: 8,
        targets: [
          { expr: sumBy(['type'], `rate(${select(SERIES.tokens)}[${RATE_INTERVAL}])`), legend: '{{type}}' },
        ],
      },
      {
        kind: 'table',
        title: 'Tokens by model and type',
        description: 'Tokens in the dashboard range for each model and token type.',
        unit: 'short',
        thresholds: NEUTRAL,
        width: 12,
        height: 8,
        targets: [
          {
            expr: growth(SERIES.tokens, RANGE, { by: ['model', 'type'] }),
            expect: 'tokens_by_model_and_type',
          },
        ],
      },
    ],
  ],
};
