import { parseGoDuration } from './go-duration.js';
import type { HeadersLike } from './types.js';

/** One of Groq's two rate-limit windows, as its headers describe it. */
export interface RateLimitWindow {
  /** `x-ratelimit-limit-*`. */
  limit?: number;
  /** `x-ratelimit-remaining-*`. */
  remaining?: number;
  /** `x-ratelimit-reset-*`, converted from a Go duration to seconds. */
  resetSeconds?: number;
}

/** What a response's rate-limit headers say. Missing headers leave their field undefined. */
export interface RateLimitSnapshot {
  /** Requests per day (RPD): `x-ratelimit-*-requests`. */
  requests: RateLimitWindow;
  /** Tokens per minute (TPM): `x-ratelimit-*-tokens`. */
  tokens: RateLimitWindow;
  /** From `retry-after-ms` (preferred, more precise) or `retry-after` (seconds or an HTTP date). */
  retryAfterSeconds?: number;
  /** Names of headers that were present but unparseable; their fields are left undefined. */
  invalidHeaders: string[];
}

/**
 * Read one header case-insensitively from either shape of {@link HeadersLike}. A record is looked up
 * by the lowercase name first (the AI SDK and Node hand over fetch's lowercase names), and scanned
 * case-insensitively only when that misses: eight names are read per response.
 */
export function readHeader(headers: HeadersLike, name: string): string | undefined {
  if (typeof headers.get === 'function') {
    const value = (headers as { get(name: string): string | null | undefined }).get(name);
    return value ?? undefined;
  }
  const record = headers as Record<string, string | string[] | undefined>;
  const direct = record[name];
  if (direct !== undefined) return Array.isArray(direct) ? direct[0] : direct;
  for (const key of Object.keys(record)) {
    if (key.toLowerCase() !== name) continue;
    const value = record[key];
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** RFC 9110 IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT` (Date.parse alone accepts `-3`). */
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** Digits, then optionally a dot and digits (`^\d+(\.\d+)?$`), checked by hand: six headers per response. */
function isNonNegativeDecimal(text: string): boolean {
  let index = 0;
  let digits = 0;
  let dotAt = -1;
  for (; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57) digits++;
    else if (code === 46 && dotAt < 0 && digits > 0) dotAt = index;
    else return false;
  }
  return digits > 0 && dotAt !== text.length - 1;
}

function parseCount(text: string): number | undefined {
  return isNonNegativeDecimal(text) ? Number(text) : undefined;
}

function parseResetSeconds(text: string): number | undefined {
  const seconds = parseGoDuration(text) ?? parseCount(text);
  return seconds !== undefined && seconds >= 0 ? seconds : undefined;
}

function parseRetryAfterSeconds(text: string, now: number): number | undefined {
  const seconds = parseCount(text);
  if (seconds !== undefined) return seconds;
  // RFC 9110 also allows an HTTP date; a date in the past means "retry now".
  if (!HTTP_DATE.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

type HeaderParser = (text: string, now: number) => number | undefined;

/** One header's value, or undefined when absent or blank; an unparseable one is listed in `invalid`. */
function parseHeader(
  headers: HeadersLike,
  name: string,
  parser: HeaderParser,
  now: number,
  invalid: string[],
): number | undefined {
  const text = readHeader(headers, name)?.trim();
  if (text === undefined || text === '') return undefined;
  const value = parser(text, now);
  if (value === undefined) invalid.push(name);
  return value;
}

/** The header names of each window, built once rather than on every response. */
const WINDOW_HEADERS = {
  requests: {
    limit: 'x-ratelimit-limit-requests',
    remaining: 'x-ratelimit-remaining-requests',
    reset: 'x-ratelimit-reset-requests',
  },
  tokens: {
    limit: 'x-ratelimit-limit-tokens',
    remaining: 'x-ratelimit-remaining-tokens',
    reset: 'x-ratelimit-reset-tokens',
  },
} as const;

function parseWindow(
  headers: HeadersLike,
  resource: keyof typeof WINDOW_HEADERS,
  now: number,
  invalid: string[],
): RateLimitWindow {
  const names = WINDOW_HEADERS[resource];
  const window: RateLimitWindow = {};
  const limit = parseHeader(headers, names.limit, parseCount, now, invalid);
  if (limit !== undefined) window.limit = limit;
  const remaining = parseHeader(headers, names.remaining, parseCount, now, invalid);
  if (remaining !== undefined) window.remaining = remaining;
  const resetSeconds = parseHeader(headers, names.reset, parseResetSeconds, now, invalid);
  if (resetSeconds !== undefined) window.resetSeconds = resetSeconds;
  return window;
}

/**
 * Parse Groq's rate-limit headers (`x-ratelimit-{limit,remaining,reset}-{requests,tokens}`,
 * `retry-after`, `retry-after-ms`). Never throws: a header with an unparseable value leaves its
 * field undefined and is listed in {@link RateLimitSnapshot.invalidHeaders}.
 *
 * @param now - ms since epoch, used only to turn an HTTP-date `retry-after` into seconds.
 */
export function parseRateLimitHeaders(headers: HeadersLike, now: number = Date.now()): RateLimitSnapshot {
  const invalidHeaders: string[] = [];
  const requests = parseWindow(headers, 'requests', now, invalidHeaders);
  const tokens = parseWindow(headers, 'tokens', now, invalidHeaders);
  const retryAfterMs = parseHeader(headers, 'retry-after-ms', parseCount, now, invalidHeaders);
  const retryAfterSeconds =
    retryAfterMs !== undefined
      ? retryAfterMs / 1000
      : parseHeader(headers, 'retry-after', parseRetryAfterSeconds, now, invalidHeaders);
  return retryAfterSeconds === undefined
    ? { requests, tokens, invalidHeaders }
    : { requests, tokens, retryAfterSeconds, invalidHeaders };
}
