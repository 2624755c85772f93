import type { PrometheusDashboardSpec } from '../build-dashboard.js';
import { NEUTRAL, type PanelSpec } from '../panel-spec.js';
import { SERIES, select, sumBy } from '../promql.js';
import { groqShare, growth, ON_GROQ, ON_OPENAI, spendOver } from './measures.js';
import { groqShareOfSpendStat, openaiSpendLeftStat, realizedSavingsStat, SHARE } from './migration-stats.js';
import { RANGE, RATE_INTERVAL } from './range.js';

/** A counter's summed rate per second, grouped `by` labels. */
function rateOf(series: typeof SERIES.cost, by: readonly string[], where: readonly string[] = []): string {
  return sumBy(by, `rate(${select(series, { where })}[${RATE_INTERVAL}])`);
}

/** A counter's rate per hour, grouped `by` labels. */
function perHour(series: typeof SERIES.cost, by: readonly string[]): string {
  return `${rateOf(series, by)} * 3600`;
}

/** Groq's share of a counter's rate over time (range queries): a ratio of rates, no unit. */
function groqShareOverTime(series: typeof SERIES.cost): string {
  return `(${rateOf(series, [], ON_GROQ)} or vector(0)) / ${rateOf(series, [])}`;
}

/** Realized savings per hour: baseline rate minus the Groq cost rate of the same usage. */
const SAVINGS_PER_HOUR = `sum(sum by (job, instance, provider, model, operation, feature) (rate(${select(SERIES.baselineCost)}[${RATE_INTERVAL}])) - sum by (job, instance, provider, model, operation, feature) (rate(${select(SERIES.cost, { where: ['component!="tool"', ...ON_GROQ] })}[${RATE_INTERVAL}]))) * 3600`;

/** The OpenAI spend left in the range, grouped `by` one label: the work still to move. */
function openaiSpendLeft(by: string, title: string, what: string): PanelSpec {
  return {
    kind: 'bargauge',
    title,
    description: `Spend on OpenAI (provider="openai") in the dashboard range, by ${what}: what is still to move to Groq. A single 0 once nothing runs on OpenAI.`,
    unit: 'currencyUSD',
    decimals: 4,
    thresholds: NEUTRAL,
    width: 8,
    height: 8,
    targets: [
      {
        expr: `${growth(SERIES.cost, RANGE, { where: ON_OPENAI, by: [by] })} or vector(0)`,
        legend: `{{${by}}}`,
      },
    ],
  };
}

/**
 * The migration view: all AI spend in one table, Groq beside OpenAI (provider label), Groq's
 * share of spend and of operations, what the move saved so far, and what still runs on OpenAI.
 */
export const migration: PrometheusDashboardSpec = {
  datasource: 'prometheus',
  uid: 'groqmeter-migration',
  title: 'groqmeter / Migration to Groq',
  description:
    'All AI spend, Groq and OpenAI side by side: spend per provider, Groq’s share of spend and operations, realized savings against the OpenAI baseline, and the OpenAI spend left by operation, feature and model.',
  file: 'migration.json',
  rows: [
    [
      {
        kind: 'stat',
        title: 'AI spend in range',
        description:
          'Groq and OpenAI spend together in the dashboard range (groq_cost_usd_total, every provider).',
        unit: 'currencyUSD',
        decimals: 4,
        thresholds: NEUTRAL,
        width: 5,
        height: 5,
        targets: [{ expr: spendOver(RANGE) }],
      },
      groqShareOfSpendStat({ width: 5, height: 5 }),
      {
        kind: 'stat',
        title: 'Groq share of operations',
        description:
          'Operations Groq served ÷ all AI operations in the dashboard range (groq_requests_total, every outcome).',
        ...SHARE,
        width: 5,
        height: 5,
        targets: [{ expr: groqShare(SERIES.requests, RANGE) }],
      },
      realizedSavingsStat({ width: 5, height: 5 }),
      openaiSpendLeftStat({ width: 4, height: 5 }),
    ],
    [
      {
        kind: 'timeseries',
        title: 'Spend per hour by provider',
        description:
          'AI spend rate per provider (groq, openai), in USD per hour, stacked: the total is all AI spend.',
        unit: 'currencyUSD',
        thresholds: NEUTRAL,
        stacked: true,
        width: 12,
        height: 8,
        targets: [{ expr: perHour(SERIES.cost, ['provider']), legend: '{{provider}}' }],
      },
      {
        kind: 'timeseries',
        title: 'Groq share over time',
        description:
          'Groq’s share of the AI spend rate and of the operation rate, over time: the migration’s progress.',
        ...SHARE,
        width: 12,
        height: 8,
        targets: [
          { expr: groqShareOverTime(SERIES.cost), legend: 'share of spend' },
          { expr: groqShareOverTime(SERIES.requests), legend: 'share of operations' },
        ],
      },
    ],
    [
      {
        kind: 'timeseries',
        title: 'Realized savings per hour',
        description: 'The OpenAI-baseline cost of the Groq traffic minus its Groq cost, per hour.',
        unit: 'currencyUSD',
        thresholds: NEUTRAL,
        width: 12,
        height: 8,
        targets: [{ expr: SAVINGS_PER_HOUR, legend: 'saved per hour' }],
      },
      {
        kind: 'table',
        title: 'Spend and operations by provider and operation',
        description:
          'Spend and operations in the dashboard range for each provider and operation (chat, transcription, speech, embeddings, assistant, ...).',
        unit: 'currencyUSD',
        thresholds: NEUTRAL,
        width: 12,
        height: 8,
        targets: [
          { expr: growth(SERIES.cost, RANGE, { by: ['provider', 'operation'] }) },
          { expr: growth(SERIES.requests, RANGE, { by: ['provider', 'operation'] }) },
        ],
      },
    ],
    [
      openaiSpendLeft(
        'operation',
        'OpenAI spend left by operation',
        'operation (chat, assistant, transcription, ...)',
      ),
      openaiSpendLeft('feature', 'OpenAI spend left by feature', 'feature'),
      openaiSpendLeft('model', 'OpenAI spend left by model', 'model'),
    ],
  ],
};
