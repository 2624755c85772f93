import { type GroqErrorResponse, invalidRequest } from './groq-errors';
import { isRecord } from './is-record';

/** The built-in tools the Responses API runs on Groq's side (Groq's responses-api docs). */
export const RESPONSES_BUILT_IN_TOOLS = ['code_interpreter', 'browser_search', 'mcp'] as const;
export type ResponsesBuiltInTool = (typeof RESPONSES_BUILT_IN_TOOLS)[number];

/** A built-in tool the request offers, with the fields its output item echoes. */
export interface OfferedBuiltInTool {
  type: ResponsesBuiltInTool;
  /** `server_label` of an `mcp` tool. */
  serverLabel?: string;
}

/** A Responses API request translated into the chat completion body the answer is built from. */
export interface ResponsesRequest {
  chatBody: Record<string, unknown>;
  builtInTools: OfferedBuiltInTool[];
  /** The `tools` array as sent, echoed in the response object. */
  tools: unknown[];
  stream: boolean;
  instructions: string | null;
  maxOutputTokens: number | null;
  reasoningEffort: string | null;
  /** The topic a built-in tool searches for: the start of the last user text. */
  topic: string;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; error: GroqErrorResponse };

/**
 * Reads `POST /responses`: `input` (a string, or message and function-call items), `instructions`,
 * `tools` (function tools and the built-in ones), `max_output_tokens`, `reasoning.effort`,
 * `stream`. Groq keeps no conversation state, so `previous_response_id` is refused as Groq does.
 */
export function parseResponsesRequest(body: unknown): Parsed<ResponsesRequest> {
  if (!isRecord(body)) return fail('The request body must be a JSON object.');
  if (body.input === undefined) return fail("property 'input' is missing");
  if (body.previous_response_id !== undefined && body.previous_response_id !== null) {
    return fail('previous_response_id is not supported; send the whole conversation as input.');
  }
  const messages: Record<string, unknown>[] = [];
  if (typeof body.instructions === 'string') messages.push({ role: 'system', content: body.instructions });
  const input = inputMessages(body.input);
  if (!input.ok) return input;
  messages.push(...input.value);

  const tools = Array.isArray(body.tools) ? body.tools : [];
  const functionTools: unknown[] = [];
  const builtInTools: OfferedBuiltInTool[] = [];
  for (const [index, tool] of tools.entries()) {
    if (!isRecord(tool) || typeof tool.type !== 'string')
      return fail(`'tools.${index}' : property 'type' is missing`);
    if (tool.type === 'function') {
      functionTools.push({
        type: 'function',
        function: { name: tool.name, description: tool.description, parameters: tool.parameters },
      });
    } else if ((RESPONSES_BUILT_IN_TOOLS as readonly string[]).includes(tool.type)) {
      const offered: OfferedBuiltInTool = { type: tool.type as ResponsesBuiltInTool };
      if (typeof tool.server_label === 'string') offered.serverLabel = tool.server_label;
      builtInTools.push(offered);
    } else {
      return fail(
        `'tools.${index}.type' : \`${tool.type}\` is not supported; use function, ${RESPONSES_BUILT_IN_TOOLS.join(', ')}.`,
      );
    }
  }
  const reasoning =
    isRecord(body.reasoning) && typeof body.reasoning.effort === 'string' ? body.reasoning.effort : null;
  const maxOutputTokens = typeof body.max_output_tokens === 'number' ? body.max_output_tokens : null;
  const chatBody: Record<string, unknown> = { model: body.model, messages };
  if (functionTools.length > 0) chatBody.tools = functionTools;
  if (body.tool_choice !== undefined) chatBody.tool_choice = toolChoiceOf(body.tool_choice);
  if (maxOutputTokens !== null) chatBody.max_completion_tokens = maxOutputTokens;
  if (reasoning !== null) chatBody.reasoning_effort = reasoning;
  if (typeof body.service_tier === 'string') chatBody.service_tier = body.service_tier;
  return {
    ok: true,
    value: {
      chatBody,
      builtInTools,
      tools,
      stream: body.stream === true,
      instructions: typeof body.instructions === 'string' ? body.instructions : null,
      maxOutputTokens,
      reasoningEffort: reasoning,
      topic: topicOf(messages),
    },
  };
}

function fail(message: string): { ok: false; error: GroqErrorResponse } {
  return { ok: false, error: invalidRequest(message) };
}

function inputMessages(input: unknown): Parsed<Record<string, unknown>[]> {
  if (typeof input === 'string') return { ok: true, value: [{ role: 'user', content: input }] };
  if (!Array.isArray(input) || input.length === 0)
    return fail("'input' : expected a string or a non-empty array");
  const messages: Record<string, unknown>[] = [];
  for (const [index, item] of input.entries()) {
    if (!isRecord(item)) return fail(`'input.${index}' : expected an object`);
    if (item.type === 'function_call_output') {
      messages.push({ role: 'tool', tool_call_id: item.call_id, content: String(item.output ?? '') });
    } else if (item.type === 'function_call') {
      messages.push({
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: item.call_id, type: 'function', function: { name: item.name, arguments: item.arguments } },
        ],
      });
    } else if (typeof item.role === 'string') {
      messages.push({ role: item.role, content: textOf(item.content) });
    } else {
      return fail(`'input.${index}' : expected a message or a function_call_output item`);
    }
  }
  return { ok: true, value: messages };
}

/** The text of a message's content: a string, or its `input_text` / `output_text` parts joined. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : '')).join('');
}

function toolChoiceOf(choice: unknown): unknown {
  if (isRecord(choice) && choice.type === 'function' && typeof choice.name === 'string') {
    return { type: 'function', function: { name: choice.name } };
  }
  return choice;
}

function topicOf(messages: Record<string, unknown>[]): string {
  const last = [...messages].reverse().find((m) => m.role === 'user');
  return typeof last?.content === 'string' && last.content !== ''
    ? last.content.slice(0, 40)
    : 'the question';
}
