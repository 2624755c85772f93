import type { InjectedFault } from './fault-injector';
import {
  flexCapacityExceeded,
  type GroqErrorResponse,
  internalServerError,
  rateLimitExceeded,
  serviceUnavailable,
  streamErrorFrame,
} from './groq-errors';
import type { Exchange } from './http-exchange';
import type { ResolvedModel } from './model-catalogue';
import { rateLimitScope, type SimulatorRuntime } from './runtime';

/** The error response of an injected `429`, `500`, `503` or `498`; undefined for stream faults. */
export function injectedErrorResponse(
  fault: InjectedFault,
  model: ResolvedModel,
  runtime: SimulatorRuntime,
  serviceTier: string,
  requestedTokens: number,
): GroqErrorResponse | undefined {
  switch (fault.kind) {
    case '429': {
      // The message quotes the real budget; the injected fault itself charges nothing.
      const budgets = runtime.limiter.snapshot(model.id);
      const resource = budgets.tokens ? 'tokens' : 'requests';
      const budget = budgets.tokens ?? budgets.requests;
      const limit = budget?.limit ?? 0;
      return rateLimitExceeded(rateLimitScope(runtime, model.id, serviceTier), {
        status: 429,
        resource,
        limit,
        used: limit - (budget?.remaining ?? 0),
        requested: resource === 'tokens' ? requestedTokens : 1,
        waitSeconds: fault.retryAfterSeconds,
      });
    }
    case '500':
      return internalServerError();
    case '503':
      return serviceUnavailable();
    case '498':
      return flexCapacityExceeded();
    default:
      return undefined;
  }
}

/**
 * Applies an injected fault to a response that is not streamed: error faults send their error,
 * `drop-mid-stream` destroys the connection, `malformed-chunk` sends half a JSON body. Returns
 * false when nothing was sent (no fault).
 */
export function respondWithFault(
  exchange: Exchange,
  fault: InjectedFault | undefined,
  model: ResolvedModel,
  runtime: SimulatorRuntime,
  serviceTier: string,
  requestedTokens: number,
): boolean {
  if (!fault) return false;
  if (exchange.operation) runtime.stats.fault(model.id, exchange.operation, fault.kind);
  const error = injectedErrorResponse(fault, model, runtime, serviceTier, requestedTokens);
  if (error) {
    exchange.fail(error);
  } else if (fault.kind === 'stream-error') {
    // Without a stream the same failure is an ordinary 400 with that error object.
    exchange.sendJson(400, streamErrorFrame());
  } else if (fault.kind === 'drop-mid-stream') {
    exchange.drop();
  } else {
    exchange.send(200, 'application/json', `{"id":"${exchange.requestId}","object":`);
  }
  return true;
}
