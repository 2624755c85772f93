import { AsyncLocalStorage } from 'node:async_hooks';
import { type AttemptFacts, observeHttpAttempt } from '@groqmeter/recorder';
import type { FetchWithTimeout } from './internal-types.js';

/** Where the attempts of one call are reported. */
export interface AttemptSink {
  attempt(facts: AttemptFacts): void;
}

/**
 * The call whose HTTP attempts are being made in this async context. groq-sdk starts a request
 * synchronously inside `create()` and runs its retries as continuations of that request, so every
 * attempt of one call runs in the context entered here, and concurrent calls on the same client
 * never mix. An AsyncLocalStorage of our own (rather than the OTel context) keeps this working
 * when the app registered no OTel context manager.
 */
const callOfAttempts = new AsyncLocalStorage<AttemptSink>();

/** Run the SDK call so that its attempts are reported to `sink`. */
export function runReportingAttempts<T>(sink: AttemptSink, fn: () => T): T {
  return callOfAttempts.run(sink, fn);
}

/** Whether the current code runs inside an observed SDK call (nested calls are passed through). */
export function isInsideObservedCall(): boolean {
  return callOfAttempts.getStore() !== undefined;
}

/**
 * Perform one attempt with groq-sdk's own `fetchWithTimeout` and report its status and headers
 * (rate limits, `retry-after`) to the call being observed. A connection failure is reported as
 * an attempt without status. Outside an observed call it is a plain pass-through.
 */
export async function fetchReportingAttempt(
  fetchWithTimeout: FetchWithTimeout,
  client: unknown,
  args: Parameters<FetchWithTimeout>,
): Promise<Response> {
  const sink = callOfAttempts.getStore();
  if (sink === undefined) return fetchWithTimeout.apply(client, args);
  return observeHttpAttempt(sink, () => fetchWithTimeout.apply(client, args));
}
