import { ERROR_TYPE_VALUE_OTHER } from './semconv.js';
import type { HeadersLike } from './types.js';

/** groq-sdk's error class per HTTP status, so that every adapter reports the same `error.type`. */
const ERROR_CLASS_BY_STATUS: Record<number, string> = {
  400: 'BadRequestError',
  401: 'AuthenticationError',
  403: 'PermissionDeniedError',
  404: 'NotFoundError',
  409: 'ConflictError',
  422: 'UnprocessableEntityError',
  429: 'RateLimitError',
};
const SERVER_ERROR_CLASS = 'InternalServerError';
/** groq-sdk's and openai's class for a 4xx status they have no own class for (413, 498…). */
const CLIENT_ERROR_CLASS = 'APIError';

/**
 * The error classes whose name becomes `error.type` when there is no code and no status: the SDKs'
 * (groq-sdk, openai, AI SDK, LangChain) and JavaScript's own. Any other class, an app's or a
 * library's subclass, is `_OTHER`, so that the label stays bounded.
 */
const KNOWN_ERROR_CLASSES: ReadonlySet<string> = new Set([
  'APIError',
  'APIConnectionError',
  'APIConnectionTimeoutError',
  'APIUserAbortError',
  'GroqError',
  'OpenAIError',
  'APICallError',
  'RetryError',
  'InvalidResponseDataError',
  'EmptyResponseBodyError',
  'JSONParseError',
  'TypeValidationError',
  'NoSuchModelError',
  'LoadAPIKeyError',
  'InvalidArgumentError',
  'UnsupportedFunctionalityError',
  'NoContentGeneratedError',
  'NoObjectGeneratedError',
  'InvalidPromptError',
  'AbortError',
  'TimeoutError',
  'Error',
  'TypeError',
  'RangeError',
  'SyntaxError',
  'ReferenceError',
]);

/** Error types must stay low-cardinality label values: a short identifier, nothing else. */
const ERROR_TYPE_SHAPE = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
const MAX_RESPONSE_BODY_TO_PARSE = 64 * 1024;
const MAX_SPAN_MESSAGE_LENGTH = 1024;

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function asErrorType(value: unknown): string | undefined {
  return typeof value === 'string' && ERROR_TYPE_SHAPE.test(value) ? value : undefined;
}

function parsedResponseBody(error: unknown): unknown {
  const body = field(error, 'responseBody');
  if (typeof body !== 'string' || body.length > MAX_RESPONSE_BODY_TO_PARSE) return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/**
 * The provider's error code (`rate_limit_exceeded`, `model_not_found`, `capacity_exceeded`…) or a
 * client error code (`ECONNRESET`), from where the SDKs put it: `error.code`; groq-sdk's
 * `error.error.code` / `error.error.error.code` (the response body); the AI SDK's
 * `error.data.error.code` or its raw `error.responseBody`.
 */
function providerErrorCode(error: unknown): string | undefined {
  const body = field(error, 'error');
  const candidates = [
    field(error, 'code'),
    field(body, 'code'),
    field(field(body, 'error'), 'code'),
    field(field(field(error, 'data'), 'error'), 'code'),
    field(field(parsedResponseBody(error), 'error'), 'code'),
  ];
  for (const candidate of candidates) {
    const code = asErrorType(candidate);
    if (code !== undefined) return code;
  }
  return undefined;
}

function errorClassName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const className = (Object.getPrototypeOf(error) as { constructor?: { name?: unknown } } | null)?.constructor
    ?.name;
  // A DOMException's class says nothing; its name (AbortError, TimeoutError) does.
  const name = className === 'DOMException' ? field(error, 'name') : className;
  return typeof name === 'string' && KNOWN_ERROR_CLASSES.has(name) ? name : undefined;
}

/**
 * The HTTP status of a failed call: `error.status` (groq-sdk, openai), `error.statusCode` (AI
 * SDK), or the `status_code` Groq puts in the error object of an in-stream error frame
 * (`{"error":{…,"status_code":400}}`), which the SDKs throw with no status of their own: on the
 * error, its `error` body (groq-sdk's `APIError`), the AI SDK's `data.error` or its raw body.
 */
export function errorStatusOf(error: unknown): number | undefined {
  const body = field(error, 'error');
  const candidates = [
    field(error, 'status'),
    field(error, 'statusCode'),
    field(error, 'status_code'),
    field(body, 'status_code'),
    field(field(body, 'error'), 'status_code'),
    field(field(field(error, 'data'), 'error'), 'status_code'),
    field(field(parsedResponseBody(error), 'error'), 'status_code'),
  ];
  for (const candidate of candidates) {
    if (typeof candidate === 'number' && Number.isInteger(candidate) && candidate >= 100 && candidate < 600) {
      return candidate;
    }
  }
  return undefined;
}

/** The response headers of a failed call: `error.headers` (groq-sdk) or `error.responseHeaders` (AI SDK). */
export function errorHeadersOf(error: unknown): HeadersLike | undefined {
  for (const candidate of [field(error, 'headers'), field(error, 'responseHeaders')]) {
    if (typeof candidate === 'object' && candidate !== null) return candidate as HeadersLike;
  }
  return undefined;
}

/**
 * `error.type` of a failed operation, the first that applies:
 * 1. the provider's or client's error code (`rate_limit_exceeded`, `ECONNRESET`);
 * 2. groq-sdk's class name for the HTTP status (`BadRequestError` 400, `AuthenticationError` 401,
 *    `PermissionDeniedError` 403, `NotFoundError` 404, `ConflictError` 409,
 *    `UnprocessableEntityError` 422, `RateLimitError` 429, `APIError` any other 4xx,
 *    `InternalServerError` 5xx), so that a status-only error from any SDK reads the same;
 * 3. the error's class name when it is one of the SDKs' or JavaScript's own (`APIConnectionError`,
 *    `TypeError`; a `DOMException`'s name such as `AbortError`);
 * 4. `_OTHER` (any other class: the label stays bounded).
 */
export function errorTypeOf(error: unknown, status?: number): string {
  const httpStatus = status ?? errorStatusOf(error);
  const statusClass =
    httpStatus === undefined
      ? undefined
      : (ERROR_CLASS_BY_STATUS[httpStatus] ??
        (httpStatus >= 500 ? SERVER_ERROR_CLASS : httpStatus >= 400 ? CLIENT_ERROR_CLASS : undefined));
  return providerErrorCode(error) ?? statusClass ?? errorClassName(error) ?? ERROR_TYPE_VALUE_OTHER;
}

/**
 * Remove anything shaped like a credential: Groq API keys (`gsk_…`) and bearer tokens. Applied to
 * every error message the recorder puts on a span.
 */
export function scrubSecrets(text: string): string {
  // Bearer tokens are RFC 6750 token68 characters.
  return text
    .replace(/\bBearer\s+[A-Za-z0-9\-._~+/]+=*/gi, 'Bearer [REDACTED]')
    .replace(/gsk_[A-Za-z0-9]+/g, 'gsk_[REDACTED]');
}

/** The span status message of a failure: the error's message, credentials scrubbed, bounded in length. */
export function errorMessageForSpan(error: unknown): string {
  const message =
    typeof error === 'string'
      ? error
      : typeof field(error, 'message') === 'string'
        ? (field(error, 'message') as string)
        : '';
  return scrubSecrets(message).slice(0, MAX_SPAN_MESSAGE_LENGTH);
}
