import { admitChatAnswer } from './chat-admission';
import { composeChatAnswer } from './chat-answer';
import { parseChatRequest } from './chat-request';
import { streamFaultOf } from './chat-response';
import { TOOL_OUTPUT_TOKENS } from './compound-tools';
import { respondWithFault } from './fault-responses';
import { invalidRequest, modelNotFound, streamErrorFrame } from './groq-errors';
import type { Exchange } from './http-exchange';
import { isRecord } from './is-record';
import { completionTokensHeader } from './request-headers';
import {
  outputItems,
  type ResponsesPlan,
  responseEvents,
  responseObject,
  toolCallTypes,
} from './responses-output';
import { parseResponsesRequest } from './responses-request';
import type { SimulatorRuntime } from './runtime';
import { countPromptTokens } from './tokens';

/**
 * `POST /openai/v1/responses`, streamed or not. The answer is the chat answer the same request
 * would get, so token counts, reasoning, rate limits, caching and faults behave as on chat; each
 * built-in tool offered runs once and its output adds {@link TOOL_OUTPUT_TOKENS} input tokens.
 */
export async function handleResponses(exchange: Exchange, runtime: SimulatorRuntime): Promise<void> {
  const body = await exchange.jsonBody();
  if (!body.ok) return exchange.fail(body.error);
  if (isRecord(body.value) && typeof body.value.model === 'string') exchange.model = body.value.model;
  const parsedResponses = parseResponsesRequest(body.value);
  if (!parsedResponses.ok) return exchange.fail(parsedResponses.error);
  const responses = parsedResponses.value;
  const parsed = parseChatRequest(responses.chatBody);
  if (!parsed.ok) return exchange.fail(parsed.error);
  const request = parsed.value;
  const model = runtime.models.get(request.model);
  if (!model) return exchange.fail(modelNotFound(request.model));
  if (model.kind !== 'chat') {
    return exchange.fail(
      invalidRequest(`The model \`${model.id}\` does not support the Responses API.`, 'model_not_supported'),
    );
  }
  const completionTokens = completionTokensHeader(exchange);
  if (!completionTokens.ok) return exchange.fail(completionTokens.error);
  const decision = runtime.faults.decide({
    model: model.id,
    operation: 'responses',
    serviceTier: request.serviceTier,
    headers: (name) => exchange.header(name),
    body: body.raw,
    errorRates: model.errorRates,
  });
  if ('error' in decision) return exchange.fail(decision.error);
  const fault = decision.fault;

  const builtInCalls = responses.builtInTools.length;
  const promptTokens =
    countPromptTokens(request.messages, responses.tools.length > 0 ? responses.tools : []) +
    TOOL_OUTPUT_TOKENS * builtInCalls;
  const cachedTokens = model.promptCaching ? runtime.cache.cachedTokens(model.id, request.messages) : 0;
  const answer = composeChatAnswer(request, model, {
    seed: runtime.seed,
    promptTokens,
    cachedTokens,
    completionTokens: completionTokens.value,
  });
  const requestedTokens = promptTokens - cachedTokens + answer.usage.completion_tokens;
  if (!admitChatAnswer(exchange, runtime, model, request, fault, requestedTokens)) return;

  const plan: ResponsesPlan = {
    id: runtime.ids.itemId('resp'),
    createdAt: Math.floor(runtime.now() / 1000),
    model: model.id,
    serviceTier: request.serviceTier,
    request: responses,
    answer,
    usage: {
      input_tokens: promptTokens,
      input_tokens_details: { cached_tokens: cachedTokens },
      output_tokens: answer.usage.completion_tokens,
      output_tokens_details: { reasoning_tokens: answer.reasoningTokens },
      total_tokens: promptTokens + answer.usage.completion_tokens,
    },
    items: outputItems(responses, answer, runtime.ids),
  };
  const record = () => {
    runtime.stats.tokens(model.id, 'responses', {
      promptTokens,
      cachedTokens,
      completionTokens: answer.usage.completion_tokens,
      reasoningTokens: answer.reasoningTokens,
    });
    for (const type of toolCallTypes(plan)) runtime.stats.toolCall(model.id, 'responses', type);
  };
  const { queue_time, prompt_time, completion_time } = answer.usage;
  if (!responses.stream) {
    if (respondWithFault(exchange, fault, model, runtime, request.serviceTier, requestedTokens)) return;
    if (!(await exchange.wait(queue_time + prompt_time + completion_time))) {
      runtime.stats.clientAbort(model.id, 'responses');
      return;
    }
    exchange.sendJson(200, responseObject(plan, 'completed'));
    record();
    return;
  }

  const streamFault = streamFaultOf(fault?.kind);
  if (streamFault) runtime.stats.fault(model.id, 'responses', streamFault);
  const events = responseEvents(plan);
  const faultAt = Math.floor(events.length / 2);
  const deltas = events.filter((e) => e.delta).length;
  const perDelta = deltas > 0 ? completion_time / deltas : 0;
  exchange.startEventStream();
  if (!(await exchange.wait(queue_time + prompt_time)))
    return runtime.stats.clientAbort(model.id, 'responses');
  for (const [index, { event, delta }] of events.entries()) {
    if (index === faultAt && streamFault === 'drop-mid-stream') return exchange.drop();
    if (index === faultAt && streamFault === 'stream-error') {
      exchange.writeNamedEvent('error', JSON.stringify(streamErrorFrame()));
      return exchange.endEventStream();
    }
    if (index === faultAt && streamFault === 'malformed-chunk') {
      exchange.writeNamedEvent(event.type, `{"type":"${event.type}","sequence_number":`);
    }
    if (delta && !(await exchange.wait(perDelta))) return runtime.stats.clientAbort(model.id, 'responses');
    if (!exchange.writeNamedEvent(event.type, JSON.stringify({ ...event, sequence_number: index }))) {
      return runtime.stats.clientAbort(model.id, 'responses');
    }
  }
  exchange.endEventStream();
  record();
}
