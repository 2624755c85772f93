import { field, type OperationResult, readChatCompletionFacts, stringField } from '@groqmeter/recorder';
import { finishReasonsOf } from './finish-reason.js';
import { withGroqBodyFacts } from './groq-body.js';
import { usageFromLanguageModelUsage } from './language-model-usage.js';

/**
 * The facts of a successful `doGenerate` result of any AI SDK specification: usage (all three
 * shapes, completed by Groq's raw `response.body`), finish reason, `response.id`/`response.modelId`,
 * and from the raw body the `x_groq.id`, service tier and server timings.
 */
export function generateResultFacts(generateResult: unknown): OperationResult {
  const response = field(generateResult, 'response');
  return withGroqBodyFacts(
    {
      responseId: stringField(response, 'id'),
      responseModel: stringField(response, 'modelId'),
      finishReasons: finishReasonsOf(field(generateResult, 'finishReason')),
      usage: usageFromLanguageModelUsage(field(generateResult, 'usage')),
    },
    readChatCompletionFacts(field(response, 'body')),
  );
}
