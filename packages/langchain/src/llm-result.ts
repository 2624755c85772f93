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
  // A fresh object of defined fields: completed in place rather than copied again.
  const facts: OperationResult = readChatCompletionFacts(metadata);
  const responseModel = facts.responseModel ?? stringField(metadata, 'model_name');
  if (responseModel !== undefined) facts.responseModel = responseModel;
  const finishReasons = finishReasonsOf(generations);
  if (finishReasons !== undefined) facts.finishReasons = finishReasons;
  const usage =
    facts.usage ??
    usageFromUsageMetadata(field(message, 'usage_metadata')) ??
    usageFromTokenUsage(field(field(output, 'llmOutput'), 'tokenUsage')) ??
    usageFromUsageMetadata(field(metadata, 'usage'));
  if (usage !== undefined) facts.usage = usage;
  const serverTiming = facts.serverTiming ?? readServerTiming(field(metadata, 'timing'));
  if (serverTiming !== undefined) facts.serverTiming = serverTiming;
  return facts;
}

/** One finish reason per generation that has one (`generationInfo`, else the message's metadata). */
function finishReasonsOf(generations: unknown[]): string[] | undefined {
  const reasons: string[] = [];
  for (const generation of generations) {
    const reason =
      stringField(field(generation, 'generationInfo'), 'finish_reason') ??
      stringField(field(field(generation, 'message'), 'response_metadata'), 'finish_reason');
    if (reason !== undefined) reasons.push(reason);
  }
  return reasons.length > 0 ? reasons : undefined;
}
