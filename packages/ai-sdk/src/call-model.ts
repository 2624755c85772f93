import type { OperationHandle } from '@groqmeter/recorder';
import { context } from '@opentelemetry/api';
import { isAbort } from './abort.js';

/**
 * Make the model call under the operation's context (so HTTP spans nest under its span and any
 * groqmeter recording underneath is suppressed) and hand its result to `onResult`; a failed call
 * fails the operation, or abandons it when the caller aborted, and its error is passed on
 * unchanged. One `then` on the call's own promise: no async wrapper of our own around it.
 */
export function callModel<T, R>(
  handle: OperationHandle,
  abortSignal: AbortSignal | undefined,
  call: () => PromiseLike<T>,
  onResult: (result: T) => R,
): Promise<Awaited<R>> {
  const failed = (error: unknown): never => {
    if (isAbort(error, abortSignal)) handle.abandon();
    else handle.fail({ error });
    throw error;
  };
  let called: PromiseLike<T>;
  try {
    called = context.with(handle.context, call);
  } catch (error) {
    // A call that throws instead of rejecting: the caller still gets a rejected promise.
    called = Promise.reject(error);
  }
  return Promise.resolve(called).then(onResult, failed) as Promise<Awaited<R>>;
}
