import { isRecord } from '../is-record';
import { createRandom, deriveSeed, randomWords } from '../seeded-random';
import { countPromptTokens, countTokens } from '../tokens';

/**
 * What OpenAI itself answers, in its own shapes (no `x_groq`, no Groq timings): the token counts
 * follow the Groq simulator's deterministic tokenizer so that tests can compute every cost.
 */

/** Words in every answer; each word is one simulated completion token. */
export const OPENAI_ANSWER_TOKENS = 24;
/** Reasoning tokens a reasoning model (o-series, gpt-5 family) adds to its completion tokens. */
export const OPENAI_REASONING_TOKENS = 16;

/** The dated snapshot OpenAI reports as `model` for an alias (as api.openai.com does). */
const SNAPSHOTS: Readonly<Record<string, string>> = {
  'gpt-4o': 'gpt-4o-2024-08-06',
  'gpt-4o-mini': 'gpt-4o-mini-2024-07-18',
  'gpt-4.1': 'gpt-4.1-2025-04-14',
  'gpt-4.1-mini': 'gpt-4.1-mini-2025-04-14',
  'gpt-4.1-nano': 'gpt-4.1-nano-2025-04-14',
  'gpt-5': 'gpt-5-2025-08-07',
  'gpt-5-mini': 'gpt-5-mini-2025-08-07',
  'gpt-5-nano': 'gpt-5-nano-2025-08-07',
  o3: 'o3-2025-04-16',
  'o4-mini': 'o4-mini-2025-04-16',
};

export function snapshotOf(model: string): string {
  return SNAPSHOTS[model] ?? model;
}

/** o-series and gpt-5 models think before they answer; their usage reports reasoning tokens. */
export function isReasoningModel(model: string): boolean {
  return /^(o\d|gpt-5)/.test(model);
}

/** The answer text and its completion tokens (reasoning included) for a request. */
export function answerFor(
  model: string,
  label: string | number,
): { text: string; completionTokens: number; reasoningTokens: number } {
  const words = randomWords(createRandom(deriveSeed('openai', model, label)), OPENAI_ANSWER_TOKENS);
  const reasoningTokens = isReasoningModel(model) ? OPENAI_REASONING_TOKENS : 0;
  return {
    text: `${words.join(' ')}.`,
    completionTokens: OPENAI_ANSWER_TOKENS + reasoningTokens,
    reasoningTokens,
  };
}

/** `usage` of a chat completion, as OpenAI reports it (audio tokens 0 on text calls). */
export function chatUsage(promptTokens: number, completionTokens: number, reasoningTokens: number) {
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: reasoningTokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/** Prompt tokens of a Responses API `input` (a string, or message items). */
export function responsesInputTokens(input: unknown, instructions: unknown): number {
  const messages =
    typeof input === 'string' ? [{ role: 'user', content: input }] : Array.isArray(input) ? input : [];
  const asChat = messages.map((item) =>
    isRecord(item) && Array.isArray(item.content)
      ? {
          ...item,
          content: item.content.map((part) =>
            isRecord(part) && part.type === 'input_text' ? { type: 'text', text: part.text } : part,
          ),
        }
      : item,
  );
  const system = typeof instructions === 'string' ? [{ role: 'system', content: instructions }] : [];
  return countPromptTokens([...system, ...asChat]);
}

/** `usage` of a Responses API response. */
export function responsesUsage(inputTokens: number, outputTokens: number, reasoningTokens: number) {
  return {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: reasoningTokens },
    total_tokens: inputTokens + outputTokens,
  };
}

/** Tokens of an embeddings `input`: a string or an array of strings. */
export function embeddingInputTokens(input: unknown): number {
  const texts = typeof input === 'string' ? [input] : Array.isArray(input) ? input : [];
  return texts.reduce<number>((total, text) => total + (typeof text === 'string' ? countTokens(text) : 0), 0);
}

/** Audio input tokens gpt-4o-transcribe reports: one per 100 ms of audio, rounded up. */
export function transcribeAudioTokens(seconds: number): number {
  return Math.ceil(seconds * 10);
}
