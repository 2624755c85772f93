import { type OperationResult, readChatCompletionFacts } from '@groqmeter/recorder';

/** The Groq-only facts of a response the AI SDK passes on untouched. */
export type GroqBodyFacts = Pick<
  OperationResult,
  'groqRequestId' | 'serverTiming' | 'serviceTier' | 'usage' | 'usageBreakdown'
>;

/**
 * What Groq's raw JSON carries beyond the AI SDK's normalised result: `x_groq.id`, `service_tier`,
 * the server timings of the usage (the AI SDK's `usage.raw` is schema-parsed and drops the
 * `*_time` fields), Groq's own token counts (older `@ai-sdk/groq` versions drop reasoning or
 * cached tokens) and a compound system's `usage_breakdown`. Reads a whole completion
 * (`response.body` of `doGenerate`) or one stream chunk (a `raw` part); the response id and model
 * come from the AI SDK itself.
 */
export function groqBodyFacts(body: unknown): GroqBodyFacts {
  const { responseId: _id, responseModel: _model, ...facts } = readChatCompletionFacts(body);
  return facts;
}
