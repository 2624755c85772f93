import type { Usage } from '@groqmeter/pricing';
import type { ServerTiming } from './types.js';
import { definedOnly, field, numberField } from './unknown-fields.js';

/**
 * Read Groq's `CompletionUsage` (`usage` of a chat completion or an embedding, `x_groq.usage` of
 * the final stream chunk): tokens as reported, cached tokens from
 * `prompt_tokens_details.cached_tokens`, reasoning tokens from
 * `completion_tokens_details.reasoning_tokens`. Returns undefined when the value carries no token
 * count at all, so that a missing usage is never recorded as zero tokens.
 */
export function readCompletionUsage(value: unknown): Usage | undefined {
  const inputTokens = numberField(value, 'prompt_tokens');
  const outputTokens = numberField(value, 'completion_tokens');
  if (inputTokens === undefined && outputTokens === undefined) return undefined;
  // An Assistants run's usage spells it `prompt_token_details`.
  const promptDetails = field(value, 'prompt_tokens_details') ?? field(value, 'prompt_token_details');
  const completionDetails = field(value, 'completion_tokens_details');
  return definedOnly({
    inputTokens,
    outputTokens,
    cachedInputTokens: numberField(promptDetails, 'cached_tokens'),
    reasoningTokens: numberField(completionDetails, 'reasoning_tokens'),
    audioInputTokens: positive(numberField(promptDetails, 'audio_tokens')),
    audioOutputTokens: positive(numberField(completionDetails, 'audio_tokens')),
  });
}

/** OpenAI reports `audio_tokens: 0` on every text call; only audio that was there is usage. */
function positive(count: number | undefined): number | undefined {
  return count !== undefined && count > 0 ? count : undefined;
}

/**
 * Read the `usage` of an OpenAI transcription or translation: `{ type: "tokens", input_tokens,
 * input_token_details: { text_tokens, audio_tokens }, output_tokens }` (gpt-4o-transcribe and
 * its kin, billed per token) or `{ type: "duration", seconds }` (whisper-1, billed per time).
 * Undefined when the answer has no such usage (Groq's answers, `text` responses).
 */
export function readTranscriptionUsage(value: unknown): Usage | undefined {
  const type = field(value, 'type');
  if (type === 'duration') {
    const audioSeconds = numberField(value, 'seconds');
    return audioSeconds === undefined ? undefined : { audioSeconds };
  }
  if (type !== 'tokens') return undefined;
  const inputTokens = numberField(value, 'input_tokens');
  const outputTokens = numberField(value, 'output_tokens');
  if (inputTokens === undefined && outputTokens === undefined) return undefined;
  return definedOnly({
    inputTokens,
    outputTokens,
    audioInputTokens: positive(numberField(field(value, 'input_token_details'), 'audio_tokens')),
  });
}

/**
 * Groq's server timings in seconds (`queue_time`, `prompt_time`, `completion_time`,
 * `total_time`) from a `CompletionUsage` or any object with those fields; undefined when none is there.
 */
export function readServerTiming(value: unknown): ServerTiming | undefined {
  const timing: ServerTiming = definedOnly({
    queueTime: numberField(value, 'queue_time'),
    promptTime: numberField(value, 'prompt_time'),
    completionTime: numberField(value, 'completion_time'),
    totalTime: numberField(value, 'total_time'),
  });
  return Object.keys(timing).length > 0 ? timing : undefined;
}

/**
 * Read the usage of a Responses API response (`response.usage`): `input_tokens` (cached
 * included) with `input_tokens_details.cached_tokens`, `output_tokens` (reasoning included) with
 * `output_tokens_details.reasoning_tokens`. Undefined when it carries no token count.
 */
export function readResponsesUsage(value: unknown): Usage | undefined {
  const inputTokens = numberField(value, 'input_tokens');
  const outputTokens = numberField(value, 'output_tokens');
  if (inputTokens === undefined && outputTokens === undefined) return undefined;
  return definedOnly({
    inputTokens,
    outputTokens,
    cachedInputTokens: numberField(field(value, 'input_tokens_details'), 'cached_tokens'),
    reasoningTokens: numberField(field(value, 'output_tokens_details'), 'reasoning_tokens'),
  });
}
