/** The AI SDK's unified finish reasons, spelled the way Groq (and groq-sdk telemetry) spells them. */
const GROQ_SPELLING: Record<string, string> = {
  'tool-calls': 'tool_calls',
  'content-filter': 'content_filter',
};

/**
 * `gen_ai.response.finish_reasons` of a call: Groq's own value when the AI SDK kept it (spec v3+
 * `{ unified, raw }`), else the unified value (spec v2 is a plain string) in Groq's spelling, so
 * that every adapter reports `tool_calls`, not `tool-calls`.
 */
export function finishReasonsOf(finishReason: unknown): string[] | undefined {
  if (typeof finishReason === 'string') return [GROQ_SPELLING[finishReason] ?? finishReason];
  if (typeof finishReason !== 'object' || finishReason === null) return undefined;
  const { raw, unified } = finishReason as { raw?: unknown; unified?: unknown };
  if (typeof raw === 'string') return [raw];
  return typeof unified === 'string' ? [GROQ_SPELLING[unified] ?? unified] : undefined;
}
