import type { Usage } from '@groqmeter/pricing';
import type { UsageBreakdownEntry } from './types.js';
import { definedOnly } from './unknown-fields.js';

/**
 * `rule` values of `groqmeter_usage_reconciled_total`: how a `usage_breakdown` that does not add
 * up to the request's `usage` was priced instead.
 * - `repeated_total`: two or more entries each repeat the request's total (Groq's streamed
 *   compound answers do this); summing them would multiply the bill.
 * - `sum_mismatch`: the entries' sums differ from the total in any other way.
 */
export type ReconciliationRule = 'repeated_total' | 'sum_mismatch';

/** A breakdown ready to price, and the rule applied to it when it had to be reconciled. */
export interface ReconciledBreakdown {
  entries: UsageBreakdownEntry[];
  rule?: ReconciliationRule;
}

const TOKEN_FIELDS = ['inputTokens', 'cachedInputTokens', 'outputTokens'] as const;

function sameTokens(a: Usage, b: Usage): boolean {
  return TOKEN_FIELDS.every((key) => (a[key] ?? 0) === (b[key] ?? 0));
}

function tokensOf(usage: Usage): Usage {
  return definedOnly({
    inputTokens: usage.inputTokens,
    cachedInputTokens: usage.cachedInputTokens,
    outputTokens: usage.outputTokens,
    reasoningTokens: usage.reasoningTokens,
  });
}

/**
 * Check a compound system's breakdown against the request's `usage` (input, cached input and
 * output tokens). Entries that add up to it are priced as given. Otherwise the request's total
 * usage, the amount Groq counts against the request, is priced once, on the first entry's model
 * (the system's answering model, listed first), and the rule is returned so it can be counted:
 * the total is never multiplied, and no token is left out.
 */
export function reconcileBreakdown(
  usage: Usage,
  breakdown: readonly UsageBreakdownEntry[],
): ReconciledBreakdown {
  const sums: Usage = {};
  for (const key of TOKEN_FIELDS) {
    sums[key] = breakdown.reduce((total, entry) => total + (entry.usage[key] ?? 0), 0);
  }
  if (breakdown.length === 0 || sameTokens(sums, usage)) return { entries: [...breakdown] };
  const repeated = breakdown.length > 1 && breakdown.every((entry) => sameTokens(entry.usage, usage));
  return {
    entries: [{ model: breakdown[0]!.model, usage: tokensOf(usage) }],
    rule: repeated ? 'repeated_total' : 'sum_mismatch',
  };
}
