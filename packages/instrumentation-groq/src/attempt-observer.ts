import { AsyncLocalStorage } from 'node:async_hooks';
import { type AttemptFacts, getActiveOperation, observeHttpAttempt } from '@groqmeter/recorder';
import { type Context, context } from '@opentelemetry/api';
import type { FetchWithTimeout } from './internal-types.js';

/** Where the attempts of one call are reported. */
export interface AttemptSink {
  attempt(facts: AttemptFacts): void;
}

/**
 * The calls whose attempts are being made, for apps whose OTel context does not follow async
 * work (no context manager registered). Created on the first such call only: every enabled
 * `AsyncLocalStorage` costs each promise of the process (about 70 to 90 ns per promise hop in a
 * process that already runs the OTel one), so an app with a context manager never pays for it.
 */
let fallbackCalls: AsyncLocalStorage<AttemptSink> | undefined;

/**
 * Run the SDK call under `operationContext` (the recorder's context of the operation, which marks
 * it active) so that each of its HTTP attempts is reported to that operation. groq-sdk and openai
 * start a request synchronously inside `create()` and run its retries as continuations of that
 * request, so every attempt of one call runs in the context entered here and concurrent calls on
 * the same client never mix. When the context manager carries the context through async work the
 * fetch hook finds the operation there ({@link fetchReportingAttempt}); when the context did not
 * even reach `fn` (no context manager), the call is carried by this package's own
 * `AsyncLocalStorage`, created then.
 */
export function runReportingAttempts<T>(operationContext: Context, sink: AttemptSink, fn: () => T): T {
  return context.with(operationContext, () => {
    if (context.active() === operationContext) return fn();
    fallbackCalls ??= new AsyncLocalStorage();
    return fallbackCalls.run(sink, fn);
  });
}

/**
 * Whether the current code runs inside an observed SDK call carried by the fallback storage
 * (nested calls are passed through). With a context manager the recorder's own rule says so:
 * an active operation suppresses recording (`isRecordingSuppressed`).
 */
export function isInsideObservedCall(): boolean {
  return fallbackCalls?.getStore() !== undefined;
}

/**
 * Perform one attempt with the SDK's own `fetchWithTimeout` and report its status and headers
 * (rate limits, `retry-after`) to the operation it belongs to: the one active in the OTel
 * context (an observed call, or the operation of another adapter whose suppressed SDK call this
 * is), else the call carried by the fallback storage. A connection failure is reported as an
 * attempt without status. Outside an operation it is a plain pass-through.
 */
export function fetchReportingAttempt(
  fetchWithTimeout: FetchWithTimeout,
  client: unknown,
  args: Parameters<FetchWithTimeout>,
): Promise<Response> {
  const operation = getActiveOperation() ?? fallbackCalls?.getStore();
  if (operation === undefined) return fetchWithTimeout.apply(client, args);
  return observeHttpAttempt(operation, () => fetchWithTimeout.apply(client, args));
}
