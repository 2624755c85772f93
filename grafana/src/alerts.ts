/**
 * The groqmeter Prometheus alert rules. Thresholds are the exported constants below; change them
 * here and run `pnpm --filter @groqmeter/grafana generate`.
 */
import { MONTHLY_BUDGET } from './budget.js';
import { fullyPricedShare } from './dashboards/measures.js';
import { counterGrowth, SERIES, select } from './promql.js';

/**
 * Spend of this many days, scaled to the whole month, is the forecast the budget alert uses. A
 * week evens out weekday/weekend patterns. PromQL cannot start a range at the first of the month,
 * so the alert forecasts from the recent pace; the Overview dashboard's month-to-date numbers use
 * Grafana's "this month so far" range instead.
 */
export const FORECAST_WINDOW_DAYS = 7;

/** A multi-window burn-rate condition (Google SRE workbook, chapter 5). */
export interface BurnRateWindow {
  /** The long window says the burn is sustained, the short one that it is still going on. */
  long: string;
  short: string;
  /** How many times faster than "exactly the monthly budget by month end" the money goes. */
  factor: number;
  for: string;
}

/** 2% of the monthly budget gone in one hour (14.4 = 0.02 × 720 h): page. */
export const BURN_RATE_FAST: BurnRateWindow = { long: '1h', short: '5m', factor: 14.4, for: '2m' };

/** 5% of the monthly budget gone in six hours (6 = 0.05 × 720 h ÷ 6 h): ticket. */
export const BURN_RATE_SLOW: BurnRateWindow = { long: '6h', short: '30m', factor: 6, for: '15m' };

/** Headroom (`remaining / limit`) below this share of a window is low. */
export const HEADROOM_THRESHOLD = 0.1;
/** ...for this long. */
export const HEADROOM_FOR = '5m';
/** Headroom is judged only for models the app called within this window (gauges keep their last value). */
export const HEADROOM_ACTIVITY_WINDOW = '10m';

/** 429 responses per operation above this share is too many. */
export const RATE_LIMITED_SHARE = 0.05;
/** Window and duration of the 429 alert. */
export const RATE_LIMITED_WINDOW = '5m';
export const RATE_LIMITED_FOR = '10m';

/** p95 of chat operation duration above this many seconds breaks the latency SLO. */
export const LATENCY_P95_SLO_SECONDS = 10;
/** p95 of time to first token of streamed chat above this many seconds breaks the TTFT SLO. */
export const TTFT_P95_SLO_SECONDS = 2;
/** Window and duration of the latency SLO alerts. */
export const SLO_WINDOW = '5m';
export const SLO_FOR = '10m';

/** Below this share of exactly priced operations, spend is under-reported: alert. */
export const PRICING_INCOMPLETE_SHARE = 0.99;
/** Window of the pricing-completeness alert. */
export const PRICING_WINDOW = '15m';

/** One Prometheus alerting rule. */
export interface AlertRule {
  alert: string;
  expr: string;
  for: string;
  labels: { severity: 'critical' | 'warning' };
  annotations: { summary: string; description: string; runbook: string };
}

/** One rule group. */
export interface RuleGroup {
  name: string;
  rules: AlertRule[];
}

const cost = select(SERIES.cost, { unfiltered: true });
const secondsInMonth = 'scalar(days_in_month()) * 86400';

function burnRate(window: string): string {
  return `sum(rate(${cost}[${window}])) / (${MONTHLY_BUDGET} / (${secondsInMonth}))`;
}

function burnRateRule(name: string, window: BurnRateWindow, severity: 'critical' | 'warning'): AlertRule {
  return {
    alert: name,
    expr: `${burnRate(window.long)} > ${window.factor}\nand\n${burnRate(window.short)} > ${window.factor}`,
    for: window.for,
    labels: { severity },
    annotations: {
      summary: `Groq spend is burning the monthly budget ${window.factor}× too fast`,
      description:
        `Over the last ${window.long} (and still over the last ${window.short}) Groq spend ran at {{ $value | printf "%.1f" }}× ` +
        'the rate that would use exactly the monthly budget (groqmeter_budget_usd{scope="all", period="month"}) by month end.',
      runbook:
        'Open the groqmeter "Spend & tokens" dashboard and find the model, operation and feature whose spend per hour jumped. ' +
        'Look for a retry loop, a runaway batch or agent, or a switch to a pricier model; throttle or roll back the feature, ' +
        'or raise the budget on the exporter if the spend is intended.',
    },
  };
}

