/**
 * Budgets in PromQL: the series the exporter serves per budget of its budgets file (and per
 * `--budget` shorthand), and the one forecast definition that the Overview dashboard, the alert
 * rules and the exporter's pages share.
 */
import { SERIES, select } from './promql.js';

/**
 * The exporter's budget scope that covers all Groq spend (`--budget all:month:500`, or a budget
 * with `scope: {}`).
 */
export const TOTAL_BUDGET_SCOPE = 'all';

/**
 * The monthly budget of all spend. `max`, not `sum`: every exporter replica publishes the same
 * budget.
 */
export const MONTHLY_BUDGET = `max(${select(SERIES.budget, {
  unfiltered: true,
  where: [`scope="${TOTAL_BUDGET_SCOPE}"`, 'period="month"'],
})})`;

/** The exporter's budget series (docs/telemetry.md, "Budgets"), each with a `budget` label. */
export const BUDGET_SERIES = {
  /** The budget in USD per period; also `period`, `scope` (`all` or `label=value,...`) and `enforce`. */
  usd: 'groqmeter_budget_usd',
  /** One series per warning fraction, labelled `threshold`. */
  warnRatio: 'groqmeter_budget_warn_ratio',
  periodStart: 'groqmeter_budget_period_start_timestamp_seconds',
  /** When the period ends and the budget resets. */
  periodEnd: 'groqmeter_budget_period_end_timestamp_seconds',
  /** Spend in scope since the period started; a counter that restarts at 0 with each period. */
  spent: 'groqmeter_budget_spent_usd_total',
  /** Operations in scope since the period started, by `pricing` outcome. */
  operations: 'groqmeter_budget_operations_total',
} as const;

/**
 * The rate window of every forecast: the average spend per second over the last 7 days, which
 * evens out weekday and weekend patterns. A sudden change shows in the burn-rate alerts first.
 */
export const FORECAST_RATE_WINDOW = '7d';

/**
 * The forecast averages the 5-minute spend rate sampled every 5 minutes over
 * {@link FORECAST_RATE_WINDOW}. Steps without data (before groqmeter ran) are left out rather than
 * counted as 0, so a budget younger than the window is averaged over its own age (`rate(…[7d])`
 * would divide a day-old budget's spend by 7 days). Subquery steps fall on whole multiples of 5
 * minutes, so until the first of them has data the pace between the last two samples (`irate`)
 * stands in.
 */
export const FORECAST_RATE_STEP = '5m';

/** A spend rate in PromQL per window and rate function: `(fn, w) => \`sum(${fn}(groq_cost_usd_total[${w}]))\``. */
export type SpendRateQuery = (fn: 'rate' | 'irate', window: string) => string;

/** The average spend per second over {@link FORECAST_RATE_WINDOW} (see {@link FORECAST_RATE_STEP}). */
export function averageSpendRate(perSecond: SpendRateQuery): string {
  return (
    `(avg_over_time(${perSecond('rate', FORECAST_RATE_STEP)}[${FORECAST_RATE_WINDOW}:${FORECAST_RATE_STEP}])` +
    ` or ${perSecond('irate', FORECAST_RATE_STEP)})`
  );
}

/** The three terms of a forecast, each a PromQL expression of the same labels. */
export interface ForecastTerms {
  /** Spend from the start of the period until now, USD. */
  spentSoFar: string;
  /** Spend per second over {@link FORECAST_RATE_WINDOW}: {@link averageSpendRate}. */
  ratePerSecond: string;
  /** Seconds from now until the period ends. */
  secondsLeft: string;
}

/**
 * The forecast of what a period will have cost when it ends: the spend so far, plus the rest of
 * the period at the average spend rate of {@link FORECAST_RATE_WINDOW}. groqmeter's one definition of a
 * forecast (Overview dashboard, alert rules, exporter pages: see `forecastSpendUsd` in
 * `@groqmeter/exporter`).
 */
export function forecast(terms: ForecastTerms): string {
  return `(${terms.spentSoFar} + ${terms.ratePerSecond} * ${terms.secondsLeft})`;
}

/** Seconds until the end of the current calendar month in UTC. */
export const SECONDS_TO_MONTH_END =
  '((scalar(days_in_month()) - scalar(day_of_month())) * 86400 + 86400 - time() % 86400)';

/** `max by (labels)`: each exporter replica serves the same budget series. */
function perBudget(expr: string, labels: readonly string[] = ['budget']): string {
  return `max by (${labels.join(', ')}) (${expr})`;
}

/** Each budget's spend so far in its period, `{budget}`. */
export const BUDGET_SPENT = perBudget(BUDGET_SERIES.spent);

/** Each budget in USD, `{budget, period, scope}`: the labels every budget alert carries. */
export const BUDGET_USD = perBudget(BUDGET_SERIES.usd, ['budget', 'period', 'scope']);

/** Each budget's spend per second over `window` (`rate`, or `irate`: of its last two samples), `{budget}`. */
export function budgetSpendRate(window: string, fn: 'rate' | 'irate' = 'rate'): string {
  return perBudget(`${fn}(${BUDGET_SERIES.spent}[${window}])`);
}

/** Each budget's period length in seconds, `{budget}`. */
export const BUDGET_PERIOD_SECONDS = perBudget(`${BUDGET_SERIES.periodEnd} - ${BUDGET_SERIES.periodStart}`);

/** Each budget's forecast for the end of its period, USD, `{budget}`. */
export const BUDGET_FORECAST = forecast({
  spentSoFar: BUDGET_SPENT,
  ratePerSecond: averageSpendRate((fn, window) => budgetSpendRate(window, fn)),
  secondsLeft: perBudget(`clamp_min(${BUDGET_SERIES.periodEnd} - time(), 0)`),
});

/** Each budget's share used so far, `{budget, period, scope}`. */
export const BUDGET_USED = `${BUDGET_SPENT}\n/ on (budget) group_right ${BUDGET_USD}`;
