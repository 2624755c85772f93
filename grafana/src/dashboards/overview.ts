import { PRICING_INCOMPLETE_SHARE } from '../alerts.js';
import {
  averageSpendRate,
  BUDGET_FORECAST,
  BUDGET_USD,
  BUDGET_USED,
  FORECAST_RATE_WINDOW,
  forecast,
  MONTHLY_BUDGET,
  SECONDS_TO_MONTH_END,
} from '../budget.js';
import type { PrometheusDashboardSpec } from '../build-dashboard.js';
import { falling, NEUTRAL, rising } from '../panel-spec.js';
import { SERIES, select } from '../promql.js';
import { fullyPricedShare, growth, LOWEST_HEADROOM, mean, spendOver } from './measures.js';
import { groqShareOfSpendStat, openaiSpendLeftStat, realizedSavingsStat } from './migration-stats.js';
import { MONTH_TO_DATE, RANGE } from './range.js';

const requestsOver = (where: readonly string[] = []) => growth(SERIES.requests, RANGE, { where });

/** The "card": the numbers to look at first. */
export const overview: PrometheusDashboardSpec = {
  datasource: 'prometheus',
  uid: 'groqmeter-overview',
  title: 'groqmeter / Overview',
  description:
    'Groq spend this month, forecast and budget, traffic, latency, errors and rate-limit headroom.',
  file: 'overview.json',
  timezone: 'utc',
  rows: [
    [
      {
        kind: 'stat',
        title: 'Month-to-date spend',
        description:
          'Groq spend since the start of this calendar month (UTC). Counter growth per series without increase() extrapolation, so a model used once this month still counts.',
        unit: 'currencyUSD',
        decimals: 2,
        thresholds: NEUTRAL,
        timeFrom: MONTH_TO_DATE,
        width: 4,
        height: 5,
        targets: [{ expr: spendOver(RANGE), expect: 'spend' }],
      },
      {
        kind: 'stat',
        title: 'Forecast to month end',
        description: `What this month will have cost at its end (UTC): month-to-date spend plus the rest of the month at the average spend per second of the last ${FORECAST_RATE_WINDOW} (the 5-minute rate averaged over the time there was data, so a fresh install forecasts from its own pace). The alert rules forecast each budget the same way.`,
        unit: 'currencyUSD',
        decimals: 2,
        thresholds: NEUTRAL,
        timeFrom: MONTH_TO_DATE,
        width: 4,
        height: 5,
        targets: [
          {
            expr: forecast({
              spentSoFar: spendOver(RANGE),
              ratePerSecond: averageSpendRate(
                (fn, window) => `sum(${fn}(${select(SERIES.cost)}[${window}]))`,
              ),
              secondsLeft: SECONDS_TO_MONTH_END,
            }),
          },
        ],
      },
      {
        kind: 'gauge',
        title: 'Budget used this month',
        description:
          'Month-to-date spend as a share of the monthly budget configured on the exporter (groqmeter_budget_usd{scope="all", period="month"}, from --budget all:month:USD). Empty when no budget is configured.',
        unit: 'percentunit',
        min: 0,
        max: 1,
        thresholds: rising(0.8, 1),
        timeFrom: MONTH_TO_DATE,
        width: 4,
        height: 5,
        targets: [{ expr: `${spendOver(RANGE)} / ${MONTHLY_BUDGET}`, expect: 'budget_used' }],
      },
      {
        kind: 'stat',
        title: 'Requests',
        description:
          'Groq operations in the dashboard range, whatever their outcome (retries are one operation).',
        unit: 'short',
        thresholds: NEUTRAL,
        width: 4,
        height: 5,
        targets: [{ expr: requestsOver() }],
      },
      {
        kind: 'stat',
        title: 'Input tokens',
        description: 'Prompt tokens in the dashboard range, cached tokens included.',
        unit: 'short',
        thresholds: NEUTRAL,
        width: 4,
        height: 5,
        targets: [
          {
            expr: growth(SERIES.tokens, RANGE, { where: ['type="input"'] }),
            expect: 'input_tokens',
          },
        ],
      },
      {
        kind: 'stat',
        title: 'Output tokens',
        description: 'Completion tokens in the dashboard range, reasoning tokens included.',
        unit: 'short',
        thresholds: NEUTRAL,
        width: 4,
        height: 5,
        targets: [
          {
            expr: growth(SERIES.tokens, RANGE, { where: ['type="output"'] }),
            expect: 'output_tokens',
          },
        ],
      },
    ],
    [
      {
        kind: 'stat',
        title: 'Average latency',
        description:
          'Mean end-to-end duration of Groq operations in the dashboard range, as the client saw it (gen_ai.client.operation.duration).',
        unit: 's',
        decimals: 2,
        thresholds: rising(5, 10),
        width: 6,
        height: 5,
        targets: [{ expr: mean(SERIES.operationDuration, RANGE) }],
      },
      {
        kind: 'stat',
        title: 'Error rate',
        description:
          'Share of operations in the dashboard range that ended in an error (after the SDK retries).',
        unit: 'percentunit',
        decimals: 2,
        thresholds: rising(0.01, 0.05),
        width: 6,
        height: 5,
        targets: [{ expr: `(${requestsOver(['outcome="error"'])} or vector(0)) / ${requestsOver()}` }],
      },
      {
        kind: 'stat',
        title: 'Lowest rate-limit headroom',
        description:
          'The smallest remaining ÷ limit of any model and resource, from the last x-ratelimit-* headers: requests per day or tokens per minute.',
        unit: 'percentunit',
        decimals: 1,
        thresholds: falling(0.1, 0.25),
        width: 6,
        height: 5,
        targets: [{ expr: LOWEST_HEADROOM, expect: 'lowest_headroom' }],
      },
      {
        kind: 'stat',
        title: 'Availability',
        description:
          'Share of finished operations in the dashboard range that succeeded: success ÷ (success + error). Streams the caller abandoned are left out.',
        unit: 'percentunit',
        decimals: 2,
        thresholds: falling(0.99, 0.999),
        width: 6,
        height: 5,
        targets: [
          {
            expr: `(${requestsOver(['outcome="success"'])} or vector(0)) / ${requestsOver(['outcome=~"success|error"'])}`,
          },
        ],
      },
    ],
    [
      groqShareOfSpendStat({ width: 8, height: 4 }),
      realizedSavingsStat({ width: 8, height: 4 }),
      openaiSpendLeftStat({ width: 8, height: 4 }),
    ],
    [
      {
        kind: 'stat',
        title: 'Fully priced',
        description:
          'Share of the operations with billable usage in the dashboard range whose cost is exact (groq_priced_operations_total{pricing="exact"}). ' +
          "The rest are partial (a part such as code-execution time has no known quantity or price), stale (priced at a retired model's last known price), " +
          'unpriced (no price at all: never counted as $0) or usage missing (no usage in the response). Spend panels under-report by what is not exact.',
        unit: 'percentunit',
        decimals: 2,
        thresholds: falling(PRICING_INCOMPLETE_SHARE, 0.999),
        width: 6,
        height: 6,
        targets: [{ expr: fullyPricedShare(RANGE), expect: 'fully_priced_share' }],
      },
      {
        kind: 'bargauge',
        title: 'Operations by pricing outcome',
        description:
          'Operations with billable usage in the dashboard range, by how their cost is known: exact, partial, stale, unpriced, usage_missing. ' +
          'Anything but exact is spend the other panels cannot show in full; see the span attributes groq.cost.pricing and groq.cost.partial_reasons, or the ledger, for which calls.',
        unit: 'short',
        thresholds: NEUTRAL,
        width: 9,
        height: 6,
        targets: [
          {
            expr: growth(SERIES.pricedOperations, RANGE, { by: ['pricing'] }),
            legend: '{{pricing}}',
            expect: 'priced_operations_by_pricing',
          },
        ],
      },
      {
        kind: 'bargauge',
        title: 'Telemetry dropped, by reason',
        description:
          'groqmeter_dropped_total in the dashboard range: unknown_model (a model with no price), usage_missing (a response without usage, an abandoned stream), ' +
          "series_cap (attribution values over the cap), recorder_error, bad_header and the exporter's own reasons. 0 when nothing was dropped.",
        unit: 'short',
        thresholds: rising(1, 100),
        width: 9,
        height: 6,
        targets: [
          {
            expr: `${growth(SERIES.dropped, RANGE, { by: ['reason'] })} or vector(0)`,
            legend: '{{reason}}',
          },
        ],
      },
    ],
    [
      {
        kind: 'bargauge',
        title: 'Budget used, per budget',
        description:
          "Each budget's spend so far in its period (day, week or month) as a share of its USD: groqmeter_budget_spent_usd_total ÷ groqmeter_budget_usd, " +
          "from the exporter's budgets file (--budgets FILE). Yellow from 80%, red when exceeded; GroqBudgetWarning and GroqBudgetExceeded compare the same numbers. Empty without budgets.",
        unit: 'percentunit',
        thresholds: rising(0.8, 1),
        width: 12,
        height: 6,
        targets: [{ expr: BUDGET_USED, legend: '{{budget}} ({{scope}}, per {{period}})' }],
      },
      {
        kind: 'bargauge',
        title: 'Budget forecast, per budget',
        description: `What each budget's period will have cost at its end, as a share of the budget: spend so far plus the rest of the period at the average spend rate of the last ${FORECAST_RATE_WINDOW}, as GroqSpendForecastOverBudget forecasts it.`,
        unit: 'percentunit',
        thresholds: rising(0.8, 1),
        width: 12,
        height: 6,
        targets: [
          {
            expr: `${BUDGET_FORECAST}\n/ on (budget) group_right ${BUDGET_USD}`,
            legend: '{{budget}} ({{scope}}, per {{period}})',
          },
        ],
      },
    ],
  ],
};
