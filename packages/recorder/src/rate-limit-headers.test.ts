import { describe, expect, it } from 'vitest';
import { RATE_LIMIT_HEADERS } from '../test/fixtures.js';
import { parseRateLimitHeaders, readHeader } from './rate-limit-headers.js';

describe('parseRateLimitHeaders', () => {
  it('parses the documented Groq headers from a fetch Headers object', () => {
    expect(parseRateLimitHeaders(new Headers(RATE_LIMIT_HEADERS))).toEqual({
      requests: { limit: 14400, remaining: 14370, resetSeconds: 179.56 },
      tokens: { limit: 18000, remaining: 17997, resetSeconds: 7.66 },
      invalidHeaders: [],
    });
  });

  it('reads a plain record case-insensitively, taking the first of repeated values', () => {
    expect(
      parseRateLimitHeaders({
        'X-RateLimit-Remaining-Tokens': ['120', '999'],
        'Retry-After': '2',
        unrelated: undefined,
      }),
    ).toEqual({ requests: {}, tokens: { remaining: 120 }, retryAfterSeconds: 2, invalidHeaders: [] });
  });

  it('returns empty windows when there are no rate-limit headers', () => {
    expect(parseRateLimitHeaders({})).toEqual({ requests: {}, tokens: {}, invalidHeaders: [] });
  });

  it.each([
    ['retry-after', '2', 2],
    ['retry-after', '0', 0],
    ['retry-after', '1.5', 1.5],
    ['retry-after-ms', '250', 0.25],
  ])('reads %s: %j as %d seconds', (name, value, seconds) => {
    expect(parseRateLimitHeaders({ [name]: value }).retryAfterSeconds).toBe(seconds);
  });

  it('prefers retry-after-ms over retry-after', () => {
    expect(parseRateLimitHeaders({ 'retry-after': '3', 'retry-after-ms': '2500' }).retryAfterSeconds).toBe(
      2.5,
    );
  });

  it('falls back to retry-after when retry-after-ms is garbage, reporting the bad one', () => {
    expect(parseRateLimitHeaders({ 'retry-after': '3', 'retry-after-ms': 'soon' })).toEqual({
      requests: {},
      tokens: {},
      retryAfterSeconds: 3,
      invalidHeaders: ['retry-after-ms'],
    });
  });

  it('turns an HTTP-date retry-after into seconds from now, and a past date into 0', () => {
    const now = Date.parse('2026-11-21T12:00:00Z');
    expect(
      parseRateLimitHeaders({ 'retry-after': 'Sat, 21 Nov 2026 12:00:30 GMT' }, now).retryAfterSeconds,
    ).toBe(30);
    expect(
      parseRateLimitHeaders({ 'retry-after': 'Sat, 21 Nov 2026 11:00:00 GMT' }, now).retryAfterSeconds,
    ).toBe(0);
  });

  it.each([
    ['x-ratelimit-reset-tokens', '1s', { tokens: { resetSeconds: 1 } }],
    ['x-ratelimit-reset-tokens', '6m0s', { tokens: { resetSeconds: 360 } }],
    ['x-ratelimit-reset-tokens', '500ms', { tokens: { resetSeconds: 0.5 } }],
    ['x-ratelimit-reset-requests', '1h2m3s', { requests: { resetSeconds: 3723 } }],
    ['x-ratelimit-reset-requests', '12', { requests: { resetSeconds: 12 } }],
    ['x-ratelimit-remaining-requests', ' 42 ', { requests: { remaining: 42 } }],
    ['x-ratelimit-remaining-requests', '0', { requests: { remaining: 0 } }],
  ])('parses %s: %j', (name, value, expected) => {
    expect(parseRateLimitHeaders({ [name]: value })).toEqual({
      requests: {},
      tokens: {},
      invalidHeaders: [],
      ...expected,
    });
  });

  it.each([
    ['x-ratelimit-limit-requests', '14.4K'],
    ['x-ratelimit-limit-tokens', '-5'],
    ['x-ratelimit-remaining-requests', 'NaN'],
    ['x-ratelimit-remaining-tokens', '1e3'],
    ['x-ratelimit-reset-requests', '-1s'],
    ['x-ratelimit-reset-tokens', 'soon'],
    ['x-ratelimit-reset-tokens', '7.66 s'],
    ['retry-after', 'later'],
    ['retry-after', '-3'],
    ['retry-after-ms', '1,5'],
  ])('reports %s: %j as invalid instead of throwing', (name, value) => {
    expect(parseRateLimitHeaders({ [name]: value })).toEqual({
      requests: {},
      tokens: {},
      invalidHeaders: [name],
    });
  });

  it('keeps the parseable fields when others are garbage', () => {
    expect(
      parseRateLimitHeaders({
        ...RATE_LIMIT_HEADERS,
        'x-ratelimit-limit-tokens': 'lots',
        'x-ratelimit-reset-requests': '2m59.56',
      }),
    ).toEqual({
      requests: { limit: 14400, remaining: 14370 },
      tokens: { remaining: 17997, resetSeconds: 7.66 },
      invalidHeaders: ['x-ratelimit-reset-requests', 'x-ratelimit-limit-tokens'],
    });
  });

  it('ignores empty header values', () => {
    expect(parseRateLimitHeaders({ 'x-ratelimit-limit-tokens': '', 'retry-after': ' ' })).toEqual({
      requests: {},
      tokens: {},
      invalidHeaders: [],
    });
  });
});

describe('readHeader', () => {
  it('reads from a get() object and treats null as missing', () => {
    const headers = { get: (name: string) => (name === 'retry-after' ? '2' : null) };
    expect(readHeader(headers, 'retry-after')).toBe('2');
    expect(readHeader(headers, 'x-ratelimit-limit-tokens')).toBeUndefined();
  });
});

describe('rate-limit counts against the grammar as a regular expression', () => {
  it('accepts exactly what ^\\d+(\\.\\d+)?$ accepts, on every string of up to four characters', () => {
    const alphabet = ['0', '7', '.', '-', 'e', ' ', '+'];
    const texts: string[] = [''];
    for (let length = 1; length <= 4; length++) {
      for (const text of texts.filter((candidate) => candidate.length === length - 1)) {
        for (const character of alphabet) texts.push(text + character);
      }
    }
    for (const text of texts) {
      const { requests } = parseRateLimitHeaders({ 'x-ratelimit-limit-requests': text });
      // Blank values are no header at all; surrounding spaces are trimmed first.
      const trimmed = text.trim();
      const reference =
        trimmed === '' ? undefined : /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : undefined;
      expect(requests.limit, JSON.stringify(text)).toBe(reference);
    }
  });
});