const headroom =
  `min by (model, resource) (${select(SERIES.rateLimitRemaining, { unfiltered: true })}` +
  ` / (${select(SERIES.rateLimitLimit, { unfiltered: true })} > 0))`;
/** Models called within the activity window; counterGrowth, so that a first call counts. */
const activeModels = `sum by (model) (${counterGrowth(select(SERIES.requests, { unfiltered: true }), HEADROOM_ACTIVITY_WINDOW)}) > 0`;

function p95(name: string, where: readonly string[]): string {
  const buckets = `{__name__=~"${name}(_seconds)?_bucket"${where.map((matcher) => `, ${matcher}`).join('')}}`;
  return `histogram_quantile(0.95, sum by (le, gen_ai_request_model) (rate(${buckets}[${SLO_WINDOW}])))`;
}

/** Every groqmeter alert rule, grouped as in the generated rules file. */
export const RULE_GROUPS: readonly RuleGroup[] = [
  {
    name: 'groqmeter-budget',
    rules: [
      {
        alert: 'GroqSpendForecastOverBudget',
        expr:
          `sum(increase(${cost}[${FORECAST_WINDOW_DAYS}d])) / ${FORECAST_WINDOW_DAYS} * scalar(days_in_month())` +
          `\n> ${MONTHLY_BUDGET}`,
        for: '1h',
        labels: { severity: 'warning' },
        annotations: {
          summary: 'Groq spend is on course to exceed the monthly budget',
          description:
            `At the average daily spend of the last ${FORECAST_WINDOW_DAYS} days, this month would cost ` +
            '{{ $value | printf "$%.2f" }}, more than the monthly budget (groqmeter_budget_usd{scope="all", period="month"}).',
          runbook:
            'Check the groqmeter "Overview" forecast and the "Spend & tokens" dashboard for the models and features that grew. ' +
            'Move bulk work to the batch API (50% off), cache prompts, pick a smaller model for simple tasks, or raise the budget.',
        },
      },
      burnRateRule('GroqBudgetBurnRateFast', BURN_RATE_FAST, 'critical'),
      burnRateRule('GroqBudgetBurnRateSlow', BURN_RATE_SLOW, 'warning'),
    ],
  },
  {
    name: 'groqmeter-rate-limits',
    rules: [
      {
        alert: 'GroqRateLimitHeadroomLow',
        expr: `${headroom} < ${HEADROOM_THRESHOLD}\nand on (model)\n${activeModels}`,
        for: HEADROOM_FOR,
        labels: { severity: 'warning' },
        annotations: {
          summary: 'Groq rate-limit headroom of {{ $labels.model }} ({{ $labels.resource }}) is below 10%',
          description:
            'Only {{ $value | humanizePercentage }} of the {{ $labels.resource }} limit of {{ $labels.model }} is left ' +
            '(x-ratelimit-remaining-* ÷ x-ratelimit-limit-*; requests are per day, tokens per minute). 429s follow when it runs out.',
          runbook:
            'Open the groqmeter "Rate-limit headroom" dashboard: check the time to reset and which app uses the model. ' +
            'Spread the load (queue, backoff), move bulk work to the batch API or the flex tier (10× limits), or ask Groq for higher limits.',
        },
      },
      {
        alert: 'GroqRateLimited',
        expr:
          `sum by (model) (rate(${select(SERIES.rateLimitHits, { unfiltered: true })}[${RATE_LIMITED_WINDOW}]))` +
          `\n/ sum by (model) (rate(${select(SERIES.requests, { unfiltered: true })}[${RATE_LIMITED_WINDOW}]))` +
          `\n> ${RATE_LIMITED_SHARE}`,
        for: RATE_LIMITED_FOR,
        labels: { severity: 'warning' },
        annotations: {
          summary: 'Groq answers {{ $labels.model }} with 429 too often',
          description:
            '{{ $value | humanizePercentage }} 429 responses per operation on {{ $labels.model }} ' +
            `over the last ${RATE_LIMITED_WINDOW} (threshold ${RATE_LIMITED_SHARE * 100}%). Retries add latency; exhausted retries fail.`,
          runbook:
            'Open the groqmeter "Rate-limit headroom" dashboard for the resource that runs out and the retry-after Groq asks for. ' +
            'Lower concurrency, honour retry-after, spread work over the day, or ask Groq for higher limits.',
        },
      },
    ],
  },
  {
    name: 'groqmeter-pricing',
    rules: [
      {
        alert: 'GroqSpendNotFullyPriced',
        expr: `${fullyPricedShare(PRICING_WINDOW, { unfiltered: true })}\n< ${PRICING_INCOMPLETE_SHARE}`,
        for: '0m',
        labels: { severity: 'warning' },
        annotations: {
          summary: 'Groq spend is under-reported: not every operation was priced exactly',
          description:
            `Only {{ $value | humanizePercentage }} of the Groq operations with billable usage over the last ${PRICING_WINDOW} ` +
            `were priced exactly (threshold ${PRICING_INCOMPLETE_SHARE * 100}%): the rest are partial, stale, unpriced or without usage, ` +
            'so the spend panels and the budget alerts show less than Groq bills.',
          runbook:
            'Open the groqmeter "Overview" dashboard, "Operations by pricing outcome", then the groqmeter-ledger CLI (it lists unpriced, partial and stale rows apart) ' +
            'or the spans with groq.cost.pricing != "exact". Unpriced: add the model to a price file (@groqmeter/pricing README, "Price files"). ' +
            'Stale: the model is past its catalogue retirement date; confirm its price and add it to a price file. Partial: see groq.cost.partial_reasons. ' +
            'Usage missing: the response carried no usage (an abandoned stream, an upload whose duration could not be read).',
        },
      },
    ],
  },
  {
    name: 'groqmeter-latency',
    rules: [
      {
        alert: 'GroqLatencySLOBreached',
        expr: `${p95('gen_ai_client_operation_duration', ['gen_ai_operation_name="chat"'])}\n> ${LATENCY_P95_SLO_SECONDS}`,
        for: SLO_FOR,
        labels: { severity: 'warning' },
        annotations: {
          summary: 'p95 chat latency of {{ $labels.gen_ai_request_model }} is above the SLO',
          description:
            `The 95th percentile of chat operation duration on {{ $labels.gen_ai_request_model }} is {{ $value | humanizeDuration }} ` +
            `over the last ${SLO_WINDOW} (SLO ${LATENCY_P95_SLO_SECONDS} s).`,
          runbook:
            'Open the groqmeter "Latency & speed" dashboard: if Groq queue time rose, Groq is busy (try another model or the flex tier); ' +
            'if output speed fell or completions got longer, cap max_completion_tokens; if 429 retries rose, see the rate-limit alerts.',
        },
      },
      {
        alert: 'GroqTimeToFirstTokenSLOBreached',
        expr: `${p95('gen_ai_client_operation_time_to_first_chunk', [])}\n> ${TTFT_P95_SLO_SECONDS}`,
        for: SLO_FOR,
        labels: { severity: 'warning' },
        annotations: {
          summary: 'p95 time to first token of {{ $labels.gen_ai_request_model }} is above the SLO',
          description:
            `The 95th percentile of time to first streamed token on {{ $labels.gen_ai_request_model }} is {{ $value | humanizeDuration }} ` +
            `over the last ${SLO_WINDOW} (SLO ${TTFT_P95_SLO_SECONDS} s).`,
          runbook:
            'Open the groqmeter "Latency & speed" dashboard: compare Groq queue time with time to first token. ' +
            'Long prompts raise prompt time (trim context, use prompt caching); rising queue time means Groq is busy.',
        },
      },
    ],
  },
];
