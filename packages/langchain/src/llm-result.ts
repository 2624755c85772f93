import type { Usage } from '@groqmeter/pricing';
import {
  definedOnly,
  field,
  numberField,
  type OperationResult,
  readChatCompletionFacts,
  readServerTiming,
  stringField,
} from '@groqmeter/recorder';

function firstGenerations(output: unknown): unknown[] {
  const generations = field(output, 'generations');
  const first = Array.isArray(generations) ? generations[0] : undefined;
  return Array.isArray(first) ? first : [];
}

/** LangChain's `usage_metadata` (`input_tokens`, `output_tokens`, token details). */
function usageFromUsageMetadata(usageMetadata: unknown): Usage | undefined {
  const inputTokens = numberField(usageMetadata, 'input_tokens');
  const outputTokens = numberField(usageMetadata, 'output_tokens');
  if (inputTokens === undefined && outputTokens === undefined) return undefined;
  return definedOnly({
    inputTokens,
    outputTokens,
    cachedInputTokens: numberField(field(usageMetadata, 'input_token_details'), 'cache_read'),
    reasoningTokens: numberField(field(usageMetadata, 'output_token_details'), 'reasoning'),
  });
}

/** `llmOutput.tokenUsage` (`promptTokens`, `completionTokens`). */
function usageFromTokenUsage(tokenUsage: unknown): Usage | undefined {
  const inputTokens = numberField(tokenUsage, 'promptTokens');
  const outputTokens = numberField(tokenUsage, 'completionTokens');
  if (inputTokens === undefined && outputTokens === undefined) return undefined;
  return definedOnly({ inputTokens, outputTokens });
}

/**
 * The facts of a finished ChatGroq run (`handleLLMEnd`'s `LLMResult`), from the raw Groq fields
 * ChatGroq keeps in `response_metadata` (`readChatCompletionFacts`: id, model, `x_groq.id`,
 * service tier, usage, timings, compound breakdown), one finish reason per generation, and these
 * fallbacks:
 * - the model: streamed `model_name`;
 * - the usage, when no raw `CompletionUsage` is there (`x_groq.usage` of the raw last chunk when
 *   streamed, `usage` with `prompt_tokens` when not): `message.usage_metadata`, then
 *   `llmOutput.tokenUsage`, then `response_metadata.usage.input_tokens`/`output_tokens`
 *   (ChatGroq's streamed copy of `x_groq.usage`). The raw fields come from one chunk only, so
 *   LangChain's chunk merging, which adds up numbers, cannot have doubled them;
 * - the timings: ChatGroq's streamed `response_metadata.timing`.
 */
export function llmResultFacts(output: unknown): OperationResult {
  const generations = firstGenerations(output);
  const message = field(generations[0], 'message');
  const metadata = field(message, 'response_metadata');
  const raw = readChatCompletionFacts(metadata);
  const finishReasons = generations
    .map(
      (generation) =>
        stringField(field(generation, 'generationInfo'), 'finish_reason') ??
        stringField(field(field(generation, 'message'), 'response_metadata'), 'finish_reason'),
    )
    .filter((reason): reason is string => reason !== undefined);
  return definedOnly({
    ...raw,
    responseModel: raw.responseModel ?? stringField(metadata, 'model_name'),
    finishReasons: finishReasons.length > 0 ? finishReasons : undefined,
    usage:
      raw.usage ??
      usageFromUsageMetadata(field(message, 'usage_metadata')) ??
      usageFromTokenUsage(field(field(output, 'llmOutput'), 'tokenUsage')) ??
      usageFromUsageMetadata(field(metadata, 'usage')),
    serverTiming: raw.serverTiming ?? readServerTiming(field(metadata, 'timing')),
  });
}
