import type { CostComponent, CostLine, Money, PriceBook, PriceOptions, Usage } from '@groqmeter/pricing';
import type { UsageBreakdownEntry } from './types.js';
import { type ReconciliationRule, reconcileBreakdown } from './usage-reconciliation.js';

/**
 * Why a recorded cost is partial (`groq.cost.partial_reasons`), a bounded set:
 * - `code_execution_seconds_unknown`, `browser_automation_seconds_unknown`: the tool is billed by
 *   the hour and Groq's response does not say how long it ran;
 * - `tool_seconds_unknown`: the same for any other time-billed tool;
 * - `tool_unpriced`: a built-in tool the catalogue has no price for (e.g. Wolfram Alpha).
 */
export type PartialReason =
  | 'code_execution_seconds_unknown'
  | 'browser_automation_seconds_unknown'
  | 'tool_seconds_unknown'
  | 'tool_unpriced';

/** How one operation is billed. */
export type OperationPrice =
  /** Nothing billable happened (listing models, creating a batch): the operation is not priced. */
  | { kind: 'unbilled' }
  /** The tokens, audio or characters have no price (unknown model, unpriced kind of usage). */
  | { kind: 'unknown'; reconciled?: ReconciliationRule }
  | {
      kind: 'known';
      lines: readonly CostLine[];
      total: Money;
      /** Parts left out because their price or quantity is unknown; empty when the cost is complete. */
      partialReasons: PartialReason[];
      /** Some part was priced at a retired model's last known prices. */
      stale: boolean;
      reconciled?: ReconciliationRule;
    };

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

/** Price units of time-billed tools (`per` of a catalogue price). */
const TIME_UNITS: ReadonlySet<string> = new Set(['hour', 'minute', 'second']);
const SECONDS_UNKNOWN: Readonly<Record<string, PartialReason>> = {
  code_execution: 'code_execution_seconds_unknown',
  browser_automation: 'browser_automation_seconds_unknown',
};

/**
 * Whether a usage has a token, audio or character count (zero included: a priced zero is still a
 * price). With {@link hasToolEntries}, what a bill could be made of: an empty usage (`{}`) is an
 * operation that bills nothing, not an operation whose price is unknown.
 */
function hasBillableAmounts(usage: Usage): boolean {
  for (const amount of BILLABLE_AMOUNTS) if (usage[amount] !== undefined) return true;
  return false;
}

/** Whether a usage has a built-in tool entry (empty tool maps have none). */
function hasToolEntries(usage: Usage): boolean {
  return Object.keys(usage.toolCalls ?? {}).length > 0 || Object.keys(usage.toolSeconds ?? {}).length > 0;
}

/** The usage without its built-in tools (priced one by one, on their own). */
function withoutTools(usage: Usage): Usage {
  const { toolCalls: _calls, toolSeconds: _seconds, ...amounts } = usage;
  return amounts;
}

/**
 * The bill being put together from separately priced parts. A usage of one part and no tools, the
 * common case, costs one costing: the bill takes that price's own lines and reasons stay empty,
 * with nothing copied.
 */
class PartialBill {
  lines: readonly CostLine[] | undefined = undefined;
  total = 0n;
  stale = false;
  readonly reasons: PartialReason[] = [];

  constructor(
    private readonly priceBook: PriceBook,
    private readonly options: PriceOptions,
  ) {}

  /** Price one part; false when it has no price. */
  add(model: string | undefined, usage: Usage): boolean {
    const price = model === undefined ? undefined : this.priceBook.price(model, usage, this.options);
    if (price === undefined || !price.known) return false;
    // The first part's lines as they came; never appended to in place, as a price book given in
    // the options may hand out arrays it keeps.
    this.lines = this.lines === undefined ? price.lines : [...this.lines, ...price.lines];
    this.total += price.total;
    if (price.stale) this.stale = true;
    return true;
  }

  /** Why a part is left out; each reason once. */
  leaveOut(reason: PartialReason): void {
    if (!this.reasons.includes(reason)) this.reasons.push(reason);
  }

