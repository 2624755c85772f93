import { ACTIVE_OPERATION_ATTEMPTS, observeHttpAttempt } from '@groqmeter/recorder';
import type { FetchWithTimeout } from './internal-types.js';

/**
 * Perform one attempt with the SDK's own `fetchWithTimeout` and report its status and headers
 * (rate limits, `retry-after`) to the operation it belongs to, found in the recorder's attempt
 * scope of the active operation (`ACTIVE_OPERATION_ATTEMPTS`, which `observeCall` runs each call
 * in): an observed call, or the operation of another adapter whose suppressed SDK call this is. A
 * connection failure is reported as an attempt without status. Outside an operation it is a plain
 * pass-through.
 */
export function fetchReportingAttempt(
  fetchWithTimeout: FetchWithTimeout,
  client: unknown,
  args: Parameters<FetchWithTimeout>,
): Promise<Response> {
  const operation = ACTIVE_OPERATION_ATTEMPTS.current();
  if (operation === undefined) return fetchWithTimeout.apply(client, args);
  return observeHttpAttempt(operation, () => fetchWithTimeout.apply(client, args));
}
