import { definedOnly, field, type OperationResult, stringField } from '@groqmeter/recorder';
import { finishReasonsOf } from './finish-reason.js';
import { groqBodyFacts } from './groq-body.js';
import { mergedUsage, usageFromLanguageModelUsage } from './language-model-usage.js';

/**
 * The facts of a successful `doGenerate` result of any AI SDK specification: usage (all three
 * shapes, completed by Groq's raw `response.body`), finish reason, `response.id`/`response.modelId`,
 * and from the raw body the `x_groq.id`, service tier and server timings.
 */
export function generateResultFacts(generateResult: unknown): OperationResult {
  const response = field(generateResult, 'response');
  const body = groqBodyFacts(field(response, 'body'));
  return definedOnly({
    responseId: stringField(response, 'id'),
    responseModel: stringField(response, 'modelId'),
    finishReasons: finishReasonsOf(field(generateResult, 'finishReason')),
    ...body,
    usage: mergedUsage(usageFromLanguageModelUsage(field(generateResult, 'usage')), body.usage),
  });
}
