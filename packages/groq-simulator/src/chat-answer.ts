import type { ChatRequest, FunctionTool } from './chat-request';
import type { ResolvedModel } from './model-catalogue';
import { exampleForSchema } from './schema-example';
import { base32Id, createRandom, deriveSeed, randomWords } from './seeded-random';
import type { ReasoningFormat } from './types';

/** Groq's `usage` object of one answer. */
export interface ChatUsage {
  queue_time: number;
  prompt_tokens: number;
  prompt_time: number;
  completion_tokens: number;
  completion_time: number;
  total_tokens: number;
  total_time: number;
  prompt_tokens_details?: { cached_tokens: number };
  completion_tokens_details?: { reasoning_tokens: number };
}

export interface PlannedToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** Everything the answer to one chat request contains, ready to render or stream. */
export interface ChatAnswer {
  /** `message.content` (`null` for a tool call). */
  content: string | null;
  /** The content as streamed deltas. */
  contentPieces: string[];
  /** `message.reasoning` when the format is `parsed`. */
  reasoning?: string;
  reasoningPieces: string[];
  toolCalls: PlannedToolCall[];
  finishReason: 'stop' | 'length' | 'tool_calls';
  usage: ChatUsage;
  reasoningTokens: number;
  cachedTokens: number;
  /** Built-in tools a compound system ran (`message.executed_tools`); empty for other models. */
  executedTools: Record<string, unknown>[];
  /** `usage_breakdown` of a compound answer, non-streamed and streamed (Groq's streams differ). */
  usageBreakdown?: { plain: Record<string, unknown>; streamed: Record<string, unknown> };
}

/** Inputs of {@link composeChatAnswer} that do not come from the request body. */
export interface AnswerContext {
  seed: number;
  promptTokens: number;
  cachedTokens: number;
  /** The `x-simulator-completion-tokens` header, when set. */
  completionTokens?: number;
}

const JSON_PIECE_CHARACTERS = 8;
const TOOL_ARGUMENT_PIECE_CHARACTERS = 16;

/**
 * The deterministic answer to a chat request. Length: `completion_tokens` is the header value or
 * the model's `completionTokens`, reasoning tokens included; `max_completion_tokens` truncates a
 * text answer (`finish_reason: "length"`) and caps the count of a structured one. Text is drawn
 * from a generator seeded by the simulator seed, the model and the messages, so the same prompt
 * always gets the same answer.
 */
export function composeChatAnswer(
  request: ChatRequest,
  model: ResolvedModel,
  context: AnswerContext,
): ChatAnswer {
  const random = createRandom(deriveSeed(context.seed, 'answer', model.id, JSON.stringify(request.messages)));
  const requested = context.completionTokens ?? model.completionTokens;
  const limit = request.maxTokens ?? Number.POSITIVE_INFINITY;
  const completionTokens = Math.min(requested, limit);
  const format = reasoningFormatOf(request, model);
  const reasoningTokens =
    format && request.reasoningEffort !== 'none'
      ? Math.min(model.reasoningTokens, Math.max(0, completionTokens - 1))
      : 0;
  const reasoningPieces =
    format && format !== 'hidden' ? sentencePieces(randomWords(random, reasoningTokens)) : [];
  const answerTokens = completionTokens - reasoningTokens;
  const tool = toolToCall(request);

  let contentPieces: string[];
  let toolCalls: PlannedToolCall[] = [];
  let finishReason: ChatAnswer['finishReason'] = requested > limit ? 'length' : 'stop';
  if (tool) {
    const args = JSON.stringify(exampleForSchema(tool.parameters));
    toolCalls = [
      {
        id: `call_${base32Id(24, context.seed, 'call', model.id, JSON.stringify(request.messages))}`,
        name: tool.name,
        arguments: args,
      },
    ];
    contentPieces = [];
    finishReason = 'tool_calls';
  } else if (request.responseFormat.type !== 'text') {
    const value =
      request.responseFormat.type === 'json_schema'
        ? exampleForSchema(request.responseFormat.schema)
        : { answer: randomWords(random, Math.max(1, answerTokens)).join(' ') };
    contentPieces = slices(JSON.stringify(value), JSON_PIECE_CHARACTERS);
    finishReason = 'stop';
  } else if (model.kind === 'guard') {
    contentPieces = ['safe'];
  } else {
    contentPieces = sentencePieces(randomWords(random, answerTokens));
  }

  let reasoning: string | undefined;
  if (format === 'raw' && reasoningPieces.length > 0) {
    contentPieces = [`<think>${reasoningPieces.join('')}</think>\n`, ...contentPieces];
  } else if (format === 'parsed' && reasoningPieces.length > 0) {
    reasoning = reasoningPieces.join('');
  }

  const answer: ChatAnswer = {
    content: tool ? null : contentPieces.join(''),
    contentPieces,
    reasoningPieces: format === 'parsed' ? reasoningPieces : [],
    toolCalls,
    finishReason,
    usage: usageOf(model, context, completionTokens, reasoningTokens),
    reasoningTokens,
    cachedTokens: context.cachedTokens,
    executedTools: [],
  };
  if (reasoning !== undefined) answer.reasoning = reasoning;
  return answer;
}

