import { readCompletionUsage, readServerTiming } from './completion-usage.js';
import type { OperationResult } from './types.js';
import { definedOnly, field, stringField } from './unknown-fields.js';
import { readUsageBreakdown } from './usage-breakdown.js';

/** The result facts every Groq chat completion (or stream chunk) carries outside its choices. */
export type ChatCompletionFacts = Pick<
  OperationResult,
  | 'responseId'
  | 'responseModel'
  | 'groqRequestId'
  | 'serviceTier'
  | 'usage'
  | 'serverTiming'
  | 'usageBreakdown'
>;

/**
 * The facts of a Groq `ChatCompletion`, of one `ChatCompletionChunk`, or of an object that keeps
 * their fields (ChatGroq's `response_metadata`), choices aside:
 * - `id`, `model`, `x_groq.id` and `service_tier`;
 * - usage and server timings from `usage` (non-streamed, or a stream's `include_usage` chunk),
 *   else from `x_groq.usage` (the final stream chunk). Both describe the same request, so they
 *   are never added up; a non-streamed `x_groq.usage` holds cache statistics, no tokens, and is
 *   passed over;
 * - a compound system's per-model usage from `usage_breakdown`, else `x_groq.usage_breakdown`
 *   (streamed).
 */
export function readChatCompletionFacts(body: unknown): ChatCompletionFacts {
  const xGroq = field(body, 'x_groq');
  const usageSource = [field(body, 'usage'), field(xGroq, 'usage')].find(
    (candidate) => readCompletionUsage(candidate) !== undefined,
  );
  return definedOnly({
    responseId: stringField(body, 'id'),
    responseModel: stringField(body, 'model'),
    groqRequestId: stringField(xGroq, 'id'),
    serviceTier: stringField(body, 'service_tier'),
    usage: readCompletionUsage(usageSource),
    serverTiming: usageSource === undefined ? undefined : readServerTiming(usageSource),
    usageBreakdown:
      readUsageBreakdown(field(body, 'usage_breakdown')) ??
      readUsageBreakdown(field(xGroq, 'usage_breakdown')),
  });
}
