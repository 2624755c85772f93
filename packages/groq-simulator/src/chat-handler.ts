import { admitChatAnswer } from './chat-admission';
import { type ChatAnswer, composeChatAnswer } from './chat-answer';
import { type ChatRequest, parseChatRequest } from './chat-request';
import {
  type ChatIdentity,
  chatCompletionObject,
  streamChatCompletion,
  streamFaultOf,
} from './chat-response';
import {
  COMPOUND_TOOLS_HEADER,
  type ExecutedToolType,
  executedTool,
  isCompoundSystem,
  plannedToolTypes,
  streamedUsageBreakdown,
  TOOL_OUTPUT_TOKENS,
  usageBreakdown,
} from './compound-tools';
import { respondWithFault } from './fault-responses';
import { invalidRequest, modelNotFound } from './groq-errors';
import type { Exchange } from './http-exchange';
import { isRecord } from './is-record';
import type { ResolvedModel } from './model-catalogue';
import { completionTokensHeader } from './request-headers';
import { type SimulatorRuntime, systemFingerprint } from './runtime';
import { countPromptTokens } from './tokens';
import type { FaultKind } from './types';

/** `POST /openai/v1/chat/completions`, streamed or not. */
export async function handleChatCompletion(exchange: Exchange, runtime: SimulatorRuntime): Promise<void> {
  const body = await exchange.jsonBody();
  if (!body.ok) return exchange.fail(body.error);
  const parsed = parseChatRequest(body.value);
  if (isRecord(body.value) && typeof body.value.model === 'string') exchange.model = body.value.model;
  if (!parsed.ok) return exchange.fail(parsed.error);
  const request = parsed.value;
  const model = runtime.models.get(request.model);
  if (!model) return exchange.fail(modelNotFound(request.model));
  if (model.kind !== 'chat' && model.kind !== 'guard') {
    return exchange.fail(
      invalidRequest(
        `The model \`${model.id}\` does not support chat completions; use it with the ${model.kind === 'speech' ? 'audio/speech' : 'audio/transcriptions'} endpoint.`,
        'model_not_supported',
      ),
    );
  }
  const completionTokens = completionTokensHeader(exchange);
  if (!completionTokens.ok) return exchange.fail(completionTokens.error);

  const decision = runtime.faults.decide({
    model: model.id,
    operation: 'chat',
    serviceTier: request.serviceTier,
    headers: (name) => exchange.header(name),
    body: body.raw,
    errorRates: model.errorRates,
  });
  if ('error' in decision) return exchange.fail(decision.error);
  const fault = decision.fault;

  const compoundTools = isCompoundSystem(model.id)
    ? plannedToolTypes(model.id, body.value, exchange.header(COMPOUND_TOOLS_HEADER))
    : { ok: true as const, value: [] };
  if (!compoundTools.ok) return exchange.fail(compoundTools.error);

  const userPromptTokens = countPromptTokens(request.messages, request.toolDefinitions);
  const promptTokens = userPromptTokens + TOOL_OUTPUT_TOKENS * compoundTools.value.length;
  const cachedTokens = model.promptCaching ? runtime.cache.cachedTokens(model.id, request.messages) : 0;
  const answer = composeChatAnswer(request, model, {
    seed: runtime.seed,
    promptTokens,
    cachedTokens,
    completionTokens: completionTokens.value,
  });
  if (isCompoundSystem(model.id)) addCompoundTools(answer, request, compoundTools.value, userPromptTokens);
  const requestedTokens = promptTokens - cachedTokens + answer.usage.completion_tokens;
  if (!admitChatAnswer(exchange, runtime, model, request, fault, requestedTokens)) return;

  const identity: ChatIdentity = {
    id: runtime.ids.chatCompletionId(),
    requestId: exchange.requestId,
    created: Math.floor(runtime.now() / 1000),
    model: model.id,
    systemFingerprint: systemFingerprint(model.id),
    serviceTier: request.serviceTier,
  };
  if (request.stream) {
    await streamAnswer(exchange, runtime, model, request, identity, answer, fault?.kind);
    return;
  }
  if (respondWithFault(exchange, fault, model, runtime, request.serviceTier, requestedTokens)) return;
  const { queue_time, total_time } = answer.usage;
  if (!(await exchange.wait(queue_time + total_time))) {
    runtime.stats.clientAbort(model.id, 'chat');
    return;
  }
  exchange.sendJson(200, chatCompletionObject(identity, answer));
  recordTokens(runtime, model, answer);
}

async function streamAnswer(
  exchange: Exchange,
  runtime: SimulatorRuntime,
  model: ResolvedModel,
  request: ChatRequest,
  identity: ChatIdentity,
  answer: ChatAnswer,
  faultKind: FaultKind | undefined,
): Promise<void> {
  const fault = streamFaultOf(faultKind);
  if (fault) runtime.stats.fault(model.id, 'chat', fault);
  const outcome = await streamChatCompletion(exchange, {
    identity,
    answer,
    includeUsage: request.includeUsage,
    fault,
    firstChunkDelay: answer.usage.queue_time + answer.usage.prompt_time,
  });
  if (outcome === 'completed') recordTokens(runtime, model, answer);
  else if (outcome === 'client-aborted') runtime.stats.clientAbort(model.id, 'chat');
}

/** Fills in what a compound system ran: `executed_tools` and both kinds of `usage_breakdown`. */
function addCompoundTools(
  answer: ChatAnswer,
  request: ChatRequest,
  types: readonly ExecutedToolType[],
  userPromptTokens: number,
): void {
  const last = request.messages[request.messages.length - 1];
  const topic =
    typeof last?.content === 'string' && last.content !== '' ? last.content.slice(0, 40) : 'the question';
  answer.executedTools = types.map((type, index) => executedTool(type, index, topic));
  answer.usageBreakdown = {
    plain: usageBreakdown(answer.usage, userPromptTokens, types.length),
    streamed: streamedUsageBreakdown(answer.usage, userPromptTokens, types.length),
  };
}

function recordTokens(runtime: SimulatorRuntime, model: ResolvedModel, answer: ChatAnswer): void {
  for (const tool of answer.executedTools) runtime.stats.toolCall(model.id, 'chat', String(tool.type));
  runtime.stats.tokens(model.id, 'chat', {
    promptTokens: answer.usage.prompt_tokens,
    cachedTokens: answer.cachedTokens,
    completionTokens: answer.usage.completion_tokens,
    reasoningTokens: answer.reasoningTokens,
  });
}
