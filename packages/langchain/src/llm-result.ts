import type { Usage } from '@groqmeter/pricing';
import type { OperationResult } from '@groqmeter/recorder';
import { readCompletionUsage, readServerTiming } from './completion-usage.js';
import { definedOnly, field, numberField, stringField } from './unknown-fields.js';

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
 * Usage and server timings of a ChatGroq run, from the most exact source present:
 * 1. Groq's raw `CompletionUsage`, which ChatGroq keeps in `response_metadata`: `x_groq.usage`
 *    (streamed: the raw last chunk) or `usage` with `prompt_tokens` (non-streamed: the raw
 *    response). These fields come from one raw chunk only, so LangChain's chunk merging, which
 *    adds up numbers, cannot have doubled them.
 * 2. `message.usage_metadata` (non-streamed ChatGroq and other paths).
 * 3. `llmOutput.tokenUsage`.
 * 4. `response_metadata.usage.input_tokens`/`output_tokens`, ChatGroq's streamed copy of
 *    `x_groq.usage`.
 * Timings come from the raw usage, else from ChatGroq's streamed `response_metadata.timing`.
 */
function usageAndTiming(
  message: unknown,
  llmOutput: unknown,
): Pick<OperationResult, 'usage' | 'serverTiming'> {
  const metadata = field(message, 'response_metadata');
  const raw =
    readCompletionUsage(field(field(metadata, 'x_groq'), 'usage')) ??
    readCompletionUsage(field(metadata, 'usage'));
  const usage =
    raw?.usage ??
    usageFromUsageMetadata(field(message, 'usage_metadata')) ??
    usageFromTokenUsage(field(llmOutput, 'tokenUsage')) ??
    usageFromUsageMetadata(field(metadata, 'usage'));
  return definedOnly({
    usage,
    serverTiming: raw?.serverTiming ?? readServerTiming(field(metadata, 'timing')),
  });
}

/**
 * The facts of a finished ChatGroq run (`handleLLMEnd`'s `LLMResult`): usage, server timings,
 * response model (`response_metadata.model`, streamed `model_name`), response id, `x_groq.id`,
 * service tier and one finish reason per generation.
 */
export function llmResultFacts(output: unknown): OperationResult {
  const generations = firstGenerations(output);
  const message = field(generations[0], 'message');
  const metadata = field(message, 'response_metadata');
  const finishReasons = generations
    .map(
      (generation) =>
        stringField(field(generation, 'generationInfo'), 'finish_reason') ??
        stringField(field(field(generation, 'message'), 'response_metadata'), 'finish_reason'),
    )
    .filter((reason): reason is string => reason !== undefined);
  return definedOnly({
    responseModel: stringField(metadata, 'model') ?? stringField(metadata, 'model_name'),
    responseId: stringField(metadata, 'id'),
    groqRequestId: stringField(field(metadata, 'x_groq'), 'id'),
    serviceTier: stringField(metadata, 'service_tier'),
    finishReasons: finishReasons.length > 0 ? finishReasons : undefined,
    ...usageAndTiming(message, field(output, 'llmOutput')),
  });
}
