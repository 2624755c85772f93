import type { OperationHandle } from '@groqmeter/recorder';
import { context } from '@opentelemetry/api';
import { isAbort } from './abort.js';

/**
 * Make the model call under the operation's context (so HTTP spans nest under its span and any
 * groqmeter recording underneath is suppressed); a failed call fails the operation, or abandons
 * it when the caller aborted. The call's own result or error is passed on unchanged.
 */
export async function callModel<T>(
  handle: OperationHandle,
  params: { abortSignal?: AbortSignal },
  call: () => PromiseLike<T>,
): Promise<T> {
  try {
    return await context.with(handle.context, call);
  } catch (error) {
    if (isAbort(error, params.abortSignal)) handle.abandon();
    else handle.fail({ error });
    throw error;
  }
}
