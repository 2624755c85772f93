import { type GroqErrorResponse, invalidRequest } from './groq-errors';
import { isRecord } from './is-record';
import type { ReasoningFormat } from './types';

/** The parts of a chat completion request the simulator acts on. */
export interface ChatRequest {
  model: string;
  messages: Record<string, unknown>[];
  stream: boolean;
  includeUsage: boolean;
  /** The function tools offered. */
  tools: FunctionTool[];
  /** The `tools` array as sent (every type), which counts towards the prompt tokens. */
  toolDefinitions: unknown[];
  toolChoice: 'none' | 'auto' | 'required' | { name: string };
  responseFormat: { type: 'text' } | { type: 'json_object' } | { type: 'json_schema'; schema: unknown };
  reasoningFormat?: ReasoningFormat;
  reasoningEffort?: string;
  maxTokens?: number;
  serviceTier: string;
}

export interface FunctionTool {
  name: string;
  parameters: unknown;
}

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function']);
const REASONING_FORMATS = new Set<string>(['parsed', 'raw', 'hidden']);
const SERVICE_TIERS = new Set(['auto', 'on_demand', 'flex', 'performance']);

type Parsed<T> = { ok: true; value: T } | { ok: false; error: GroqErrorResponse };

const fail = (message: string, code?: string): { ok: false; error: GroqErrorResponse } => ({
  ok: false,
  error: invalidRequest(message, code),
});

/** Validates a parsed chat completion body the way Groq's API does, with Groq-style 400s. */
export function parseChatRequest(body: unknown): Parsed<ChatRequest> {
  if (!isRecord(body)) return fail('The request body must be a JSON object.');
  const model = body.model;
  if (model === undefined || model === null) return fail("property 'model' is missing");
  if (typeof model !== 'string' || model.trim() === '')
    return fail("'model' : value must be a non-empty string");
  const messages = body.messages;
  if (messages === undefined) return fail("property 'messages' is missing");
  if (!Array.isArray(messages) || messages.length === 0)
    return fail("'messages' : minimum number of items is 1");
  for (const [index, message] of messages.entries()) {
    if (!isRecord(message) || typeof message.role !== 'string' || !ROLES.has(message.role)) {
      return fail(
        `'messages.${index}' : discriminator property 'role' has invalid value; expected one of ${[...ROLES].join(', ')}`,
      );
    }
  }
  if (body.n !== undefined && body.n !== null && body.n !== 1) return fail("'n' : number must be at most 1");

  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  if (
    maxTokens !== undefined &&
    maxTokens !== null &&
    !(Number.isInteger(maxTokens) && Number(maxTokens) >= 1)
  ) {
    return fail("'max_completion_tokens' : number must be at least 1");
  }
  const reasoningFormat = body.reasoning_format;
  if (
    reasoningFormat != null &&
    (typeof reasoningFormat !== 'string' || !REASONING_FORMATS.has(reasoningFormat))
  ) {
    return fail("'reasoning_format' : value must be one of 'parsed', 'raw', 'hidden'");
  }
  const serviceTier = body.service_tier ?? 'on_demand';
  if (typeof serviceTier !== 'string' || !SERVICE_TIERS.has(serviceTier)) {
    return fail("'service_tier' : value must be one of 'auto', 'on_demand', 'flex', 'performance'");
  }
  const tools = parseTools(body.tools);
  if (!tools.ok) return tools;
  const toolChoice = parseToolChoice(body.tool_choice, tools.value);
  if (!toolChoice.ok) return toolChoice;
  const responseFormat = parseResponseFormat(body.response_format);
  if (!responseFormat.ok) return responseFormat;

  const request: ChatRequest = {
    model,
    messages: messages as Record<string, unknown>[],
    stream: body.stream === true,
    includeUsage: isRecord(body.stream_options) && body.stream_options.include_usage === true,
    tools: tools.value,
    toolDefinitions: Array.isArray(body.tools) ? body.tools : [],
    toolChoice: toolChoice.value,
    responseFormat: responseFormat.value,
    serviceTier: serviceTier === 'auto' ? 'on_demand' : serviceTier,
  };
  if (typeof reasoningFormat === 'string') request.reasoningFormat = reasoningFormat as ReasoningFormat;
  else if (body.include_reasoning === false) request.reasoningFormat = 'hidden';
  if (typeof body.reasoning_effort === 'string') request.reasoningEffort = body.reasoning_effort;
  if (typeof maxTokens === 'number') request.maxTokens = maxTokens;
  return { ok: true, value: request };
}

function parseTools(tools: unknown): Parsed<FunctionTool[]> {
  if (tools === undefined || tools === null) return { ok: true, value: [] };
  if (!Array.isArray(tools)) return fail("'tools' : value must be an array");
  const functions: FunctionTool[] = [];
  for (const [index, tool] of tools.entries()) {
    if (!isRecord(tool) || typeof tool.type !== 'string')
      return fail(`'tools.${index}' : property 'type' is missing`);
    if (tool.type !== 'function') continue;
    if (!isRecord(tool.function) || typeof tool.function.name !== 'string') {
      return fail(`'tools.${index}.function' : property 'name' is missing`);
    }
    functions.push({ name: tool.function.name, parameters: tool.function.parameters ?? { type: 'object' } });
  }
  return { ok: true, value: functions };
}

function parseToolChoice(choice: unknown, tools: FunctionTool[]): Parsed<ChatRequest['toolChoice']> {
  if (choice === undefined || choice === null) return { ok: true, value: 'auto' };
  if (choice === 'none' || choice === 'auto' || choice === 'required') return { ok: true, value: choice };
  if (isRecord(choice) && isRecord(choice.function) && typeof choice.function.name === 'string') {
    const name = choice.function.name;
    if (!tools.some((tool) => tool.name === name)) {
      return fail(`Tool choice '${name}' is not one of the provided tools.`, 'tool_choice_not_found');
    }
    return { ok: true, value: { name } };
  }
  return fail(
    "'tool_choice' : value must be 'none', 'auto', 'required' or {type:'function',function:{name}}",
  );
}

function parseResponseFormat(format: unknown): Parsed<ChatRequest['responseFormat']> {
  if (format === undefined || format === null) return { ok: true, value: { type: 'text' } };
  if (!isRecord(format)) return fail("'response_format' : value must be an object");
  if (format.type === 'text' || format.type === 'json_object')
    return { ok: true, value: { type: format.type } };
  if (format.type === 'json_schema') {
    if (!isRecord(format.json_schema))
      return fail("'response_format.json_schema' : property 'json_schema' is missing");
    return { ok: true, value: { type: 'json_schema', schema: format.json_schema.schema ?? {} } };
  }
  return fail("'response_format.type' : value must be one of 'text', 'json_object', 'json_schema'");
}
