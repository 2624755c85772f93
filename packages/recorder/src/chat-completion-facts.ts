import { readCompletionUsage, readServerTiming } from './completion-usage.js';
import type { OperationResult } from './types.js';
import { asRecord, nonEmptyString } from './unknown-fields.js';
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
  // One pass, building the result key by key in `definedOnly`'s order: each usage candidate is
  // read once, and no intermediate object is copied.
  const record = asRecord(body);
  const xGroq = asRecord(record?.x_groq);
  let usageSource: unknown = record?.usage;
  let usage = readCompletionUsage(usageSource);
  if (usage === undefined) {
    usageSource = xGroq?.usage;
    usage = readCompletionUsage(usageSource);
  }
  const facts: ChatCompletionFacts = {};
  const responseId = nonEmptyString(record?.id);
  if (responseId !== undefined) facts.responseId = responseId;
  const responseModel = nonEmptyString(record?.model);
  if (responseModel !== undefined) facts.responseModel = responseModel;
  const groqRequestId = nonEmptyString(xGroq?.id);
  if (groqRequestId !== undefined) facts.groqRequestId = groqRequestId;
  const serviceTier = nonEmptyString(record?.service_tier);
  if (serviceTier !== undefined) facts.serviceTier = serviceTier;
  if (usage !== undefined) {
    facts.usage = usage;
    const serverTiming = readServerTiming(usageSource);
    if (serverTiming !== undefined) facts.serverTiming = serverTiming;
  }
  const usageBreakdown =
    readUsageBreakdown(record?.usage_breakdown) ?? readUsageBreakdown(xGroq?.usage_breakdown);
  if (usageBreakdown !== undefined) facts.usageBreakdown = usageBreakdown;
  return facts;
}
