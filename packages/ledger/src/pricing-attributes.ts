import type { LedgerOutcome, LedgerPricing } from './types.js';

/**
 * Span attributes saying how an operation was priced. The recorder sets them next to
 * `groq.cost.known`; they are named here so the ledger also reads spans of recorders older than
 * them (it then derives the outcome from `groq.cost.known`, see {@link pricingOf}).
 */
export const ATTR_GROQ_COST_PRICING = 'groq.cost.pricing';
export const ATTR_GROQ_COST_PARTIAL = 'groq.cost.partial';
export const ATTR_GROQ_COST_PARTIAL_REASONS = 'groq.cost.partial_reasons';
export const ATTR_GROQ_COST_STALE = 'groq.cost.stale';
/** The Groq batch an operation ran in (rows metered from a batch's output file). */
export const ATTR_GROQ_BATCH_ID = 'groq.batch.id';

const PRICING_VALUES: ReadonlySet<string> = new Set<LedgerPricing>([
  'exact',
  'partial',
  'stale',
  'unpriced',
  'usage_missing',
]);

/** Operations that bill nothing themselves: creating a batch (its lines bill), reading models. */
const UNBILLED_OPERATIONS: ReadonlySet<string> = new Set(['batch', 'models']);

/** Whether a string is a {@link LedgerPricing} value. */
export function isLedgerPricing(value: string): value is LedgerPricing {
  return PRICING_VALUES.has(value);
}

/** What is known about an operation's pricing, from its span. */
export interface PricingFacts {
  operation: string;
  outcome: LedgerOutcome;
  /** `groq.cost.pricing`, when the span has it. */
  pricing: LedgerPricing | null;
  costKnown: boolean | null;
  partial: boolean;
  stale: boolean;
}

/**
 * How an operation was priced. `groq.cost.pricing` wins; without it (older recorders, rows
 * migrated from schema 1): a known cost is `partial`/`stale` by their flags, else `exact`; usage
 * without a price is `unpriced`; a billable operation that succeeded or was abandoned without any
 * cost attribute is `usage_missing`, never a $0 cost. Unbilled operations and failures that
 * carried no usage are `null`.
 */
export function pricingOf(facts: PricingFacts): LedgerPricing | null {
  if (facts.pricing !== null) return facts.pricing;
  if (facts.costKnown === true) {
    if (facts.partial) return 'partial';
    return facts.stale ? 'stale' : 'exact';
  }
  if (facts.costKnown === false) return 'unpriced';
  if (UNBILLED_OPERATIONS.has(facts.operation) || facts.outcome === 'error') return null;
  return 'usage_missing';
}
