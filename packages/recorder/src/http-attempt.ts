import type { OperationHandle } from './types.js';

/**
 * Send one HTTP attempt with `send` (an adapter's wrapped `fetch`) and report it to `operation`:
 * the response's status and headers (rate limits, `retry-after`), or an attempt without status
 * when the connection failed, whose error is rethrown unchanged. The response is returned as it
 * came: its body is the caller's.
 */
export async function observeHttpAttempt(
  operation: Pick<OperationHandle, 'attempt'>,
  send: () => Promise<Response>,
): Promise<Response> {
  let response: Response;
  try {
    response = await send();
  } catch (error) {
    operation.attempt({});
    throw error;
  }
  operation.attempt({ status: response.status, headers: response.headers });
  return response;
}
