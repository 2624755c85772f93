import { scopeText } from '@groqmeter/budgets';
import { dashboardPanel } from '@groqmeter/grafana/queries';
import type { BudgetUse as ExporterBudgetUse } from '../budgets/budget-series.js';
import { PageFamily } from './contract-families.js';
import { BUCKETS_OFFSET, columnIndex, type HistoryRows } from './headline-history.js';
import { lowestHeadroom, rateLimitStates } from './headline-sample.js';
import { mergeHistograms, quantileOf } from './histogram-math.js';
import { periodBounds } from './period-baseline.js';
import type { StoreView, ValuePoint } from './store-view.js';
import { thresholdColor } from './thresholds.js';

/** How far back the availability indicator looks. */
export const AVAILABILITY_WINDOW_MS = 5 * 60_000;

/** The dashboards' thresholds for the availability share and the operation duration. */
const AVAILABILITY_THRESHOLDS = dashboardPanel('groqmeter-overview', 'Availability').thresholds;
const DURATION_THRESHOLDS = dashboardPanel('groqmeter-latency', 'Operation duration').thresholds;
const COLOR_RANK = { green: 0, blue: 0, text: 0, yellow: 1, orange: 2, red: 3 } as const;

/** A budget the exporter serves, with its use in the current period. */
export interface BudgetUse {
  name: string;
  /** `all`, or the `label=value` pairs it covers. */
  scope: string;
  period: string;
  usd: number;
  spentUsd: number;
  /** Spent ÷ budget. */
  used: number;
  /**
   * Spend so far plus the rest of the period at the 7-day spend rate (the budget alerts'
   * forecast); `null` until the exporter has two readings.
   */
  forecastUsd: number | null;
  /** When the period ends and the budget resets. */
  resetsAtMs: number;
  /** Fractions of the budget whose crossing warns. */
  warn: readonly number[];
}

/** The availability indicator: recent success share and p95 duration, coloured by the dashboards' thresholds. */
export interface Availability {
  state: 'ok' | 'degraded' | 'poor' | 'idle';
  /** Success ÷ (success + error) in the window; `null` without finished operations. */
  share: number | null;
  p95Seconds: number | null;
  windowSeconds: number;
}

/** The numbers of the card. */
export interface PageCard {
  /** Sum of `groq_cost_usd_total`, exactly what `/metrics` serves. */
  spendUsd: number;
  /** Spend since the start of the UTC month. */
  spendMonthUsd: number;
  /**
   * Month-end forecast: the Overview dashboard's (month-to-date plus the rest of the month at the
   * recent spend rate) from Prometheus, else month-to-date × month length ÷ time elapsed.
   */
  forecastMonthUsd: number;
  /** Where the month-to-date spend comes from. */
  monthSource: 'prometheus' | 'exporter';
  forecastSource: 'prometheus' | 'exporter';
  budgets: BudgetUse[];
  inputTokens: number;
  outputTokens: number;
  requests: number;
  errors: number;
  errorRate: number | null;
  avgLatencySeconds: number | null;
  p95LatencySeconds: number | null;
  availability: Availability;
  lowestHeadroom: { share: number; model: string; resource: string } | null;
  fullyPricedShare: number | null;
  pricing: Record<string, number>;
}

/** Figures the pages get from Prometheus when it is configured and answers. */
export interface MonthFromPrometheus {
  spendMonthUsd: number;
  /** The Overview's forecast, once Prometheus has the recent spend rate it needs. */
  forecastMonthUsd?: number;
}

export interface SummaryInputs {
  view: StoreView;
  nowMs: number;
  /** The budgets' use as the exporter's budgets module computed it at the last reading. */
  budgets: readonly ExporterBudgetUse[];
  /** Spend since the start of the UTC month as the exporter saw it. */
  spendThisMonth: (total: number) => number;
  /** The fine history, for the availability window. */
  recent: HistoryRows;
  month?: MonthFromPrometheus;
  /** Whether the model catalogue poll is configured. */
  catalogue: boolean;
  /** Whether the ledger view is enabled. */
  ledger: boolean;
  mode: 'prometheus' | 'memory';
}

/** One row of the model analytics table. */
export interface ModelRow {
  model: string;
  requests: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  spendUsd: number;
  avgLatencySeconds: number | null;
  p95LatencySeconds: number | null;
  p95TtftSeconds: number | null;
  p95QueueSeconds: number | null;
  outputTokensPerSecond: number | null;
}

