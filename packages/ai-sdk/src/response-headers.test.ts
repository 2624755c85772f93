import { parseRateLimitHeaders, readHeader } from '@groqmeter/recorder';
import { describe, expect, it } from 'vitest';
import { responseHeadersOf } from './response-headers.js';

const groqHeaders = {
  'x-ratelimit-limit-requests': '1000',
  'x-ratelimit-remaining-requests': '999',
  'x-ratelimit-reset-requests': '1m26.4s',
  'x-ratelimit-limit-tokens': '8000',
  'x-ratelimit-remaining-tokens': '7990',
  'x-ratelimit-reset-tokens': '75ms',
  'retry-after': '2',
  'content-type': 'application/json',
};

describe('responseHeadersOf', () => {
  it("reads the AI SDK's record exactly as the recorder reads the record itself", () => {
    const view = responseHeadersOf({ response: { headers: groqHeaders } });
    expect(view).toBeDefined();
    expect(parseRateLimitHeaders(view ?? {}, 0)).toStrictEqual(parseRateLimitHeaders(groqHeaders, 0));
  });

  it('finds a name however a hand-made record spells it, and the first of several values', () => {
    const headers = { 'Retry-After': '3', 'x-ratelimit-remaining-tokens': ['12', '13'] };
    const view = responseHeadersOf({ response: { headers } });
    expect(view).toBe(headers);
    const read = (name: string) => readHeader(view ?? {}, name);
    expect([
      read('retry-after'),
      read('x-ratelimit-remaining-tokens'),
      read('x-ratelimit-limit-tokens'),
    ]).toEqual(['3', '12', undefined]);
  });

  it('passes fetch Headers on as they are, and nothing when there are no headers', () => {
    const headers = new Headers(groqHeaders);
    expect(responseHeadersOf({ response: { headers } })).toBe(headers);
    expect(responseHeadersOf({ response: {} })).toBeUndefined();
    expect(responseHeadersOf(undefined)).toBeUndefined();
  });
});
