import { APICallError } from '@ai-sdk/provider';
import Groq from 'groq-sdk';
import { describe, expect, it } from 'vitest';
import {
  errorHeadersOf,
  errorMessageForSpan,
  errorStatusOf,
  errorTypeOf,
  scrubSecrets,
} from './error-facts.js';

const RATE_LIMIT_BODY = {
  error: {
    message: 'Rate limit reached for model `llama-3.3-70b-versatile` on tokens per minute (TPM)',
    type: 'tokens',
    code: 'rate_limit_exceeded',
  },
};

function groqError(status: number, body: unknown, headers: Record<string, string> = {}) {
  return Groq.APIError.generate(status, body as object, undefined, new Headers(headers));
}

describe('errorTypeOf', () => {
  it("uses Groq's error code from a groq-sdk error", () => {
    expect(errorTypeOf(groqError(429, RATE_LIMIT_BODY))).toBe('rate_limit_exceeded');
  });

  it("falls back to groq-sdk's class name for the status when the body has no code", () => {
    expect(errorTypeOf(groqError(429, { error: { message: 'slow down' } }))).toBe('RateLimitError');
    expect(errorTypeOf(groqError(401, undefined))).toBe('AuthenticationError');
    expect(errorTypeOf(groqError(503, undefined))).toBe('InternalServerError');
  });

  it('uses the class name for statuses groq-sdk has no class for', () => {
    expect(errorTypeOf(groqError(413, undefined))).toBe('APIError');
  });

  it('reads the code from an AI SDK APICallError response body', () => {
    const error = new APICallError({
      message: 'Rate limit reached',
      url: 'https://api.groq.com/openai/v1/chat/completions',
      requestBodyValues: {},
      statusCode: 429,
      responseBody: JSON.stringify(RATE_LIMIT_BODY),
    });
    expect(errorTypeOf(error)).toBe('rate_limit_exceeded');
  });

  it('maps an AI SDK APICallError without a code to the same name as groq-sdk', () => {
    const error = new APICallError({
      message: 'Rate limit reached',
      url: 'https://api.groq.com/openai/v1/chat/completions',
      requestBodyValues: {},
      statusCode: 429,
      responseBody: 'not json',
    });
    expect(errorTypeOf(error)).toBe('RateLimitError');
  });

  it('prefers an explicit status over the error', () => {
    expect(errorTypeOf(new Error('boom'), 404)).toBe('NotFoundError');
  });

  it('uses the class name of errors without status or code', () => {
    expect(errorTypeOf(new Groq.APIConnectionError({ message: 'Connection error.' }))).toBe(
      'APIConnectionError',
    );
    expect(errorTypeOf(new TypeError('fetch failed'))).toBe('TypeError');
    expect(errorTypeOf(new DOMException('This operation was aborted', 'AbortError'))).toBe('AbortError');
  });

  it('uses a client error code such as ECONNRESET', () => {
    expect(errorTypeOf(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(
      'ECONNRESET',
    );
  });

  it('falls back to _OTHER', () => {
    expect(errorTypeOf('a string')).toBe('_OTHER');
    expect(errorTypeOf(undefined)).toBe('_OTHER');
    expect(errorTypeOf({ message: 'plain object' })).toBe('_OTHER');
    expect(errorTypeOf(Object.create(null))).toBe('_OTHER');
  });

  it('ignores codes that are not low-cardinality identifiers', () => {
    expect(errorTypeOf(Object.assign(new RangeError('x'), { code: 'user 123 said hello' }))).toBe(
      'RangeError',
    );
    expect(errorTypeOf(Object.assign(new RangeError('x'), { code: 42 }))).toBe('RangeError');
  });
});

describe('errorStatusOf and errorHeadersOf', () => {
  it('read groq-sdk errors', () => {
    const error = groqError(429, RATE_LIMIT_BODY, { 'retry-after': '2' });
    expect(errorStatusOf(error)).toBe(429);
    expect((errorHeadersOf(error) as Headers).get('retry-after')).toBe('2');
  });

  it('read AI SDK errors', () => {
    const error = new APICallError({
      message: 'x',
      url: 'u',
      requestBodyValues: {},
      statusCode: 498,
      responseHeaders: { 'retry-after': '5' },
    });
    expect(errorStatusOf(error)).toBe(498);
    expect(errorHeadersOf(error)).toEqual({ 'retry-after': '5' });
  });

  it('ignore values that are not HTTP statuses or header objects', () => {
    expect(errorStatusOf({ status: 'bad' })).toBeUndefined();
    expect(errorStatusOf({ status: 42 })).toBeUndefined();
    expect(errorHeadersOf({ headers: 'x' })).toBeUndefined();
    expect(errorHeadersOf(null)).toBeUndefined();
  });
});

describe('scrubSecrets and errorMessageForSpan', () => {
  it('removes Groq keys and bearer tokens', () => {
    expect(scrubSecrets('401 Invalid API Key gsk_abcDEF123456789 (Authorization: Bearer gsk_zzz999)')).toBe(
      '401 Invalid API Key gsk_[REDACTED] (Authorization: Bearer [REDACTED])',
    );
  });

  it('takes the message of errors and strings, scrubbed and bounded', () => {
    expect(errorMessageForSpan(new Error('bad key gsk_0123456789abcdef'))).toBe('bad key gsk_[REDACTED]');
    expect(errorMessageForSpan('plain gsk_secretsecret')).toBe('plain gsk_[REDACTED]');
    expect(errorMessageForSpan({ message: 42 })).toBe('');
    expect(errorMessageForSpan(new Error('x'.repeat(5000)))).toHaveLength(1024);
  });
});

describe('errors without a Groq code', () => {
  /** Groq's in-stream error frame, as groq-sdk throws it: an APIError with no status of its own. */
  const FRAME = {
    message:
      "Failed to call a function. Please adjust your prompt. See 'failed_generation' for more details.",
    type: 'invalid_request_error',
    failed_generation: '',
    status_code: 400,
  };

  it("read the status_code of an in-stream error frame, on groq-sdk's error or the AI SDK's", () => {
    const frameError = new Groq.APIError(undefined, FRAME, undefined, undefined);
    expect(errorStatusOf(frameError)).toBe(400);
    expect(errorTypeOf(frameError)).toBe('BadRequestError');
    expect(
      errorTypeOf(new Groq.APIError(undefined, { ...FRAME, code: 'tool_use_failed' }, undefined, undefined)),
    ).toBe('tool_use_failed');
    expect(errorStatusOf({ data: { error: FRAME } })).toBe(400);
    expect(errorStatusOf({ responseBody: JSON.stringify({ error: FRAME }) })).toBe(400);
  });

  it('map a 4xx groq-sdk has no class for to APIError and a 5xx to InternalServerError', () => {
    expect(errorTypeOf(new Error('payload too large'), 413)).toBe('APIError');
    expect(errorTypeOf(new Error('capacity'), 498)).toBe('APIError');
    expect(errorTypeOf(new Error('bad gateway'), 502)).toBe('InternalServerError');
  });

  it("map classes that are not the SDKs' or JavaScript's own to _OTHER, so the label stays bounded", () => {
    class CheckoutFailedForUser4711 extends Error {}
    expect(errorTypeOf(new CheckoutFailedForUser4711('x'))).toBe('_OTHER');
    expect(errorTypeOf(new SyntaxError('Unexpected token'))).toBe('SyntaxError');
  });
});
