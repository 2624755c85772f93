import type { OperationHandle } from './types.js';

/**
 * Send one HTTP attempt with `send` (an adapter's wrapped `fetch`) and report it to `operation`:
 * the response's status and headers (rate limits, `retry-after`), or an attempt without status
 * when the connection failed, whose error is rethrown unchanged. The response is returned as it
 * came: its body is the caller's. A report that throws never reaches the caller.
 *
 * One `then` on the promise `send` returns, rather than an `async` function: no promise of its
 * own and no resumption per attempt.
 */
export function observeHttpAttempt(
  operation: Pick<OperationHandle, 'attempt'>,
  send: () => Promise<Response>,
): Promise<Response> {
  let sent: Promise<Response>;
  try {
    sent = Promise.resolve(send());
  } catch (error) {
    report(operation, undefined);
    return Promise.reject(error);
  }
  return sent.then(
    (response) => {
      report(operation, response);
      return response;
    },
    (error: unknown) => {
      report(operation, undefined);
      throw error;
    },
  );
}

function report(operation: Pick<OperationHandle, 'attempt'>, response: Response | undefined): void {
  try {
    operation.attempt(response === undefined ? {} : { status: response.status, headers: response.headers });
  } catch {
    // The operation's own recording failed (it counts that itself); the attempt goes on.
  }
}
