import type { ChatRequest } from './chat-request';
import { type InjectedFault, isErrorFault } from './fault-injector';
import { respondWithFault } from './fault-responses';
import { rateLimitExceeded } from './groq-errors';
import type { Exchange } from './http-exchange';
import type { ResolvedModel } from './model-catalogue';
import { rateLimitScope, type SimulatorRuntime } from './runtime';

/**
 * The last checks before a chat-like answer (chat completions, the Responses API) is served: an
 * injected error fault answers instead, then the rate limiter admits `requestedTokens` or answers
 * 429, then the prompt cache remembers the messages. True when the answer may be served; false
 * when the exchange was already answered.
 */
export function admitChatAnswer(
  exchange: Exchange,
  runtime: SimulatorRuntime,
  model: ResolvedModel,
  request: ChatRequest,
  fault: InjectedFault | undefined,
  requestedTokens: number,
): boolean {
  if (fault && isErrorFault(fault.kind)) {
    respondWithFault(exchange, fault, model, runtime, request.serviceTier, requestedTokens);
    return false;
  }
  const admission = runtime.limiter.admit(model.id, requestedTokens);
  if (!admission.ok) {
    exchange.fail(rateLimitExceeded(rateLimitScope(runtime, model.id, request.serviceTier), admission));
    return false;
  }
  if (model.promptCaching) runtime.cache.store(model.id, request.messages);
  return true;
}
