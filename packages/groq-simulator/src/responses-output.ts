import { type ChatAnswer, toolArgumentPieces } from './chat-answer';
import type { OfferedBuiltInTool, ResponsesRequest } from './responses-request';
import type { IdSequence } from './runtime';

/** The Responses API `usage` object. */
export interface ResponsesUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

/** Everything one response contains, final and streamed. */
export interface ResponsesPlan {
  id: string;
  createdAt: number;
  model: string;
  serviceTier: string;
  request: ResponsesRequest;
  answer: ChatAnswer;
  usage: ResponsesUsage;
  /** Output items with their ids, in order. */
  items: Record<string, unknown>[];
}

/** Stats key of each built-in tool's call: the request's tool type. */
export function toolCallTypes(plan: ResponsesPlan): string[] {
  return plan.request.builtInTools.map((tool) => tool.type);
}

/**
 * The output items of an answer: the reasoning (gpt-oss `parsed`), one call item per built-in
 * tool offered (an `mcp` tool lists the server's tools, then calls one), then the function calls
 * or the assistant message.
 */
export function outputItems(
  request: ResponsesRequest,
  answer: ChatAnswer,
  ids: IdSequence,
): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  if (answer.reasoning !== undefined) {
    items.push({
      id: ids.itemId('rs'),
      type: 'reasoning',
      summary: [],
      content: [{ type: 'reasoning_text', text: answer.reasoning }],
    });
  }
  for (const tool of request.builtInTools) items.push(...builtInToolItems(tool, request.topic, ids));
  for (const call of answer.toolCalls) {
    items.push({
      id: ids.itemId('fc'),
      type: 'function_call',
      status: 'completed',
      call_id: call.id,
      name: call.name,
      arguments: call.arguments,
    });
  }
  if (answer.toolCalls.length === 0) {
    items.push({
      id: ids.itemId('msg'),
      type: 'message',
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: answer.contentPieces.join(''), annotations: [], logprobs: [] }],
    });
  }
  return items;
}

function builtInToolItems(
  tool: OfferedBuiltInTool,
  topic: string,
  ids: IdSequence,
): Record<string, unknown>[] {
  switch (tool.type) {
    case 'code_interpreter':
      return [
        {
          id: ids.itemId('ci'),
          type: 'code_interpreter_call',
          status: 'completed',
          code: 'print(6 * 7)',
          container_id: ids.itemId('cntr'),
          outputs: [{ type: 'logs', logs: '42\n' }],
        },
      ];
    case 'browser_search':
      return [
        {
          id: ids.itemId('ws'),
          type: 'web_search_call',
          status: 'completed',
          action: { type: 'search', query: topic },
        },
      ];
    case 'mcp': {
      const serverLabel = tool.serverLabel ?? 'mcp';
      return [
        {
          id: ids.itemId('mcpl'),
          type: 'mcp_list_tools',
          server_label: serverLabel,
          tools: [
            {
              name: 'search',
              description: 'Search the server',
              input_schema: { type: 'object' },
              annotations: null,
            },
          ],
          error: null,
        },
        {
          id: ids.itemId('mcp'),
          type: 'mcp_call',
          server_label: serverLabel,
          name: 'search',
          arguments: JSON.stringify({ query: topic }),
          output: `Results about ${topic}.`,
          error: null,
          approval_request_id: null,
        },
      ];
    }
  }
}

/** The `response` object, `completed` or (first streamed) `in_progress` with no output yet. */
export function responseObject(
  plan: ResponsesPlan,
  status: 'in_progress' | 'completed',
): Record<string, unknown> {
  const done = status === 'completed';
  const { request, answer } = plan;
  return {
    id: plan.id,
    object: 'response',
    created_at: plan.createdAt,
    status,
    background: false,
    error: null,
    incomplete_details: null,
    instructions: request.instructions,
    max_output_tokens: request.maxOutputTokens,
    model: plan.model,
    output: done ? plan.items : [],
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: request.reasoningEffort, summary: null },
    service_tier: plan.serviceTier,
    store: false,
    temperature: 1,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: request.tools,
    top_p: 1,
    truncation: 'disabled',
    usage: done ? plan.usage : null,
    metadata: {},
    ...(done && answer.finishReason === 'length'
      ? { incomplete_details: { reason: 'max_output_tokens' } }
      : {}),
  };
}

/** One streamed event before its `sequence_number` is set, and whether it is a delta (paced). */
export interface PlannedEvent {
  event: Record<string, unknown> & { type: string };
  delta: boolean;
}

/**
 * The SSE events of a streamed response, as OpenAI's Responses API orders them: created,
 * in_progress, then for each output item `output_item.added`, its deltas and `.done` events,
 * `output_item.done`, and finally `response.completed` with the whole response and its usage.
 */
export function responseEvents(plan: ResponsesPlan): PlannedEvent[] {
  const events: PlannedEvent[] = [];
  const push = (event: PlannedEvent['event'], delta = false) => events.push({ event, delta });
  push({ type: 'response.created', response: responseObject(plan, 'in_progress') });
  push({ type: 'response.in_progress', response: responseObject(plan, 'in_progress') });
  for (const [outputIndex, item] of plan.items.entries()) {
    const itemId = item.id;
    const base = { item_id: itemId, output_index: outputIndex };
    if (item.type === 'message') {
      push({
        type: 'response.output_item.added',
        output_index: outputIndex,
        item: { ...item, status: 'in_progress', content: [] },
      });
      const part = { type: 'output_text', text: '', annotations: [], logprobs: [] };
      push({ type: 'response.content_part.added', ...base, content_index: 0, part });
      for (const delta of plan.answer.contentPieces) {
        push({ type: 'response.output_text.delta', ...base, content_index: 0, delta, logprobs: [] }, true);
      }
      const text = plan.answer.contentPieces.join('');
      push({ type: 'response.output_text.done', ...base, content_index: 0, text, logprobs: [] });
      push({ type: 'response.content_part.done', ...base, content_index: 0, part: { ...part, text } });
    } else if (item.type === 'reasoning') {
      push({ type: 'response.output_item.added', output_index: outputIndex, item: { ...item, content: [] } });
      for (const delta of plan.answer.reasoningPieces) {
        push({ type: 'response.reasoning_text.delta', ...base, content_index: 0, delta }, true);
      }
      push({
        type: 'response.reasoning_text.done',
        ...base,
        content_index: 0,
        text: plan.answer.reasoning ?? '',
      });
    } else if (item.type === 'function_call') {
      push({
        type: 'response.output_item.added',
        output_index: outputIndex,
        item: { ...item, status: 'in_progress', arguments: '' },
      });
      for (const delta of toolArgumentPieces(String(item.arguments))) {
        push({ type: 'response.function_call_arguments.delta', ...base, delta }, true);
      }
      push({ type: 'response.function_call_arguments.done', ...base, arguments: item.arguments });
    } else {
      push({
        type: 'response.output_item.added',
        output_index: outputIndex,
        item: { ...item, status: 'in_progress' },
      });
    }
    push({ type: 'response.output_item.done', output_index: outputIndex, item });
  }
  push({ type: 'response.completed', response: responseObject(plan, 'completed') });
  return events;
}
