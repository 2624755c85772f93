import type { CostComponent, CostLine, Money, PriceBook, PriceOptions, Usage } from '@groqmeter/pricing';
import type { UsageBreakdownEntry } from './types.js';
import { definedOnly } from './unknown-fields.js';

/** How one operation is billed. */
export type OperationPrice =
  /** Nothing billable happened (listing models, creating a batch): the operation is not priced. */
  | { kind: 'unbilled' }
  /** Some of the usage has no price (unknown model, or a kind of usage the model is not priced for). */
  | { kind: 'unknown' }
  | { kind: 'known'; lines: CostLine[]; total: Money };

/** What an operation used and on which catalogue id. */
export interface OperationUsage {
  /** The catalogue id the operation is priced on; undefined when no model is known. */
  model: string | undefined;
  usage: Usage;
  usageBreakdown?: UsageBreakdownEntry[];
}

const BILLABLE_AMOUNTS = [
  'inputTokens',
  'cachedInputTokens',
  'outputTokens',
  'reasoningTokens',
  'audioSeconds',
  'characters',
] as const;

/**
 * Whether a usage has anything a bill could be made of: any token, audio or character count (zero
 * included: a priced zero is still a price), or a built-in tool entry. An empty usage (`{}`) is
 * an operation that bills nothing, not an operation whose price is unknown.
 */
export function hasBillableUsage(usage: Usage): boolean {
  return (
    BILLABLE_AMOUNTS.some((amount) => usage[amount] !== undefined) ||
    Object.keys(usage.toolCalls ?? {}).length > 0 ||
    Object.keys(usage.toolSeconds ?? {}).length > 0
  );
}

/**
 * The parts of an operation priced separately: the whole usage on the operation's model, or for a
 * compound system each breakdown entry on its own model plus the built-in tools on the
 * operation's model (Groq bills compound requests as the underlying models' tokens plus tool fees).
 */
function billedParts({ model, usage, usageBreakdown }: OperationUsage): OperationUsage[] {
  if (usageBreakdown === undefined || usageBreakdown.length === 0) {
    return hasBillableUsage(usage) ? [{ model, usage }] : [];
  }
  const tools: Usage = definedOnly({ toolCalls: usage.toolCalls, toolSeconds: usage.toolSeconds });
  return [...usageBreakdown, ...(hasBillableUsage(tools) ? [{ model, usage: tools }] : [])];
}

/**
 * Price an operation: every billed part must be priced, or the whole cost is unknown (a partial
 * cost would read as the full one). The lines of all parts are kept, in order.
 *
 * @throws RangeError from the price book when a usage count is invalid (negative, fractional).
 */
export function priceOperation(
  priceBook: PriceBook,
  operationUsage: OperationUsage,
  options: PriceOptions,
): OperationPrice {
  const parts = billedParts(operationUsage);
  if (parts.length === 0) return { kind: 'unbilled' };
  const lines: CostLine[] = [];
  let total = 0n;
  for (const { model, usage } of parts) {
    const price = model === undefined ? undefined : priceBook.price(model, usage, options);
    if (price === undefined || !price.known) return { kind: 'unknown' };
    lines.push(...price.lines);
    total += price.total;
  }
  return { kind: 'known', lines, total };
}

/** The amount of each cost component, in the order the components first appear. */
export function costByComponent(lines: readonly CostLine[]): Map<CostComponent, Money> {
  const amounts = new Map<CostComponent, Money>();
  for (const line of lines) amounts.set(line.component, (amounts.get(line.component) ?? 0n) + line.amount);
  return amounts;
}
