/**
 * The groqmeter Prometheus alert rules. Thresholds are the exported constants below; change them
 * here and run `pnpm --filter @groqmeter/grafana generate`.
 */
import {
  BUDGET_FORECAST,
  BUDGET_PERIOD_SECONDS,
  BUDGET_SERIES,
  BUDGET_USD,
  BUDGET_USED,
  budgetSpendRate,
  FORECAST_RATE_WINDOW,
} from './budget.js';
import { fullyPricedShare } from './dashboards/measures.js';
import { counterGrowth, SERIES, select } from './promql.js';

/** A multi-window burn-rate condition (Google SRE workbook, chapter 5). */
export interface BurnRateWindow {
  /** The long window says the burn is sustained, the short one that it is still going on. */
  long: string;
  short: string;
  /** How many times faster than "exactly the budget by the end of its period" the money goes. */
  factor: number;
  for: string;
}

/** 2% of a 30-day budget gone in one hour (14.4 = 0.02 × 720 h): page. */
export const BURN_RATE_FAST: BurnRateWindow = { long: '1h', short: '5m', factor: 14.4, for: '2m' };

/** 5% of a 30-day budget gone in six hours (6 = 0.05 × 720 h ÷ 6 h): ticket. */
export const BURN_RATE_SLOW: BurnRateWindow = { long: '6h', short: '30m', factor: 6, for: '15m' };

/** How long a budget's forecast must stay over it before the forecast alert fires: it moves with every hour's spend. */
export const FORECAST_FOR = '30m';

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
  annotations: { summary: string; description: string; runbook: string; runbook_url: string };
}

/** One rule group. */
export interface RuleGroup {
  name: string;
  rules: AlertRule[];
}

/**
 * Where each alert's runbook is, relative to the repository root: `grafana/prometheus/runbooks.md`
 * is generated from the `runbook` annotations (one section per alert, anchored by its name in
 * lower case).
 */
export const RUNBOOKS_FILE = 'grafana/prometheus/runbooks.md';

function runbookUrl(alert: string): string {
  return `${RUNBOOKS_FILE}#${alert.toLowerCase()}`;
}

/** Budget alerts carry the budget, its period and its scope; the description says who to ask. */
const BUDGET_NAMED = '{{ $labels.budget }} ({{ $labels.scope }}, per {{ $labels.period }})';

/** What every budget runbook starts with: the spend that counts, and what it leaves out. */
const BUDGET_RUNBOOK_START =
  'Open the groqmeter "Spend & tokens" dashboard with the variables set to the budget scope (feature, model, job) and find the model, operation and feature whose spend per hour grew. ' +
  'groqmeter_budget_operations_total{budget="…", pricing!="exact"} counts operations in scope that were not priced exactly: when it grows, the budget spend is a floor (see GroqSpendNotFullyPriced). ';

/**
 * How many times faster than its even pace (its USD over the length of its period) a budget's
 * spend goes: spend per second × period seconds ÷ USD.
 */
function burnRate(window: string): string {
  return `${budgetSpendRate(window)}\n* on (budget) ${BUDGET_PERIOD_SECONDS}\n/ on (budget) group_right ${BUDGET_USD}`;
}

function burnRateRule(name: string, window: BurnRateWindow, severity: 'critical' | 'warning'): AlertRule {
  return {
    alert: name,
    expr: `${burnRate(window.long)}\n> ${window.factor}\nand\n${burnRate(window.short)}\n> ${window.factor}`,
    for: window.for,
    labels: { severity },
    annotations: {
      summary: `Budget {{ $labels.budget }} is burning ${window.factor}× too fast`,
      description:
        `Over the last ${window.long} (and still over the last ${window.short}) the spend of budget ${BUDGET_NAMED} ran at {{ $value | printf "%.1f" }}× ` +
        'the rate that would use exactly the budget by the end of its period (groqmeter_budget_usd ÷ period length).',
      runbook:
        BUDGET_RUNBOOK_START +
        'Look for a retry loop (groq_requests_total by outcome and error_type), a runaway agent or batch, a switch to a pricier model, or longer prompts and answers (groq_tokens_total by type). ' +
        'Throttle or roll back the feature, or raise the budget in the budgets file if the spend is intended.',
      runbook_url: runbookUrl(name),
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
        expr: `${BUDGET_FORECAST}\n> on (budget) group_left (period, scope)\n${BUDGET_USD}`,
        for: FORECAST_FOR,
        labels: { severity: 'warning' },
        annotations: {
          summary: 'Budget {{ $labels.budget }} is on course to be exceeded',
          description:
            `Spend so far plus the rest of the period at the average spend rate of the last ${FORECAST_RATE_WINDOW} ` +
            `comes to {{ $value | printf "$%.2f" }} at the end of the period, more than budget ${BUDGET_NAMED}.`,
          runbook:
            BUDGET_RUNBOOK_START +
            'Move work that can wait to the batch API (50% off; groq_cost_usd_total{batch="true"}), keep repeated prompt prefixes stable so Groq\'s prompt cache applies (cached_input tokens), ' +
            'route simple requests to a cheaper model, or raise the budget in the budgets file.',
          runbook_url: runbookUrl('GroqSpendForecastOverBudget'),
        },
      },
      {
        alert: 'GroqBudgetWarning',
        expr: `${BUDGET_USED}\n>= on (budget) group_right (period, scope)\nmax by (budget, threshold) (${BUDGET_SERIES.warnRatio})`,
        for: '0m',
        labels: { severity: 'warning' },
        annotations: {
          summary: 'Budget {{ $labels.budget }} is {{ $value | humanizePercentage }} used',
          description:
            `The spend of budget ${BUDGET_NAMED} since its period started crossed the warning threshold of ` +
            '{{ $labels.threshold }} of the budget: {{ $value | humanizePercentage }} is used.',
          runbook:
            BUDGET_RUNBOOK_START +
            'Decide whether the pace is intended: compare the Overview forecast with the budget, tell the owners of the scope, and raise the budget in the budgets file or slow the feature down.',
          runbook_url: runbookUrl('GroqBudgetWarning'),
        },
      },
      {
        alert: 'GroqBudgetExceeded',
        expr: `${BUDGET_USED}\n>= 1`,
        for: '0m',
        labels: { severity: 'critical' },
        annotations: {
          summary: 'Budget {{ $labels.budget }} is exceeded',
          description:
            `The spend of budget ${BUDGET_NAMED} since its period started is {{ $value | humanizePercentage }} of the budget. ` +
            "A budget with enforce: true makes the groqmeter proxy refuse the scope's requests (429) until the period ends (groqmeter_budget_period_end_timestamp_seconds).",
          runbook:
            BUDGET_RUNBOOK_START +
            'Stop or throttle the feature that overspent, or raise the budget in the budgets file (the exporter and the proxy reload it on change). ' +
            'The budget resets when its period ends.',
          runbook_url: runbookUrl('GroqBudgetExceeded'),
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
          runbook_url: runbookUrl('GroqRateLimitHeadroomLow'),
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
          runbook_url: runbookUrl('GroqRateLimited'),
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
          runbook_url: runbookUrl('GroqSpendNotFullyPriced'),
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
          runbook_url: runbookUrl('GroqLatencySLOBreached'),
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
          runbook_url: runbookUrl('GroqTimeToFirstTokenSLOBreached'),
        },
      },
    ],
  },
];
