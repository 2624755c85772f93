import type { BaselineOperation, Usage } from '@groqmeter/pricing';
import { formatUsd, toUsdNumber } from '@groqmeter/pricing';
import type { Span } from '@opentelemetry/api';
import type { OperationDependencies } from './operation.js';
import type { OperationMetrics } from './operation-metrics.js';
import { costByComponent, type OperationPrice, priceOperation } from './price-operation.js';
import {
  ATTR_GROQ_COST_BASELINE_MODEL,
  ATTR_GROQ_COST_BASELINE_QUANTA,
  ATTR_GROQ_COST_BASELINE_USD,
  ATTR_GROQ_COST_KNOWN,
  ATTR_GROQ_COST_PARTIAL,
  ATTR_GROQ_COST_PARTIAL_REASONS,
  ATTR_GROQ_COST_PRICING,
  ATTR_GROQ_COST_QUANTA,
  ATTR_GROQ_COST_STALE,
  ATTR_GROQ_COST_USD,
  DROPPED_REASON_VALUE_UNKNOWN_MODEL,
  GEN_AI_PROVIDER_NAME_VALUE_GROQ,
  PRICING_VALUE_EXACT,
  PRICING_VALUE_PARTIAL,
  PRICING_VALUE_STALE,
  PRICING_VALUE_UNPRICED,
  PRICING_VALUE_USAGE_MISSING,
  SERVICE_TIER_VALUE_DEFAULT,
  SERVICE_TIER_VALUE_ON_DEMAND,
} from './semconv.js';
import type { OperationStart, UsageBreakdownEntry } from './types.js';

/** What cost recording needs of the operation it belongs to. */
export interface CostContext {
  deps: OperationDependencies;
  span: Span;
  /** Whether the span records: the span's cost strings are formatted only then. */
  recording: boolean;
  start: OperationStart;
  startTime: number;
  responseModel: string | undefined;
  /** Who served it: priced on that provider's catalogue entries only. */
  provider: string;
  /** The operation's metric points (labels, attribution and series cap included). */
  metrics: OperationMetrics;
}

const BASELINE_OPERATIONS: ReadonlySet<string> = new Set<BaselineOperation>([
  'chat',
  'transcription',
  'translation',
  'speech',
]);
const COST_DECIMALS = 12;

/** The catalogue id to price: the response model when the catalogue knows it, else the requested one. */
function pricedModel(context: CostContext, at: Date): string | undefined {
  const requested = context.start.requestModel;
  const response = context.responseModel;
  // Same id either way: no need to ask the catalogue whether it knows the response model.
  if (response === undefined || response === requested) return requested ?? response;
  if (context.deps.priceBook.resolve(response, at) !== undefined) return response;
  return requested ?? response;
}

/** The tier a request that names none is served in: Groq's `on_demand`, OpenAI's `default`. */
function defaultServiceTier(provider: string): string {
  return provider === GEN_AI_PROVIDER_NAME_VALUE_GROQ
    ? SERVICE_TIER_VALUE_ON_DEMAND
    : SERVICE_TIER_VALUE_DEFAULT;
}

/** `pricing` of a priced operation (`usage_missing` is decided before any price is asked for). */
function pricingOf(price: Exclude<OperationPrice, { kind: 'unbilled' }>): string {
  if (price.kind === 'unknown') return PRICING_VALUE_UNPRICED;
  if (price.partialReasons.length > 0) return PRICING_VALUE_PARTIAL;
  return price.stale ? PRICING_VALUE_STALE : PRICING_VALUE_EXACT;
}

/**
 * Count one operation that had, or should have had, billable usage in `groq.priced.operations`
 * and set `groq.cost.pricing` on its span.
 */
export function recordPricing(context: CostContext, pricing: string): void {
  if (context.recording) context.span.setAttribute(ATTR_GROQ_COST_PRICING, pricing);
  context.metrics.pricing(pricing);
}

/** Operations that never bill (listing or reading models): a missing usage there is not counted. */
const NEVER_BILLED: ReadonlySet<string> = new Set(['models']);

