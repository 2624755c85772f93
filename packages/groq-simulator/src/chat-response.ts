import { type ChatAnswer, toolArgumentPieces } from './chat-answer';
import { executedToolStart } from './compound-tools';
import { streamErrorFrame } from './groq-errors';
import type { Exchange } from './http-exchange';

/** The identity shared by every object of one answer. */
export interface ChatIdentity {
  /** `chatcmpl-...` */
  id: string;
  /** `req_...`, Groq's `x_groq.id` and `x-request-id`. */
  requestId: string;
  created: number;
  model: string;
  systemFingerprint: string;
  serviceTier: string;
}

/** The non-streamed `chat.completion` object. */
export function chatCompletionObject(identity: ChatIdentity, answer: ChatAnswer): Record<string, unknown> {
  const message: Record<string, unknown> = { role: 'assistant', content: answer.content };
  if (answer.reasoning !== undefined) message.reasoning = answer.reasoning;
  if (answer.executedTools.length > 0) message.executed_tools = answer.executedTools;
  if (answer.toolCalls.length > 0) {
    message.tool_calls = answer.toolCalls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
    }));
  }
  return {
    id: identity.id,
    object: 'chat.completion',
    created: identity.created,
    model: identity.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: answer.finishReason }],
    usage: answer.usage,
    ...(answer.usageBreakdown ? { usage_breakdown: answer.usageBreakdown.plain } : {}),
    system_fingerprint: identity.systemFingerprint,
    x_groq: { id: identity.requestId },
    service_tier: identity.serviceTier,
  };
}

/** How a stream should misbehave, if at all. */
export type StreamFault = 'malformed-chunk' | 'drop-mid-stream' | 'stream-error' | undefined;

/** The stream faults, which break a stream part-way instead of refusing the request. */
export function streamFaultOf(kind: string | undefined): StreamFault {
  return kind === 'malformed-chunk' || kind === 'drop-mid-stream' || kind === 'stream-error'
    ? kind
    : undefined;
}

/** Outcome of a stream, for the stats. */
export type StreamOutcome = 'completed' | 'client-aborted' | 'dropped' | 'errored';

interface StreamPlan {
  identity: ChatIdentity;
  answer: ChatAnswer;
  includeUsage: boolean;
  fault: StreamFault;
  /** Seconds before the first chunk (queue + prompt time). */
  firstChunkDelay: number;
}

/**
 * Streams an answer as Groq does: a first chunk with the role and `x_groq.id`, reasoning deltas,
 * content or tool-call deltas, a final chunk with `finish_reason` and `x_groq.usage`, then (with
 * `stream_options.include_usage`) a `choices: []` chunk with top-level `usage`, then `[DONE]`.
 * Deltas are spread over the answer's `completion_time` (times the time scale).
 */
export async function streamChatCompletion(exchange: Exchange, plan: StreamPlan): Promise<StreamOutcome> {
  const { identity, answer, includeUsage, fault } = plan;
  const base = {
    id: identity.id,
    object: 'chat.completion.chunk',
    created: identity.created,
    model: identity.model,
    system_fingerprint: identity.systemFingerprint,
  };
  const chunk = (choice: Record<string, unknown> | undefined, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      ...base,
      choices: choice ? [{ index: 0, logprobs: null, finish_reason: null, ...choice }] : [],
      ...(includeUsage ? { usage: null } : {}),
      ...extra,
    });

  const deltas = answerDeltas(answer);
  const faultAt = Math.floor(deltas.length / 2);
  const perDelta = deltas.length > 0 ? answer.usage.completion_time / deltas.length : 0;

  exchange.startEventStream();
  if (!(await exchange.wait(plan.firstChunkDelay))) return 'client-aborted';
  if (
    !exchange.writeEvent(
      chunk({ delta: { role: 'assistant', content: '' } }, { x_groq: { id: identity.requestId } }),
    )
  ) {
    return 'client-aborted';
  }
  for (const [index, delta] of deltas.entries()) {
    if (index === faultAt && fault === 'drop-mid-stream') {
      exchange.drop();
      return 'dropped';
    }
    if (index === faultAt && fault === 'stream-error') {
      exchange.writeNamedEvent('error', JSON.stringify(streamErrorFrame()));
      exchange.endEventStream();
      return 'errored';
    }
    if (index === faultAt && fault === 'malformed-chunk') {
      exchange.writeEvent(
        `{"id":"${identity.id}","object":"chat.completion.chunk","choices":[{"delta":{"content":`,
      );
    }
    if (!(await exchange.wait(perDelta))) return 'client-aborted';
    if (!exchange.writeEvent(chunk({ delta }))) return 'client-aborted';
  }
  const finish = chunk(
    { delta: {}, finish_reason: answer.finishReason },
    {
      x_groq: {
        id: identity.requestId,
        usage: answer.usage,
        ...(answer.usageBreakdown ? { usage_breakdown: answer.usageBreakdown.streamed } : {}),
      },
    },
  );
  if (!exchange.writeEvent(finish)) return 'client-aborted';
  if (includeUsage) {
    const usageChunk = JSON.stringify({
      ...base,
      choices: [],
      usage: answer.usage,
      x_groq: { id: identity.requestId },
    });
    if (!exchange.writeEvent(usageChunk)) return 'client-aborted';
  }
  if (!exchange.writeEvent('[DONE]')) return 'client-aborted';
  exchange.endEventStream();
  return 'completed';
}

function answerDeltas(answer: ChatAnswer): Record<string, unknown>[] {
  const deltas: Record<string, unknown>[] = answer.reasoningPieces.map((reasoning) => ({ reasoning }));
  // Groq announces each built-in tool call, then sends the same index again with its output.
  for (const tool of answer.executedTools) {
    deltas.push({ executed_tools: [executedToolStart(tool)] }, { executed_tools: [tool] });
  }
  for (const content of answer.contentPieces) deltas.push({ content });
  for (const [index, call] of answer.toolCalls.entries()) {
    deltas.push({
      tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }],
    });
    for (const piece of toolArgumentPieces(call.arguments)) {
      deltas.push({ tool_calls: [{ index, function: { arguments: piece } }] });
    }
  }
  return deltas;
}
