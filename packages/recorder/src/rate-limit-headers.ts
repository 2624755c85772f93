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

/** Read one header case-insensitively from either shape of {@link HeadersLike}. */
export function readHeader(headers: HeadersLike, name: string): string | undefined {
  if (typeof headers.get === 'function') {
    const value = (headers as { get(name: string): string | null | undefined }).get(name);
    return value ?? undefined;
  }
  const record = headers as Record<string, string | string[] | undefined>;
  for (const key of Object.keys(record)) {
    if (key.toLowerCase() !== name) continue;
    const value = record[key];
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

const NON_NEGATIVE_NUMBER = /^\d+(\.\d+)?$/;
/** RFC 9110 IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT` (Date.parse alone accepts `-3`). */
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

function parseCount(text: string): number | undefined {
  return NON_NEGATIVE_NUMBER.test(text) ? Number(text) : undefined;
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

/**
 * Parse Groq's rate-limit headers (`x-ratelimit-{limit,remaining,reset}-{requests,tokens}`,
 * `retry-after`, `retry-after-ms`). Never throws: a header with an unparseable value leaves its
 * field undefined and is listed in {@link RateLimitSnapshot.invalidHeaders}.
 *
 * @param now - ms since epoch, used only to turn an HTTP-date `retry-after` into seconds.
 */
export function parseRateLimitHeaders(headers: HeadersLike, now: number = Date.now()): RateLimitSnapshot {
  const invalidHeaders: string[] = [];
  const parse = (name: string, parser: (text: string) => number | undefined): number | undefined => {
    const text = readHeader(headers, name)?.trim();
    if (text === undefined || text === '') return undefined;
    const value = parser(text);
    if (value === undefined) invalidHeaders.push(name);
    return value;
  };
  const window = (resource: 'requests' | 'tokens'): RateLimitWindow =>
    dropUndefined({
      limit: parse(`x-ratelimit-limit-${resource}`, parseCount),
      remaining: parse(`x-ratelimit-remaining-${resource}`, parseCount),
      resetSeconds: parse(`x-ratelimit-reset-${resource}`, parseResetSeconds),
    });
  const requests = window('requests');
  const tokens = window('tokens');
  const retryAfterMs = parse('retry-after-ms', parseCount);
  const retryAfterSeconds =
    retryAfterMs !== undefined
      ? retryAfterMs / 1000
      : parse('retry-after', (text) => parseRetryAfterSeconds(text, now));
  return dropUndefined({ requests, tokens, retryAfterSeconds, invalidHeaders });
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
