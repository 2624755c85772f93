import type { PostgresDashboardSpec } from '../build-dashboard.js';
import { NEUTRAL } from '../panel-spec.js';

/** The table of `@groqmeter/ledger` (its `LEDGER_TABLE`): one row per Groq operation. */
const TABLE = 'groq_operations';
/** Operations that started in the dashboard range; Grafana's PostgreSQL macros quote the bounds. */
const IN_RANGE = 'start_time >= $__timeFrom() AND start_time < $__timeTo()';
const MODEL = 'COALESCE(request_model, response_model)';

/**
 * Spend by user, feature and model from the `@groqmeter/ledger` table in PostgreSQL: what
 * Prometheus cannot answer without labels of unbounded cardinality. Every panel sums the exact
 * per-operation costs the ledger stores.
 */
export const ledger: PostgresDashboardSpec = {
  datasource: 'postgres',
  uid: 'groqmeter-ledger',
  title: 'groqmeter / Ledger: spend by user and feature',
  description:
    "Per-operation Groq usage from the @groqmeter/ledger table groq_operations, through Grafana's PostgreSQL data source.",
  file: 'ledger.json',
  timezone: 'utc',
  from: 'now-30d',
  rows: [
    [
      {
        kind: 'stat',
        title: 'Spend',
        description:
          "Groq spend of the operations that started in the dashboard range, from the ledger (exact sums of each operation's cost).",
        unit: 'currencyUSD',
        decimals: 4,
        thresholds: NEUTRAL,
        width: 6,
        height: 4,
        targets: [
          {
            format: 'table',
            rawSql: `SELECT COALESCE(SUM(cost_usd), 0) AS "spend" FROM ${TABLE} WHERE ${IN_RANGE}`,
          },
        ],
      },
      {
        kind: 'stat',
        title: 'Operations',
        description:
          'Groq operations in the range; unpriced ones had usage but no known price (not in the spend).',
        unit: 'short',
        thresholds: NEUTRAL,
        width: 6,
        height: 4,
        targets: [
          {
            format: 'table',
            rawSql: `SELECT COUNT(*) AS "operations", COUNT(*) FILTER (WHERE cost_known = false) AS "unpriced", COUNT(*) FILTER (WHERE outcome = 'error') AS "errors" FROM ${TABLE} WHERE ${IN_RANGE}`,
          },
        ],
      },
      {
        kind: 'stat',
        title: 'Saved versus baseline',
        description:
          'What the priced operations would have cost on their baseline model (e.g. gpt-4o) minus what they cost on Groq.',
        unit: 'currencyUSD',
        decimals: 4,
        thresholds: NEUTRAL,
        width: 6,
        height: 4,
        targets: [
          {
            format: 'table',
            rawSql: `SELECT COALESCE(SUM(baseline_cost_usd - cost_usd), 0) AS "saved" FROM ${TABLE} WHERE ${IN_RANGE} AND cost_known AND baseline_cost_usd IS NOT NULL`,
          },
        ],
      },
      {
        kind: 'stat',
        title: 'Users',
        description: 'Distinct user ids (user.id) with at least one operation in the range.',
        unit: 'short',
        thresholds: NEUTRAL,
        width: 6,
        height: 4,
        targets: [
          {
            format: 'table',
            rawSql: `SELECT COUNT(DISTINCT user_id) AS "users" FROM ${TABLE} WHERE ${IN_RANGE}`,
          },
        ],
      },
    ],
    [
      {
        kind: 'table',
        title: 'Top users by spend',
        description:
          'The 10 users with the highest Groq spend in the range; (none) is operations without a user.id.',
        unit: 'short',
        columns: { spend: { unit: 'currencyUSD', decimals: 6 } },
        thresholds: NEUTRAL,
        width: 12,
        height: 9,
        targets: [
          {
            format: 'table',
            rawSql: `SELECT COALESCE(user_id, '(none)') AS "user", SUM(cost_usd) AS "spend", COUNT(*) AS "operations", COALESCE(SUM(input_tokens), 0) AS "input tokens", COALESCE(SUM(output_tokens), 0) AS "output tokens" FROM ${TABLE} WHERE ${IN_RANGE} GROUP BY user_id ORDER BY SUM(cost_usd) DESC NULLS LAST, user_id LIMIT 10`,
          },
        ],
      },
      {
        kind: 'table',
        title: 'Top features by spend',
        description:
          'The 10 features (functions) with the highest Groq spend in the range; (none) is operations without a feature.',
        unit: 'short',
        columns: { spend: { unit: 'currencyUSD', decimals: 6 } },
        thresholds: NEUTRAL,
        width: 12,
        height: 9,
        targets: [
          {
            format: 'table',
            rawSql: `SELECT COALESCE(feature, '(none)') AS "feature", SUM(cost_usd) AS "spend", COUNT(*) AS "operations", COUNT(DISTINCT user_id) AS "users" FROM ${TABLE} WHERE ${IN_RANGE} GROUP BY feature ORDER BY SUM(cost_usd) DESC NULLS LAST, feature LIMIT 10`,
          },
        ],
      },
    ],
    [
      {
        kind: 'timeseries',
        title: 'Daily spend by model',
        description: 'Groq spend per UTC day and requested model.',
        unit: 'currencyUSD',
        bars: true,
        stacked: true,
        thresholds: NEUTRAL,
        width: 24,
        height: 8,
        targets: [
          {
            format: 'time_series',
            rawSql: `SELECT date_trunc('day', start_time AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS "time", ${MODEL} AS "metric", SUM(cost_usd) AS "spend" FROM ${TABLE} WHERE ${IN_RANGE} AND cost_known GROUP BY 1, 2 ORDER BY 1, 2`,
          },
        ],
      },
    ],
    [
      {
        kind: 'histogram',
        title: 'Cost per request distribution',
        description: 'How the cost of single priced operations is spread (one value per operation).',
        unit: 'currencyUSD',
        thresholds: NEUTRAL,
        width: 12,
        height: 9,
        targets: [
          {
            format: 'table',
            rawSql: `SELECT cost_usd::float8 AS "cost per request" FROM ${TABLE} WHERE ${IN_RANGE} AND cost_known ORDER BY cost_usd`,
          },
        ],
      },
      {
        kind: 'table',
        title: 'Cost per request by model',
        description:
          'Median, 95th and 99th percentile and largest cost of one priced operation, per requested model.',
        unit: 'currencyUSD',
        decimals: 8,
        columns: { operations: { unit: 'short' } },
        thresholds: NEUTRAL,
        width: 12,
        height: 9,
        targets: [
          {
            format: 'table',
            rawSql: `SELECT ${MODEL} AS "model", COUNT(*) AS "operations", percentile_cont(0.5) WITHIN GROUP (ORDER BY cost_usd) AS "p50", percentile_cont(0.95) WITHIN GROUP (ORDER BY cost_usd) AS "p95", percentile_cont(0.99) WITHIN GROUP (ORDER BY cost_usd) AS "p99", MAX(cost_usd) AS "max" FROM ${TABLE} WHERE ${IN_RANGE} AND cost_known GROUP BY 1 ORDER BY 4 DESC, 1`,
          },
        ],
      },
    ],
    [
      {
        kind: 'table',
        title: 'Most expensive operations',
        description:
          "The 20 most expensive single operations in the range, with the ids to find them in traces and in Groq's logs.",
        unit: 'short',
        columns: { cost: { unit: 'currencyUSD', decimals: 8 } },
        thresholds: NEUTRAL,
        width: 24,
        height: 10,
        targets: [
          {
            format: 'table',
            rawSql: `SELECT start_time AS "time", user_id AS "user", feature, ${MODEL} AS "model", operation, input_tokens AS "input tokens", output_tokens AS "output tokens", cost_usd AS "cost", request_id AS "request id", trace_id AS "trace id" FROM ${TABLE} WHERE ${IN_RANGE} AND cost_known ORDER BY cost_usd DESC, start_time LIMIT 20`,
          },
        ],
      },
    ],
  ],
};
