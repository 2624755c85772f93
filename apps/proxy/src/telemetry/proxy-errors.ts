/*
 * The failures the proxy itself sees, named after the groq-sdk and openai SDK classes for the same
 * situation, so that `error.type` reads the same through the proxy as through an instrumented SDK
 * (the recorder's `errorTypeOf` knows these class names).
 */

/** The upstream could not be reached, or the connection dropped before the answer was complete. */
export class APIConnectionError extends Error {
  override readonly name = 'APIConnectionError';
}

/** The upstream exchange took longer than `--upstream-timeout`. */
export class APIConnectionTimeoutError extends Error {
  override readonly name = 'APIConnectionTimeoutError';
}

/** The client went away before a non-streamed answer arrived. */
export class APIUserAbortError extends Error {
  override readonly name = 'APIUserAbortError';
}

/**
 * An HTTP error answer (4xx, 5xx), or Groq's in-stream error frame. `error` is Groq's error object
 * (`{ message, type, code, status_code? }`), where the recorder reads `code` and `status_code`.
 */
export class UpstreamAPIError extends Error {
  override readonly name = 'UpstreamAPIError';
  constructor(
    readonly status: number | undefined,
    readonly error: unknown,
  ) {
    const message = (error as { message?: unknown } | undefined)?.message;
    super(typeof message === 'string' ? message : `upstream answered ${status ?? 'with an error'}`);
  }
}