  /**
   * Built-in tools, each on its own so that one unknown tool leaves the others priced: time used
   * where it was reported, calls of call-billed tools, and a reason for everything else.
   */
  addTools(model: string | undefined, usage: Usage): void {
    const seconds = usage.toolSeconds ?? {};
    for (const [tool, time] of Object.entries(seconds)) {
      if (time !== 0 && !this.add(model, { toolSeconds: { [tool]: time } })) this.leaveOut('tool_unpriced');
    }
    for (const [tool, calls] of Object.entries(usage.toolCalls ?? {})) {
      if (calls === 0 || seconds[tool] !== undefined) continue;
      const price =
        model === undefined
          ? undefined
          : this.priceBook.resolve(model, this.options.at)?.prices[`tool:${tool}`];
      if (price === undefined) this.leaveOut('tool_unpriced');
      else if (TIME_UNITS.has(price.per)) this.leaveOut(SECONDS_UNKNOWN[tool] ?? 'tool_seconds_unknown');
      else if (!this.add(model, { toolCalls: { [tool]: calls } })) this.leaveOut('tool_unpriced');
    }
  }
}

/**
 * Price an operation. Tokens, audio and characters (for a compound system: each model of its
 * reconciled breakdown, on its own model) must all be priced, or the whole cost is unknown.
 * Built-in tools are priced one by one on the operation's model (Groq bills compound requests as
 * the underlying models' tokens plus tool fees); a tool whose price or quantity is unknown leaves
 * the cost partial, with a reason, and every known part priced. The lines of all parts are kept.
 *
 * @throws RangeError from the price book when a usage count is invalid (negative, fractional).
 */
export function priceOperation(
  priceBook: PriceBook,
  { model, usage, usageBreakdown }: OperationUsage,
  options: PriceOptions,
): OperationPrice {
  const hasTools = usage.toolCalls !== undefined || usage.toolSeconds !== undefined;
  const reconciled =
    usageBreakdown === undefined || usageBreakdown.length === 0
      ? undefined
      : reconcileBreakdown(usage, usageBreakdown);
  const tokenParts: { model: string | undefined; usage: Usage }[] = reconciled
    ? reconciled.entries
    : hasBillableAmounts(usage)
      ? [{ model, usage: hasTools ? withoutTools(usage) : usage }]
      : [];
  if (tokenParts.length === 0 && !hasToolEntries(usage)) return { kind: 'unbilled' };
  const rule = reconciled?.rule;
  const bill = new PartialBill(priceBook, options);
  for (const part of tokenParts) {
    if (!bill.add(part.model, part.usage))
      return rule ? { kind: 'unknown', reconciled: rule } : { kind: 'unknown' };
  }
  if (hasTools) bill.addTools(model, usage);
  const lines = bill.lines ?? [];
  if (tokenParts.length === 0 && lines.length === 0 && bill.reasons.length > 0) {
    return rule ? { kind: 'unknown', reconciled: rule } : { kind: 'unknown' };
  }
  const price: OperationPrice = {
    kind: 'known',
    lines,
    total: bill.total,
    partialReasons: bill.reasons,
    stale: bill.stale,
  };
  if (rule) price.reconciled = rule;
  return price;
}

/** One cost component's amount. */
export type ComponentCost = Pick<CostLine, 'component' | 'amount'>;

/**
 * The amount of each cost component, in the order the components first appear: the lines
 * themselves when no component is on two of them (a plain usage: nothing to build), else their
 * sums (a compound system's models add up per component).
 */
export function costByComponent(lines: readonly CostLine[]): readonly ComponentCost[] {
  if (distinctComponents(lines)) return lines;
  const amounts = new Map<CostComponent, Money>();
  for (const line of lines) amounts.set(line.component, (amounts.get(line.component) ?? 0n) + line.amount);
  return Array.from(amounts, ([component, amount]) => ({ component, amount }));
}

function distinctComponents(lines: readonly CostLine[]): boolean {
  for (let index = 1; index < lines.length; index++) {
    const component = lines[index]!.component;
    for (let earlier = 0; earlier < index; earlier++)
      if (lines[earlier]!.component === component) return false;
  }
  return true;
}
