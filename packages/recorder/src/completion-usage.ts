import type { Usage } from '@groqmeter/pricing';
import type { ServerTiming } from './types.js';
import { asRecord, definedOnly, field, finiteNumber, numberField } from './unknown-fields.js';

/**
 * Read Groq's `CompletionUsage` (`usage` of a chat completion or an embedding, `x_groq.usage` of
 * the final stream chunk): tokens as reported, cached tokens from
 * `prompt_tokens_details.cached_tokens`, reasoning tokens from
 * `completion_tokens_details.reasoning_tokens`. Returns undefined when the value carries no token
 * count at all, so that a missing usage is never recorded as zero tokens.
 */
export function readCompletionUsage(value: unknown): Usage | undefined {
  // Read with named loads and built key by key (no `definedOnly` copy): this runs on every
  // chat completion and every compound breakdown entry.
  const record = asRecord(value);
  const inputTokens = finiteNumber(record?.prompt_tokens);
  const outputTokens = finiteNumber(record?.completion_tokens);
  if (inputTokens === undefined && outputTokens === undefined) return undefined;
  // An Assistants run's usage spells it `prompt_token_details`.
  const promptDetails = asRecord(record?.prompt_tokens_details ?? record?.prompt_token_details);
  const completionDetails = asRecord(record?.completion_tokens_details);
  const usage: Usage = {};
  if (inputTokens !== undefined) usage.inputTokens = inputTokens;
  if (outputTokens !== undefined) usage.outputTokens = outputTokens;
  if (promptDetails === undefined && completionDetails === undefined) return usage;
  const cachedInputTokens = finiteNumber(promptDetails?.cached_tokens);
  if (cachedInputTokens !== undefined) usage.cachedInputTokens = cachedInputTokens;
  const reasoningTokens = finiteNumber(completionDetails?.reasoning_tokens);
  if (reasoningTokens !== undefined) usage.reasoningTokens = reasoningTokens;
  const audioInputTokens = positive(finiteNumber(promptDetails?.audio_tokens));
  if (audioInputTokens !== undefined) usage.audioInputTokens = audioInputTokens;
  const audioOutputTokens = positive(finiteNumber(completionDetails?.audio_tokens));
  if (audioOutputTokens !== undefined) usage.audioOutputTokens = audioOutputTokens;
  return usage;
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
  const record = asRecord(value);
  const queueTime = finiteNumber(record?.queue_time);
  const promptTime = finiteNumber(record?.prompt_time);
  const completionTime = finiteNumber(record?.completion_time);
  const totalTime = finiteNumber(record?.total_time);
  if (
    queueTime === undefined &&
    promptTime === undefined &&
    completionTime === undefined &&
    totalTime === undefined
  )
    return undefined;
  const timing: ServerTiming = {};
  if (queueTime !== undefined) timing.queueTime = queueTime;
  if (promptTime !== undefined) timing.promptTime = promptTime;
  if (completionTime !== undefined) timing.completionTime = completionTime;
  if (totalTime !== undefined) timing.totalTime = totalTime;
  return timing;
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
