import { type AiProvider, definedOnly, type OperationStart } from '@groqmeter/recorder';
import { type Context, context } from '@opentelemetry/api';
import { isApiPromise } from './api-promise-observer.js';
import { type CallTelemetry, type ObserveMethod, providerOfClient } from './call-observer.js';
import type { ApiPromiseLike, ResourceLike } from './internal-types.js';
import { serverAddressOf } from './server-address.js';

/** One call of a method observed by {@link observeParsedResult}. */
export interface ParsedResultCall {
  telemetry: CallTelemetry;
  provider: AiProvider;
  baseURL: string | undefined;
  /** The SDK client (what a copied `Stream` is built with). */
  client: unknown;
  /** The context the method was called in. */
  callContext: Context;
  args: unknown[];
  /** The SDK's own promise, before its result is observed. */
  promise: ApiPromiseLike;
}

/**
 * An observer for methods whose results are read rather than recorded as they answer (a run or a
 * background response, read until it has ended): the SDK's own `APIPromise`, observed with
 * `_thenUnwrap` so that the body is parsed only when the caller asks for it, each parsed result
 * handed to `onResult`, whose return the caller gets; `onCall` sees the call first. A client the
 * telemetry does not meter (no provider), or a promise of another shape, is returned untouched.
 */
export function observeParsedResult(
  onResult: (parsed: unknown, call: ParsedResultCall) => unknown,
  onCall?: (call: ParsedResultCall) => void,
): ObserveMethod {
  return (telemetry, original, resource, args) => {
    const promise = original.apply(resource, args);
    const client = (resource as ResourceLike)._client;
    const baseURL = client?.baseURL;
    const provider = providerOfClient(telemetry, baseURL);
    if (provider === undefined || !isApiPromise(promise)) return promise;
    const call: ParsedResultCall = {
      telemetry,
      provider,
      baseURL,
      client,
      callContext: context.active(),
      args,
      promise,
    };
    onCall?.(call);
    return promise._thenUnwrap((parsed) => onResult(parsed, call));
  };
}

/** Who meters an operation from a result it read: the way in, the provider, the client's base URL. */
export type ResultReader = Pick<ParsedResultCall, 'telemetry' | 'provider' | 'baseURL'>;

/**
 * The start of an operation metered from a result read (a run, a background response): its own
 * facts with the reader's source, provider and server address, as a recorded call's start has.
 */
export function startOfRead(
  { telemetry, provider, baseURL }: ResultReader,
  facts: Omit<OperationStart, 'source' | 'provider' | 'serverAddress' | 'serverPort'>,
): OperationStart {
  return definedOnly({ ...facts, source: telemetry.source, provider, ...serverAddressOf(baseURL) });
}
