import type { Usage } from '@groqmeter/pricing';
import type { OperationResult } from '@groqmeter/recorder';
import { countBuiltInToolCalls } from './built-in-tools.js';
import { chatOutputMessages } from './chat-content.js';
import { definedOnly, readCompletionUsage } from './completion-usage.js';
import { arrayField, field, stringField } from './internal-types.js';

/**
 * The result facts of a non-streamed `ChatCompletion`: id, model, finish reasons, `x_groq.id`,
 * service tier, usage with server timings, and built-in tool calls from each choice's
 * `message.executed_tools` (compound systems). Output messages only when content capture is on.
 */
export function readChatCompletion(completion: unknown, captureContent: boolean): OperationResult {
  const choices = arrayField(completion, 'choices');
  const finishReasons = choices
    .map((choice) => stringField(choice, 'finish_reason'))
    .filter((reason): reason is string => reason !== undefined);
  const toolCalls = countBuiltInToolCalls(
    choices.flatMap((choice) => arrayField(field(choice, 'message'), 'executed_tools')),
  );
  const completionUsage = readCompletionUsage(field(completion, 'usage'));
  return definedOnly({
    responseId: stringField(completion, 'id'),
    responseModel: stringField(completion, 'model'),
    groqRequestId: stringField(field(completion, 'x_groq'), 'id'),
    finishReasons: finishReasons.length > 0 ? finishReasons : undefined,
    serviceTier: stringField(completion, 'service_tier'),
    usage: withToolCalls(completionUsage?.usage, toolCalls),
    serverTiming: completionUsage?.serverTiming,
    outputMessages: captureContent ? chatOutputMessages(choices) : undefined,
  });
}

/**
 * Add built-in tool calls to a usage. Without token usage the operation stays "usage missing":
 * tool calls alone would make it look completely counted.
 */
export function withToolCalls(
  usage: Usage | undefined,
  toolCalls: Record<string, number> | undefined,
): Usage | undefined {
  if (usage === undefined || toolCalls === undefined) return usage;
  return { ...usage, toolCalls };
}