/** Everything `/api/summary` answers. */
export interface PageSummary {
  generatedAtMs: number;
  mode: 'prometheus' | 'memory';
  card: PageCard;
  models: ModelRow[];
  audio: { model: string; operation: string; billedMinutes: number }[];
  speech: { model: string; characters: number }[];
  tools: { tool: string; model: string; calls: number }[];
  errorsByType: { errorType: string; count: number }[];
  rateLimits: {
    model: string;
    resource: string;
    limit: number;
    remaining: number;
    share: number | null;
    resetSeconds: number | null;
    hits: number;
  }[];
  /** The models Groq serves; `null` when the catalogue poll is not configured. */
  catalogue: { id: string; ownedBy: string; contextWindow: number | null; active: boolean }[] | null;
  ledger: boolean;
}

/** Builds the summary of one store snapshot. */
export function pageSummary(inputs: SummaryInputs): PageSummary {
  const { view } = inputs;
  const hits = view.totalsBy(PageFamily.rateLimitHits, 'model');
  return {
    generatedAtMs: inputs.nowMs,
    mode: inputs.mode,
    card: pageCard(inputs),
    models: modelRows(view),
    audio: view
      .values(PageFamily.audioBilledSeconds)
      .map((point) => ({
        model: point.labels.model ?? '',
        operation: point.labels.operation ?? '',
        billedMinutes: point.value / 60,
      }))
      .sort(byKey((row) => `${row.model} ${row.operation}`)),
    speech: [...view.totalsBy(PageFamily.speechCharacters, 'model')]
      .map(([model, characters]) => ({ model, characters }))
      .sort(byKey((row) => row.model)),
    tools: view
      .values(PageFamily.toolCalls)
      .map((point) => ({
        tool: point.labels.tool ?? '',
        model: point.labels.model ?? '',
        calls: point.value,
      }))
      .sort(byKey((row) => `${row.tool} ${row.model}`)),
    errorsByType: [...view.totalsBy(PageFamily.requests, 'error_type', { outcome: 'error' })]
      .map(([errorType, count]) => ({ errorType, count }))
      .sort((a, b) => b.count - a.count),
    rateLimits: rateLimitStates(view).map((state) => ({
      model: state.model,
      resource: state.resource,
      limit: state.limit,
      remaining: state.remaining,
      share: state.share ?? null,
      resetSeconds: state.resetSeconds ?? null,
      hits: hits.get(state.model) ?? 0,
    })),
    catalogue: inputs.catalogue ? catalogueOf(view.values(PageFamily.modelInfo)) : null,
    ledger: inputs.ledger,
  };
}

function pageCard(inputs: SummaryInputs): PageCard {
  const { view, nowMs } = inputs;
  const spendUsd = view.total(PageFamily.cost);
  const requests = view.total(PageFamily.requests);
  const errors = view.total(PageFamily.requests, { outcome: 'error' });
  const duration = mergeHistograms(view.histograms(PageFamily.operationDuration));
  const month = periodBounds('month', nowMs);
  const spendMonthUsd = inputs.month?.spendMonthUsd ?? inputs.spendThisMonth(spendUsd);
  const forecastMonthUsd =
    inputs.month?.forecastMonthUsd ?? extrapolate(spendMonthUsd, nowMs - month.startMs, month.lengthMs);
  const pricing = Object.fromEntries(view.totalsBy(PageFamily.pricedOperations, 'pricing'));
  const priced = Object.values(pricing).reduce((sum, count) => sum + count, 0);
  const lowest = lowestHeadroom(view);
  return {
    spendUsd,
    spendMonthUsd,
    forecastMonthUsd,
    monthSource: inputs.month === undefined ? 'exporter' : 'prometheus',
    forecastSource: inputs.month?.forecastMonthUsd === undefined ? 'exporter' : 'prometheus',
    budgets: inputs.budgets.map(budgetUse).sort((a, b) => b.used - a.used),
    inputTokens: view.total(PageFamily.tokens, { type: 'input' }),
    outputTokens: view.total(PageFamily.tokens, { type: 'output' }),
    requests,
    errors,
    errorRate: requests > 0 ? errors / requests : null,
    avgLatencySeconds: duration && duration.count > 0 ? duration.sum / duration.count : null,
    p95LatencySeconds: (duration && quantileOf(0.95, duration.bounds, duration.buckets)) ?? null,
    availability: availability(inputs),
    lowestHeadroom:
      lowest?.share === undefined
        ? null
        : { share: lowest.share, model: lowest.model, resource: lowest.resource },
    fullyPricedShare: priced > 0 ? (pricing.exact ?? 0) / priced : null,
    pricing,
  };
}

function budgetUse(use: ExporterBudgetUse): BudgetUse {
  const { budget } = use;
  return {
    name: budget.name,
    scope: scopeText(budget.scope),
    period: budget.period,
    usd: budget.usd,
    spentUsd: use.spentUsd,
    used: use.spentUsd / budget.usd,
    forecastUsd: use.forecastUsd ?? null,
    resetsAtMs: use.bounds.endMs,
    warn: budget.warn,
  };
}

