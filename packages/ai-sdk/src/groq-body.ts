import type { Usage } from '@groqmeter/pricing';
import type { ChatCompletionFacts, OperationResult } from '@groqmeter/recorder';
import { mergedUsage } from './language-model-usage.js';

/** What the AI SDK itself reports of a model call, each fact undefined when it does not. */
export interface NormalisedFacts {
  responseId: string | undefined;
  responseModel: string | undefined;
  finishReasons: string[] | undefined;
  usage: Usage | undefined;
}

/**
 * The facts of a model call, built in one object: the AI SDK's normalised ones, completed by what
 * Groq's raw JSON carries beyond them (`readChatCompletionFacts` of a whole completion, the
 * `response.body` of `doGenerate`, or of a stream's raw chunks): `x_groq.id`, `service_tier`,
 * the server timings of the usage (the AI SDK's `usage.raw` is schema-parsed and drops the
 * `*_time` fields), Groq's own token counts (older `@ai-sdk/groq` versions drop reasoning or
 * cached tokens; they win field by field) and a compound system's `usage_breakdown`. The response
 * id and model come from the AI SDK alone. Undefined facts are left out.
 */
export function withGroqBodyFacts(normalised: NormalisedFacts, body: ChatCompletionFacts): OperationResult {
  const result: OperationResult = {};
  if (normalised.responseId !== undefined) result.responseId = normalised.responseId;
  if (normalised.responseModel !== undefined) result.responseModel = normalised.responseModel;
  if (normalised.finishReasons !== undefined) result.finishReasons = normalised.finishReasons;
  if (body.groqRequestId !== undefined) result.groqRequestId = body.groqRequestId;
  if (body.serviceTier !== undefined) result.serviceTier = body.serviceTier;
  if (body.serverTiming !== undefined) result.serverTiming = body.serverTiming;
  if (body.usageBreakdown !== undefined) result.usageBreakdown = body.usageBreakdown;
  const usage = mergedUsage(normalised.usage, body.usage);
  if (usage !== undefined) result.usage = usage;
  return result;
}
