import { readResponsesUsage } from './completion-usage.js';
import type { OperationResult } from './types.js';
import { arrayField, definedOnly, field, stringField } from './unknown-fields.js';

/**
 * Output item types of the Responses API that are Groq built-in tools, and the catalogue tool id
 * each is billed under. `mcp_call` is not here: a remote MCP server is the user's, and Groq bills
 * only the tokens around it.
 */
const TOOL_ID_BY_OUTPUT_TYPE: Readonly<Record<string, string>> = {
  code_interpreter_call: 'code_execution',
  web_search_call: 'browser_search',
};

/** Built-in tool calls by catalogue tool id from a response's `output` items; undefined when none ran. */
export function countResponseToolCalls(output: readonly unknown[]): Record<string, number> | undefined {
  const counts: Record<string, number> = {};
  for (const item of output) {
    const type = stringField(item, 'type');
    const tool = type === undefined ? undefined : TOOL_ID_BY_OUTPUT_TYPE[type];
    if (tool !== undefined) counts[tool] = (counts[tool] ?? 0) + 1;
  }
  return Object.keys(counts).length > 0 ? counts : undefined;
}

/**
 * The result facts of a Responses API `Response` object (`responses.create` without streaming,
 * or the `response` of a stream's `response.completed`, `response.incomplete` or
 * `response.failed` event): id, model, service tier, status as the finish reason, and usage with
 * the built-in tool calls of its output items.
 */
export function readResponseFacts(response: unknown): OperationResult {
  const usage = readResponsesUsage(field(response, 'usage'));
  const toolCalls = countResponseToolCalls(arrayField(response, 'output'));
  const status = stringField(response, 'status');
  return definedOnly({
    responseId: stringField(response, 'id'),
    responseModel: stringField(response, 'model'),
    serviceTier: stringField(response, 'service_tier'),
    finishReasons: status === undefined ? undefined : [status],
    usage: usage === undefined ? undefined : definedOnly({ ...usage, toolCalls }),
  });
}
