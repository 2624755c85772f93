import { readCompletionUsage } from './completion-usage.js';
import type { UsageBreakdownEntry } from './types.js';
import { asRecord, nonEmptyString } from './unknown-fields.js';

/**
 * Read Groq's `usage_breakdown` (compound systems, `groq/compound` and `groq/compound-mini`): one
 * entry per underlying model, `{ model, usage }`, with `usage` a `CompletionUsage`. Returns
 * undefined when there is no breakdown, or when any entry lacks a model id or token counts: a
 * partial breakdown would price only part of the request, so it is not used at all.
 */
export function readUsageBreakdown(value: unknown): UsageBreakdownEntry[] | undefined {
  const models = asRecord(value)?.models;
  if (!Array.isArray(models) || models.length === 0) return undefined;
  const entries: UsageBreakdownEntry[] = [];
  for (const entry of models) {
    // Named loads: `field`'s shared keyed load goes megamorphic on the hot path.
    const record = asRecord(entry);
    const model = nonEmptyString(record?.model);
    const usage = readCompletionUsage(record?.usage);
    if (model === undefined || usage === undefined) return undefined;
    entries.push({ model, usage });
  }
  return entries;
}