/**
 * An operation that should have had billable usage and has none (no usage in a response, a stream
 * abandoned before its usage chunk): counted as `usage_missing` in `groq.priced.operations`.
 */
export function recordUsageMissing(context: CostContext): void {
  if (!NEVER_BILLED.has(context.start.operation)) recordPricing(context, PRICING_VALUE_USAGE_MISSING);
}

/**
 * Cost lines per component (a compound system's models and tools added up exactly, in money,
 * before they become a float), the span's total and how complete it is. An operation without
 * billable usage is not priced at all: no cost, no `groq.cost.*` attributes, nothing counted.
 */
export function recordCost(
  context: CostContext,
  usage: Usage,
  usageBreakdown: UsageBreakdownEntry[] | undefined,
  responseServiceTier: string | undefined,
): void {
  const { deps, span, start } = context;
  const at = new Date(context.startTime);
  const serviceTier = responseServiceTier ?? start.request?.serviceTier;
  const batch = start.request?.batch === true;
  const price = priceOperation(
    deps.priceBook,
    { model: pricedModel(context, at), usage, usageBreakdown },
    { serviceTier, batch, at, provider: context.provider },
  );
  if (price.kind === 'unbilled') return;
  if (price.reconciled !== undefined) context.metrics.usageReconciled(price.reconciled);
  recordPricing(context, pricingOf(price));
  if (price.kind === 'unknown') {
    if (context.recording) span.setAttribute(ATTR_GROQ_COST_KNOWN, false);
    deps.dropped(DROPPED_REASON_VALUE_UNKNOWN_MODEL);
    return;
  }
  const tier = serviceTier ?? defaultServiceTier(context.provider);
  for (const { component, amount } of costByComponent(price.lines)) {
    context.metrics.cost(component, toUsdNumber(amount), tier, batch);
  }
  for (const line of price.lines) {
    if (line.component === 'audio' && line.unit === 'second') context.metrics.audioBilled(line.quantity);
  }
  if (context.recording) setCostAttributes(span, price);
  recordBaselineCost(context, usage);
}

function setCostAttributes(span: Span, price: Extract<OperationPrice, { kind: 'known' }>): void {
  // One by one, as `setAttributes` of these would: no object per costing.
  span.setAttribute(ATTR_GROQ_COST_USD, formatUsd(price.total, COST_DECIMALS));
  span.setAttribute(ATTR_GROQ_COST_QUANTA, price.total.toString());
  span.setAttribute(ATTR_GROQ_COST_KNOWN, true);
  span.setAttribute(ATTR_GROQ_COST_PARTIAL, price.partialReasons.length > 0);
  span.setAttribute(ATTR_GROQ_COST_STALE, price.stale);
  if (price.partialReasons.length > 0)
    span.setAttribute(ATTR_GROQ_COST_PARTIAL_REASONS, price.partialReasons);
}

/**
 * Recorded only next to a known Groq cost, so that savings compare like with like. An operation
 * OpenAI served has none: its cost already is the OpenAI cost.
 */
function recordBaselineCost(context: CostContext, usage: Usage): void {
  const { baselines, priceBook } = context.deps;
  const operation = context.start.operation;
  if (context.provider !== GEN_AI_PROVIDER_NAME_VALUE_GROQ) return;
  if (baselines === false || !BASELINE_OPERATIONS.has(operation)) return;
  const baseline = priceBook.priceBaseline(operation as BaselineOperation, usage, baselines[operation]);
  if (!baseline.known) return;
  context.metrics.baselineCost(baseline.model, toUsdNumber(baseline.total));
  if (!context.recording) return;
  const { span } = context;
  span.setAttribute(ATTR_GROQ_COST_BASELINE_USD, formatUsd(baseline.total, COST_DECIMALS));
  span.setAttribute(ATTR_GROQ_COST_BASELINE_QUANTA, baseline.total.toString());
  span.setAttribute(ATTR_GROQ_COST_BASELINE_MODEL, baseline.model);
}
