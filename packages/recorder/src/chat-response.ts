import type { Usage } from '@groqmeter/pricing';
import { countBuiltInToolCalls } from './built-in-tools.js';
import { readChatCompletionFacts } from './chat-completion-facts.js';
import { chatOutputMessages } from './chat-content.js';
import type { OperationResult } from './types.js';
import { arrayField, asRecord, nonEmptyString } from './unknown-fields.js';

/**
 * The result facts of a non-streamed `ChatCompletion`: those of `readChatCompletionFacts` (ids,
 * model, service tier, usage with server timings, a compound system's breakdown), finish reasons,
 * and built-in tool calls from each choice's `message.executed_tools`. Output messages only when
 * content capture is on.
 */
export function readChatCompletion(completion: unknown, captureContent: boolean): OperationResult {
  // The facts object is fresh, so it is extended in place (same keys, same order as a spread
  // into `definedOnly`) instead of being copied twice.
  const result: OperationResult = readChatCompletionFacts(completion);
  const choices = arrayField(completion, 'choices');
  const finishReasons: string[] = [];
  let executedTools: unknown[] | undefined;
  for (const choice of choices) {
    const record = asRecord(choice);
    const reason = nonEmptyString(record?.finish_reason);
    if (reason !== undefined) finishReasons.push(reason);
    const tools = asRecord(record?.message)?.executed_tools;
    if (Array.isArray(tools) && tools.length > 0) executedTools = (executedTools ?? []).concat(tools);
  }
  if (executedTools !== undefined && result.usage !== undefined)
    result.usage = withToolCalls(result.usage, countBuiltInToolCalls(executedTools));
  if (finishReasons.length > 0) result.finishReasons = finishReasons;
  if (captureContent) result.outputMessages = chatOutputMessages(choices);
  return result;
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
