import { formatGoDuration } from './go-duration';
import type { RateLimitRefusal } from './rate-limiter';

/** Groq's error body: `{"error":{"message","type","code"?}}`. */
export interface GroqErrorBody {
  error: { message: string; type: string; code?: string; param?: string };
}

/** An error response: status, body and extra headers (such as `retry-after`). */
export interface GroqErrorResponse {
  status: number;
  body: GroqErrorBody;
  headers?: Record<string, string>;
}

function errorResponse(status: number, message: string, type: string, code?: string): GroqErrorResponse {
  const error: GroqErrorBody['error'] = { message, type };
  if (code !== undefined) error.code = code;
  return { status, body: { error } };
}

export function invalidApiKey(): GroqErrorResponse {
  return errorResponse(401, 'Invalid API Key', 'invalid_request_error', 'invalid_api_key');
}

export function invalidRequest(message: string, code?: string): GroqErrorResponse {
  return errorResponse(400, message, 'invalid_request_error', code);
}

export function modelNotFound(model: string): GroqErrorResponse {
  return errorResponse(
    404,
    `The model \`${model}\` does not exist or you do not have access to it.`,
    'invalid_request_error',
    'model_not_found',
  );
}

export function notFound(message: string): GroqErrorResponse {
  return errorResponse(404, message, 'invalid_request_error', 'not_found');
}

export function unknownRoute(method: string, path: string): GroqErrorResponse {
  return errorResponse(
    404,
    `Unknown request URL: ${method} ${path}. Please check the URL for typos.`,
    'invalid_request_error',
    'unknown_url',
  );
}

export function payloadTooLarge(limitBytes: number): GroqErrorResponse {
  return errorResponse(
    413,
    `Request body is larger than the simulator's limit of ${limitBytes} bytes; send a smaller file.`,
    'invalid_request_error',
    'request_too_large',
  );
}

/**
 * The error Groq sends inside a stream that already answered 200, when generation fails part-way
 * (a tool call or JSON answer that does not validate). It is an SSE `error` event whose data is
 * Groq's error object with the HTTP status it stands for (`status_code: 400`); the stream ends
 * after it, without `[DONE]`.
 */
export function streamErrorFrame(): { error: Record<string, unknown> } {
  return {
    error: {
      message:
        "Failed to call a function. Please adjust your prompt. See 'failed_generation' for more details.",
      type: 'invalid_request_error',
      code: 'tool_use_failed',
      failed_generation: '',
      status_code: 400,
    },
  };
}

export function internalServerError(): GroqErrorResponse {
  return errorResponse(500, 'Internal Server Error', 'internal_server_error');
}

export function serviceUnavailable(): GroqErrorResponse {
  return errorResponse(503, 'Service Unavailable', 'internal_server_error', 'service_unavailable');
}

export function flexCapacityExceeded(): GroqErrorResponse {
  return errorResponse(
    498,
    'Flex tier capacity exceeded. This is a temporary condition; retry later or use service_tier `on_demand`.',
    'capacity_exceeded',
    'capacity_exceeded',
  );
}

/** The sentence Groq ends rate-limit messages with, by plan. */
const PLAN_HINTS = {
  free: 'Need more tokens? Upgrade to Dev Tier today at https://console.groq.com/settings/billing',
  developer: 'Visit https://console.groq.com/docs/rate-limits for more information.',
} as const;

/** Who a rate-limit message is about. */
export interface RateLimitScope {
  model: string;
  organization: string;
  serviceTier: string;
  plan: keyof typeof PLAN_HINTS;
}

/**
 * Groq's rate-limit refusal: 429 with `retry-after` (whole seconds, rounded up) and the message
 * naming the limit, or 413 "Request too large" when the request can never fit the TPM limit.
 */
export function rateLimitExceeded(
  { model, organization, serviceTier, plan }: RateLimitScope,
  refusal: Pick<RateLimitRefusal, 'status' | 'resource' | 'limit' | 'used' | 'requested' | 'waitSeconds'>,
): GroqErrorResponse {
  const limitName = refusal.resource === 'tokens' ? 'tokens per minute (TPM)' : 'requests per day (RPD)';
  const scope = `for model \`${model}\` in organization \`${organization}\` service tier \`${serviceTier}\` on ${limitName}`;
  const hint = PLAN_HINTS[plan];
  if (refusal.status === 413) {
    return errorResponse(
      413,
      `Request too large ${scope}: Limit ${refusal.limit}, Requested ${refusal.requested}, please reduce your message size and try again. ${hint}`,
      refusal.resource,
      'rate_limit_exceeded',
    );
  }
  const response = errorResponse(
    429,
    `Rate limit reached ${scope}: Limit ${refusal.limit}, Used ${refusal.used}, Requested ${refusal.requested}. Please try again in ${formatGoDuration(refusal.waitSeconds)}. ${hint}`,
    refusal.resource,
    'rate_limit_exceeded',
  );
  response.headers = { 'retry-after': String(Math.ceil(refusal.waitSeconds)) };
  return response;
}
