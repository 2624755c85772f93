import type { Usage } from '@groqmeter/pricing';
import type { Attributes, AttributeValue, Span } from '@opentelemetry/api';
import { serializeContent } from './content-capture.js';
import {
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_OUTPUT_TYPE,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_CHOICE_COUNT,
  ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY,
  ATTR_GEN_AI_REQUEST_MAX_TOKENS,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY,
  ATTR_GEN_AI_REQUEST_SEED,
  ATTR_GEN_AI_REQUEST_STOP_SEQUENCES,
  ATTR_GEN_AI_REQUEST_STREAM,
  ATTR_GEN_AI_REQUEST_TEMPERATURE,
  ATTR_GEN_AI_REQUEST_TOP_K,
  ATTR_GEN_AI_REQUEST_TOP_P,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_ID,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
  ATTR_GROQ_BATCH,
  ATTR_GROQ_REQUEST_ID,
  ATTR_GROQ_REQUEST_REASONING_EFFORT,
  ATTR_GROQ_REQUEST_TOOLS_COUNT,
  ATTR_GROQ_SERVER_COMPLETION_TIME,
  ATTR_GROQ_SERVER_PROMPT_TIME,
  ATTR_GROQ_SERVER_QUEUE_TIME,
  ATTR_GROQ_SERVER_TOTAL_TIME,
  ATTR_GROQ_SERVICE_TIER,
  ATTR_GROQ_USAGE_AUDIO_SECONDS,
  ATTR_GROQ_USAGE_CHARACTERS,
  ATTR_GROQ_USAGE_TOOL_CALLS,
  ATTR_GROQMETER_OPERATION_TYPE,
  ATTR_GROQMETER_SOURCE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
} from './semconv.js';
import type { OperationResult, OperationStart, RequestParameters } from './types.js';

export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function countOrUndefined(value: unknown): number | undefined {
  return isCount(value) ? value : undefined;
}

/** All built-in tool calls of an operation, whatever the tool; `undefined` when none were reported. */
function toolCallCount(toolCalls: Usage['toolCalls']): number | undefined {
  if (toolCalls === undefined) return undefined;
  let total = 0;
  for (const tool in toolCalls) {
    const calls = toolCalls[tool];
    if (isCount(calls)) total += calls;
  }
  return total;
}

/**
 * The operation as teams report it: work billed in a batch is `batch`, a chat with image input
 * `vision`, embeddings `embedding`; the rest keep their operation name.
 */
export function operationTypeOf(start: OperationStart): string {
  if (start.request?.batch === true || start.operation === 'batch') return 'batch';
  if (start.operation === 'chat' && start.imageInput === true) return 'vision';
  if (start.operation === 'embeddings') return 'embedding';
  return start.operation;
}

/** The semconv metric attributes known at the start: also the first span attributes. */
export function startMetricAttributes(start: OperationStart, provider: string): Attributes {
  const attributes: Attributes = {
    [ATTR_GEN_AI_OPERATION_NAME]: start.operation,
    [ATTR_GEN_AI_PROVIDER_NAME]: provider,
  };
  put(attributes, ATTR_GEN_AI_REQUEST_MODEL, start.requestModel);
  if (start.serverAddress !== undefined) {
    attributes[ATTR_SERVER_ADDRESS] = start.serverAddress;
    put(attributes, ATTR_SERVER_PORT, start.serverPort);
  }
  return attributes;
}

/**
 * A series cache key of {@link startMetricAttributes}, from the values alone in their fixed order
 * (an absent one marked `-`, a number told from a string): much shorter than the attributes'
 * names and values, and it is hashed on every lookup.
 */
export function startMetricKey(start: OperationStart, provider: string): string {
  const address = start.serverAddress;
  const port = address === undefined ? undefined : start.serverPort;
  return (
    keyPart(start.operation) +
    keyPart(provider) +
    keyPart(start.requestModel) +
    keyPart(address) +
    (typeof port === 'number' ? `n${port}` : keyPart(port))
  );
}

/** One length-prefixed part of a cache key, `-` when absent. */
export function keyPart(text: string | undefined): string {
  return text === undefined ? '-' : `${text.length}:${text}`;
}

/** The span's attributes at its start: attribution, the semconv attributes, the request. */
export function startSpanAttributes(
  start: OperationStart,
  attribution: Attributes,
  metricAttributes: Attributes,
): Attributes {
  // Attribution first, so that a user key can never overwrite a convention attribute.
  const attributes: Attributes = { ...attribution, ...metricAttributes };
  addRequestAttributes(attributes, start.request);
  if (start.stream) attributes[ATTR_GEN_AI_REQUEST_STREAM] = true;
  attributes[ATTR_GROQMETER_SOURCE] = start.source;
  attributes[ATTR_GROQMETER_OPERATION_TYPE] = operationTypeOf(start);
  return attributes;
}