function extrapolate(value: number, elapsedMs: number, lengthMs: number): number {
  return elapsedMs > 0 ? (value * lengthMs) / elapsedMs : value;
}

/**
 * Success share and p95 duration over the last {@link AVAILABILITY_WINDOW_MS} of the fine
 * history (all of it while it is shorter), each coloured by the dashboards' thresholds; the
 * worse colour gives the state.
 */
function availability(inputs: SummaryInputs): Availability {
  const rows = inputs.recent.rows;
  const last = rows.at(-1);
  const windowSeconds = AVAILABILITY_WINDOW_MS / 1000;
  if (last === undefined) return { state: 'idle', share: null, p95Seconds: null, windowSeconds };
  const first = rows.find((entry) => entry.timeMs >= last.timeMs - AVAILABILITY_WINDOW_MS) ?? last;
  // With a single sample, the window is everything counted so far.
  const base = first === last ? undefined : first.row;
  // A column unknown at the window's start (no histogram yet) counted nothing then.
  const delta = (index: number) => {
    const before = base?.[index] ?? 0;
    return (last.row[index] ?? 0) - (Number.isFinite(before) ? before : 0);
  };
  const finished = delta(columnIndex('finished'));
  const failed = delta(columnIndex('errors'));
  if (finished <= 0) return { state: 'idle', share: null, p95Seconds: null, windowSeconds };
  const share = (finished - failed) / finished;
  const bounds = inputs.recent.durationBounds;
  const buckets = bounds.map((_, index) => delta(BUCKETS_OFFSET + index));
  buckets.push(delta(BUCKETS_OFFSET + bounds.length));
  const p95 = buckets.some(Number.isNaN) ? undefined : quantileOf(0.95, bounds, buckets);
  const colors = [thresholdColor(AVAILABILITY_THRESHOLDS, share)];
  if (p95 !== undefined) colors.push(thresholdColor(DURATION_THRESHOLDS, p95));
  const worst = Math.max(...colors.map((color) => COLOR_RANK[color]));
  return {
    state: worst >= 3 ? 'poor' : worst >= 1 ? 'degraded' : 'ok',
    share,
    p95Seconds: p95 ?? null,
    windowSeconds,
  };
}

function modelRows(view: StoreView): ModelRow[] {
  const models = new Set<string>();
  for (const name of [PageFamily.requests, PageFamily.cost, PageFamily.tokens]) {
    for (const model of view.totalsBy(name, 'model').keys()) if (model) models.add(model);
  }
  const histogramsOf = (family: string, label: string, model: string) =>
    mergeHistograms(view.histograms(family, { [label]: model }));
  return [...models].sort().map((model) => {
    const duration = histogramsOf(PageFamily.operationDuration, 'gen_ai_request_model', model);
    const ttft = histogramsOf(PageFamily.timeToFirstChunk, 'gen_ai_request_model', model);
    const queue = histogramsOf(PageFamily.queueTime, 'model', model);
    const speed = histogramsOf(PageFamily.outputSpeed, 'model', model);
    return {
      model,
      requests: view.total(PageFamily.requests, { model }),
      errors: view.total(PageFamily.requests, { model, outcome: 'error' }),
      inputTokens: view.total(PageFamily.tokens, { model, type: 'input' }),
      outputTokens: view.total(PageFamily.tokens, { model, type: 'output' }),
      spendUsd: view.total(PageFamily.cost, { model }),
      avgLatencySeconds: duration && duration.count > 0 ? duration.sum / duration.count : null,
      p95LatencySeconds: (duration && quantileOf(0.95, duration.bounds, duration.buckets)) ?? null,
      p95TtftSeconds: (ttft && quantileOf(0.95, ttft.bounds, ttft.buckets)) ?? null,
      p95QueueSeconds: (queue && quantileOf(0.95, queue.bounds, queue.buckets)) ?? null,
      outputTokensPerSecond: speed && speed.count > 0 ? speed.sum / speed.count : null,
    };
  });
}

function catalogueOf(points: readonly ValuePoint[]): NonNullable<PageSummary['catalogue']> {
  return points
    .map(({ labels }) => {
      const contextWindow = Number(labels.context_window);
      return {
        id: labels.id ?? '',
        ownedBy: labels.owned_by ?? '',
        contextWindow: labels.context_window && Number.isFinite(contextWindow) ? contextWindow : null,
        active: labels.active !== 'false',
      };
    })
    .sort(byKey((row) => row.id));
}

function byKey<T>(key: (row: T) => string): (a: T, b: T) => number {
  return (a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
}