/** Tool-call arguments split into streamed pieces. */
export function toolArgumentPieces(args: string): string[] {
  return slices(args, TOOL_ARGUMENT_PIECE_CHARACTERS);
}

/**
 * Groq's `reasoning_format`: the request's, else the model default. Raw reasoning cannot be mixed
 * with JSON mode or tool use, so such requests fall back to `parsed`.
 */
function reasoningFormatOf(request: ChatRequest, model: ResolvedModel): ReasoningFormat | undefined {
  if (!model.defaultReasoningFormat) return undefined;
  const format = request.reasoningFormat ?? model.defaultReasoningFormat;
  const structured = request.tools.length > 0 || request.responseFormat.type !== 'text';
  return format === 'raw' && structured && request.reasoningFormat === undefined ? 'parsed' : format;
}

function toolToCall(request: ChatRequest): FunctionTool | undefined {
  if (request.tools.length === 0 || request.toolChoice === 'none') return undefined;
  const last = request.messages[request.messages.length - 1];
  if (last?.role === 'tool' || last?.role === 'function') return undefined;
  const choice = request.toolChoice;
  if (typeof choice === 'object') return request.tools.find((tool) => tool.name === choice.name);
  return last?.role === 'user' || choice === 'required' ? request.tools[0] : undefined;
}

function usageOf(
  model: ResolvedModel,
  context: AnswerContext,
  completionTokens: number,
  reasoningTokens: number,
): ChatUsage {
  const promptTime = model.timeToFirstTokenMs / 1000;
  const completionTime = completionTokens / model.outputTokensPerSecond;
  const usage: ChatUsage = {
    queue_time: roundMicro(model.latencyMs / 1000),
    prompt_tokens: context.promptTokens,
    prompt_time: roundMicro(promptTime),
    completion_tokens: completionTokens,
    completion_time: roundMicro(completionTime),
    total_tokens: context.promptTokens + completionTokens,
    total_time: roundMicro(promptTime + completionTime),
  };
  if (model.promptCaching) usage.prompt_tokens_details = { cached_tokens: context.cachedTokens };
  if (model.defaultReasoningFormat) usage.completion_tokens_details = { reasoning_tokens: reasoningTokens };
  return usage;
}

/** Rounds seconds to whole microseconds so reported timings have no float noise. */
export function roundMicro(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e6;
}

/** Words as streamed pieces: `"Word"`, `" word"`, ..., `" word."`. */
function sentencePieces(words: string[]): string[] {
  return words.map((word, index) => {
    const text = index === 0 ? word.charAt(0).toUpperCase() + word.slice(1) : ` ${word}`;
    return index === words.length - 1 ? `${text}.` : text;
  });
}

function slices(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces;
}
