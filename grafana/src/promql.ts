/**
 * PromQL building blocks shared by every dashboard and alert rule: which template variable
 * filters which label of which series, and the counter arithmetic the panels rely on.
 */

/** A dashboard template variable that narrows a query. */
export type FilterVariable = 'job' | 'model' | 'operation' | 'feature';

/** How a series is named in Prometheus and which of its labels the template variables filter. */
export interface Series {
  /** The Prometheus name without `_bucket`/`_sum`/`_count`. */
  readonly name: string;
  /**
   * True for the semconv histograms whose unit is seconds: the OTel Collector's Prometheus
   * exporters append `_seconds`, groqmeter's exporter does not, and queries must match both.
   */
  readonly secondsSuffixOptional: boolean;
  /** The label each filtering variable applies to; variables without a label do not apply. */
  readonly filters: Partial<Record<FilterVariable, string>>;
}

const GROQ_FILTERS = { job: 'job', model: 'model', operation: 'operation', feature: 'feature' } as const;
const SEMCONV_FILTERS = {
  job: 'job',
  model: 'gen_ai_request_model',
  operation: 'gen_ai_operation_name',
} as const;

function groqSeries(name: string, variables: readonly FilterVariable[]): Series {
  const filters: Partial<Record<FilterVariable, string>> = {};
  for (const variable of variables) filters[variable] = GROQ_FILTERS[variable];
  return { name, secondsSuffixOptional: false, filters };
}

function semconvSeries(name: string, options: { seconds: boolean; feature: boolean }): Series {
  return {
    name,
    secondsSuffixOptional: options.seconds,
    filters: options.feature ? { ...SEMCONV_FILTERS, feature: 'feature' } : { ...SEMCONV_FILTERS },
  };
}

const ALL: readonly FilterVariable[] = ['job', 'model', 'operation', 'feature'];

/** Every series the dashboards read, with the labels `docs/telemetry.md` gives them. */
export const SERIES = {
  tokenUsage: semconvSeries('gen_ai_client_token_usage', { seconds: false, feature: false }),
  operationDuration: semconvSeries('gen_ai_client_operation_duration', { seconds: true, feature: true }),
  timeToFirstChunk: semconvSeries('gen_ai_client_operation_time_to_first_chunk', {
    seconds: true,
    feature: false,
  }),
  tokens: groqSeries('groq_tokens_total', ALL),
  cost: groqSeries('groq_cost_usd_total', ALL),
  baselineCost: groqSeries('groq_cost_baseline_usd_total', ALL),
  requests: groqSeries('groq_requests_total', ALL),
  rateLimitLimit: groqSeries('groq_ratelimit_limit', ['job', 'model']),
  rateLimitRemaining: groqSeries('groq_ratelimit_remaining', ['job', 'model']),
  rateLimitResetSeconds: groqSeries('groq_ratelimit_reset_seconds', ['job', 'model']),
  rateLimitHits: groqSeries('groq_ratelimit_hits_total', ['job', 'model']),
  retryAfterSeconds: groqSeries('groq_retry_after_seconds', ['job', 'model']),
  serverQueueTime: groqSeries('groq_server_queue_time_seconds', ['job', 'model', 'operation']),
  serverOutputTokensPerSecond: groqSeries('groq_server_output_tokens_per_second', ['job', 'model']),
  audioBilledSeconds: groqSeries('groq_audio_billed_seconds_total', ['job', 'model', 'operation']),
  speechCharacters: groqSeries('groq_speech_characters_total', ['job', 'model']),
  toolCalls: groqSeries('groq_tool_calls_total', ['job', 'model']),
  pricedOperations: groqSeries('groq_priced_operations_total', ['job', 'model', 'operation']),
  dropped: groqSeries('groqmeter_dropped_total', ['job']),
  budget: groqSeries('groqmeter_budget_usd', []),
} as const satisfies Record<string, Series>;

/** A histogram's sub-series. */
export type HistogramPart = '_bucket' | '_sum' | '_count';

/** Options of {@link select}. */
export interface SelectOptions {
  /** Extra matchers, written as PromQL (`outcome="error"`). */
  where?: readonly string[];
  /** A histogram's `_bucket`, `_sum` or `_count` series. */
  part?: HistogramPart;
  /** Leave the template variables out (alert rules have none). */
  unfiltered?: boolean;
}

/**
 * A series selector with the template variables applied:
 * `groq_cost_usd_total{job=~"$job", model=~"$model", ...}`. Semconv seconds histograms match
 * both spellings through `__name__`.
 */
export function select(series: Series, options: SelectOptions = {}): string {
  const part = options.part ?? '';
  const matchers: string[] = [];
  let prefix = `${series.name}${part}`;
  if (series.secondsSuffixOptional) {
    prefix = '';
    matchers.push(`__name__=~"${series.name}(_seconds)?${part}"`);
  }
  if (!options.unfiltered) {
    for (const [variable, label] of Object.entries(series.filters)) {
      matchers.push(`${label}=~"$${variable}"`);
    }
  }
  matchers.push(...(options.where ?? []));
  return matchers.length === 0 ? prefix : `${prefix}{${matchers.join(', ')}}`;
}

/**
 * How much a counter grew over `range`, per series, without the extrapolation of `increase()`.
 *
 * `increase()` extrapolates to the window edges and only counts growth between the samples it
 * sees, so a series born inside the window loses its first sample: a model used once this month
 * shows $0. Here a series that existed when the window opened counts from its value then, a series
 * born inside the window counts from zero, and a series that reset inside the window (a restarted
 * process scraped at the same address) falls back to `increase()`. A series that stopped inside
 * the window keeps its last value, so restarted apps do not lose their spend.
 */
export function counterGrowth(selector: string, range: string): string {
  const last = `last_over_time(${selector}[${range}])`;
  return (
    `(((${last} - ${selector} offset ${range}) or ${last})` +
    ` unless resets(${selector}[${range}]) > 0 or increase(${selector}[${range}]))`
  );
}

/**
 * A running total of a counter since the start of the panel's time range, per series, for
 * range queries: the last value up to each step minus the value the series had when the range
 * opened (`@ start()`), or the whole value for series born inside the range.
 */
export function counterSinceRangeStart(selector: string): string {
  const last = `last_over_time(${selector}[$__range])`;
  return `((${last} - last_over_time(${selector}[$__range] @ start())) or ${last})`;
}

/** `histogram_quantile` over the rate of a histogram's buckets, grouped by `by` (plus `le`). */
export function quantile(
  q: number,
  series: Series,
  by: readonly string[] = [],
  where: readonly string[] = [],
): string {
  const buckets = select(series, { part: '_bucket', where });
  return `histogram_quantile(${q}, sum by (${['le', ...by].join(', ')}) (rate(${buckets}[$__rate_interval])))`;
}

/** `sum by (labels) (expr)`, or `sum(expr)` without labels. */
export function sumBy(labels: readonly string[], expr: string): string {
  return labels.length === 0 ? `sum(${expr})` : `sum by (${labels.join(', ')}) (${expr})`;
}