/** `target[key] = value` unless `value` is undefined. */
function put(target: Attributes, key: string, value: Attributes[string] | undefined): void {
  if (value !== undefined) target[key] = value;
}

/**
 * Writes the request's span attributes into `target`, leaving out the undefined ones: one
 * assignment per attribute, no intermediate object (a literal with this many computed keys is
 * built in dictionary mode, on every call).
 */
function addRequestAttributes(target: Attributes, request: RequestParameters | undefined): void {
  if (request === undefined) return;
  put(target, ATTR_GEN_AI_REQUEST_TEMPERATURE, request.temperature);
  put(target, ATTR_GEN_AI_REQUEST_MAX_TOKENS, request.maxTokens);
  put(target, ATTR_GEN_AI_REQUEST_TOP_P, request.topP);
  put(target, ATTR_GEN_AI_REQUEST_TOP_K, request.topK);
  put(target, ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY, request.frequencyPenalty);
  put(target, ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY, request.presencePenalty);
  put(target, ATTR_GEN_AI_REQUEST_STOP_SEQUENCES, request.stopSequences);
  put(target, ATTR_GEN_AI_REQUEST_SEED, request.seed);
  // Semconv: only when not 1.
  put(target, ATTR_GEN_AI_REQUEST_CHOICE_COUNT, request.choiceCount === 1 ? undefined : request.choiceCount);
  put(target, ATTR_GEN_AI_OUTPUT_TYPE, request.outputType);
  put(target, ATTR_GROQ_REQUEST_TOOLS_COUNT, request.toolsCount);
  put(target, ATTR_GROQ_REQUEST_REASONING_EFFORT, request.reasoningEffort);
  put(target, ATTR_GROQ_SERVICE_TIER, request.serviceTier);
  put(target, ATTR_GROQ_BATCH, request.batch);
}

/** `span.setAttribute(key, value)` unless `value` is undefined. */
function setDefined(span: Span, key: string, value: AttributeValue | undefined): void {
  if (value !== undefined) span.setAttribute(key, value);
}

/**
 * The response's span attributes: ids, finish reasons, server timings, usage as reported. Set one
 * by one, in this order, as `setAttributes` of the same object would (no object per response).
 */
export function setResultAttributes(span: Span, result: OperationResult): void {
  const { usage, serverTiming } = result;
  setDefined(span, ATTR_GEN_AI_RESPONSE_MODEL, result.responseModel);
  setDefined(span, ATTR_GEN_AI_RESPONSE_ID, result.responseId);
  setDefined(span, ATTR_GEN_AI_RESPONSE_FINISH_REASONS, result.finishReasons);
  setDefined(span, ATTR_GROQ_REQUEST_ID, result.groqRequestId);
  setDefined(span, ATTR_GROQ_SERVICE_TIER, result.serviceTier);
  if (serverTiming !== undefined) {
    setDefined(span, ATTR_GROQ_SERVER_QUEUE_TIME, serverTiming.queueTime);
    setDefined(span, ATTR_GROQ_SERVER_PROMPT_TIME, serverTiming.promptTime);
    setDefined(span, ATTR_GROQ_SERVER_COMPLETION_TIME, serverTiming.completionTime);
    setDefined(span, ATTR_GROQ_SERVER_TOTAL_TIME, serverTiming.totalTime);
  }
  if (usage !== undefined) {
    setDefined(span, ATTR_GEN_AI_USAGE_INPUT_TOKENS, countOrUndefined(usage.inputTokens));
    setDefined(span, ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, countOrUndefined(usage.outputTokens));
    setDefined(span, ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, countOrUndefined(usage.cachedInputTokens));
    setDefined(span, ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS, countOrUndefined(usage.reasoningTokens));
    // Usage that is not tokens, as reported: the audio before Groq's 10 s minimum.
    setDefined(span, ATTR_GROQ_USAGE_AUDIO_SECONDS, countOrUndefined(usage.audioSeconds));
    setDefined(span, ATTR_GROQ_USAGE_CHARACTERS, countOrUndefined(usage.characters));
    setDefined(span, ATTR_GROQ_USAGE_TOOL_CALLS, toolCallCount(usage.toolCalls));
  }
}

/** Captured content (input or output messages, instructions, tool definitions), serialized. */
export function setContentAttributes(span: Span, content: Record<string, unknown>): void {
  for (const key in content) {
    const serialized = serializeContent(content[key]);
    if (serialized !== undefined) span.setAttribute(key, serialized);
  }
}
