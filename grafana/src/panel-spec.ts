/**
 * What a dashboard panel is, independent of Grafana's JSON: the dashboards are written as these
 * specs, turned into Grafana panels by `build-panel.ts`, and listed for the end-to-end proof by
 * `queries.ts`.
 */

/**
 * A value the end-to-end proof can compute independently from the traffic it sent (the
 * simulator's own record priced with `@groqmeter/pricing`, and its last rate-limit state).
 */
export type Quantity =
  /** Groq spend in USD, every component. */
  | 'spend'
  /** Spend in USD on the `audio` and `speech` components. */
  | 'audio_speech_spend'
  /** Month-end forecast: spend × seconds in the month / seconds of the range. */
  | 'spend_forecast'
  /** Spend divided by the monthly budget. */
  | 'budget_used'
  /** Prompt tokens, cached included. */
  | 'input_tokens'
  /** Completion tokens, reasoning included. */
  | 'output_tokens'
  /** Tokens per `model` and `type` (`input`, `cached_input`, `output`, `reasoning`). */
  | 'tokens_by_model_and_type'
  /** What cached tokens would have cost at the uncached input price, minus what they cost. */
  | 'cached_token_savings'
  /** What batch requests would have cost without the batch discount, minus what they cost. */
  | 'batch_savings'
  /** Baseline (OpenAI) cost minus the Groq cost of the same usage. */
  | 'baseline_savings'
  /** `remaining / limit` per `model` and `resource`. */
  | 'headroom'
  /** The lowest `remaining / limit` of all models and resources. */
  | 'lowest_headroom'
  /** `x-ratelimit-remaining-*` per `model` and `resource`. */
  | 'ratelimit_remaining'
  /** `x-ratelimit-limit-*` per `model` and `resource`. */
  | 'ratelimit_limit'
  /** 429 responses. */
  | 'ratelimit_hits'
  /** Billed transcription and translation minutes. */
  | 'audio_billed_minutes'
  /** Text-to-speech input characters. */
  | 'speech_characters'
  /** Built-in tool calls (browser search, code execution, ...). */
  | 'tool_calls'
  /** Share of operations with billable usage whose cost is exact (`pricing="exact"`). */
  | 'fully_priced_share'
  /** Operations per pricing outcome other than exact: `unpriced`, `partial`, `stale`, `usage_missing`. */
  | 'priced_operations_by_pricing';

/** One PromQL query of a panel (Prometheus dashboards). */
export interface TargetSpec {
  expr: string;
  /** Legend template, e.g. `{{model}}`. */
  legend?: string;
  /** What the end-to-end proof compares the result with; absent: it only has to return data. */
  expect?: Quantity;
}

/**
 * One raw SQL query of a panel (PostgreSQL dashboards), run by Grafana's PostgreSQL data source:
 * `$__timeFrom()` and `$__timeTo()` become the dashboard range.
 */
export interface SqlTargetSpec {
  rawSql: string;
  /** `time_series` for a time column plus one series per `metric` value; `table` otherwise. */
  format: 'table' | 'time_series';
}

/** Display settings of one column of a table (a field override by name). */
export interface ColumnSpec {
  unit?: string;
  decimals?: number;
}

/** A threshold step: from `value` up (`null` is the base step), shown in `color`. */
export interface ThresholdStep {
  value: number | null;
  color: 'green' | 'yellow' | 'orange' | 'red' | 'blue' | 'text';
}

/** The visualisations the dashboards use. */
export type PanelKind = 'stat' | 'gauge' | 'timeseries' | 'table' | 'bargauge' | 'histogram';

/** A panel as the dashboards declare it, with PromQL targets or, on a PostgreSQL dashboard, SQL. */
export interface PanelSpec<Target = TargetSpec> {
  kind: PanelKind;
  title: string;
  /** Shown in the panel's info tooltip: what it shows and how it is computed. */
  description: string;
  /** A Grafana unit id (`currencyUSD`, `percentunit`, `s`, `short`, `suffix: tok/s`, ...). */
  unit: string;
  thresholds: ThresholdStep[];
  targets: Target[];
  /** Grid width (of 24) and height. */
  width: number;
  height: number;
  /** Panel relative time (`now/M`: this month so far), overriding the dashboard's range. */
  timeFrom?: string;
  /** Minimum query step (e.g. `1d` for daily bars). */
  interval?: string;
  decimals?: number;
  min?: number;
  max?: number;
  /** Time series drawn as bars instead of lines. */
  bars?: boolean;
  /** Time series stacked on each other. */
  stacked?: boolean;
  /** Tables: display settings of single columns, by column name, over the panel's `unit`. */
  columns?: Record<string, ColumnSpec>;
}

/** Instant queries (one value per series) for single-value and table panels; range otherwise. */
export function isInstant(kind: PanelKind): boolean {
  return kind !== 'timeseries';
}

/** Threshold steps for a value where higher is worse. */
export function rising(warn: number, critical: number): ThresholdStep[] {
  return [
    { value: null, color: 'green' },
    { value: warn, color: 'yellow' },
    { value: critical, color: 'red' },
  ];
}

/** Threshold steps for a value where lower is worse. */
export function falling(critical: number, warn: number): ThresholdStep[] {
  return [
    { value: null, color: 'red' },
    { value: critical, color: 'yellow' },
    { value: warn, color: 'green' },
  ];
}

/** A single neutral step, for values with no good or bad level (counts, spend without budget). */
export const NEUTRAL: ThresholdStep[] = [{ value: null, color: 'blue' }];
