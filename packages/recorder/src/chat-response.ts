import type { Usage } from '@groqmeter/pricing';
import { countBuiltInToolCalls } from './built-in-tools.js';
import { readChatCompletionFacts } from './chat-completion-facts.js';
import { chatOutputMessages } from './chat-content.js';
import type { OperationResult } from './types.js';
import { arrayField, definedOnly, field, stringField } from './unknown-fields.js';

/**
 * The result facts of a non-streamed `ChatCompletion`: those of `readChatCompletionFacts` (ids,
 * model, service tier, usage with server timings, a compound system's breakdown), finish reasons,
 * and built-in tool calls from each choice's `message.executed_tools`. Output messages only when
 * content capture is on.
 */
export function readChatCompletion(completion: unknown, captureContent: boolean): OperationResult {
  const choices = arrayField(completion, 'choices');
  const finishReasons = choices
    .map((choice) => stringField(choice, 'finish_reason'))
    .filter((reason): reason is string => reason !== undefined);
  const toolCalls = countBuiltInToolCalls(
    choices.flatMap((choice) => arrayField(field(choice, 'message'), 'executed_tools')),
  );
  const facts = readChatCompletionFacts(completion);
  return definedOnly({
    ...facts,
    finishReasons: finishReasons.length > 0 ? finishReasons : undefined,
    usage: withToolCalls(facts.usage, toolCalls),
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
