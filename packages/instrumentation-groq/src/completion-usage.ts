import type { Usage } from '@groqmeter/pricing';
import type { ServerTiming } from '@groqmeter/recorder';
import { field, numberField } from './internal-types.js';

/** Token usage and server timings read from one Groq `CompletionUsage` object. */
export interface CompletionUsageFacts {
  usage: Usage;
  serverTiming: ServerTiming | undefined;
}

/**
 * Read Groq's `CompletionUsage` (`usage` of a chat completion, `x_groq.usage` of the final stream
 * chunk, `usage` of an embedding): tokens as reported, cached tokens from
 * `prompt_tokens_details.cached_tokens`, reasoning tokens from
 * `completion_tokens_details.reasoning_tokens`, and the `*_time` fields in seconds. Returns
 * undefined when the value carries no token count at all, so that a missing usage is never
 * recorded as zero tokens.
 */
export function readCompletionUsage(value: unknown): CompletionUsageFacts | undefined {
  const inputTokens = numberField(value, 'prompt_tokens');
  const outputTokens = numberField(value, 'completion_tokens');
  if (inputTokens === undefined && outputTokens === undefined) return undefined;
  const usage: Usage = definedOnly({
    inputTokens,
    outputTokens,
    cachedInputTokens: numberField(field(value, 'prompt_tokens_details'), 'cached_tokens'),
    reasoningTokens: numberField(field(value, 'completion_tokens_details'), 'reasoning_tokens'),
  });
  const serverTiming: ServerTiming = definedOnly({
    queueTime: numberField(value, 'queue_time'),
    promptTime: numberField(value, 'prompt_time'),
    completionTime: numberField(value, 'completion_time'),
    totalTime: numberField(value, 'total_time'),
  });
  return { usage, serverTiming: Object.keys(serverTiming).length > 0 ? serverTiming : undefined };
}

/** A copy of `value` without its `undefined` properties, so `toEqual` and spreads stay exact. */
export function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
