import { field } from '@groqmeter/recorder';

/**
 * Whether a failure is the caller's own abort (its `abortSignal` fired, or an `AbortError` came
 * back): the operation was abandoned, not failed by Groq.
 */
export function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || field(error, 'name') === 'AbortError';
}
