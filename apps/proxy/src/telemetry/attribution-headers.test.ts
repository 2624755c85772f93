import { describe, expect, it } from 'vitest';
import { MAX_ATTRIBUTION_HEADERS, readAttributionHeaders } from './attribution-headers.js';

describe('readAttributionHeaders', () => {
  it('reads x-groqmeter-<key> headers into attribution keys', () => {
    expect(
      readAttributionHeaders([
        'X-Groqmeter-Feature',
        'support-chat',
        'x-groqmeter-tenant-tier',
        'pro',
        'x-groqmeter-user-id',
        '42',
        'x-groqmeter-request.id',
        'r-1',
        'Authorization',
        'Bearer gsk_x',
      ]),
    ).toEqual({
      attribution: { feature: 'support-chat', tenant_tier: 'pro', 'user.id': '42', 'request.id': 'r-1' },
      ignored: 0,
    });
  });

  it('ignores and counts odd keys, long values and headers past the limit', () => {
    const many = Array.from({ length: MAX_ATTRIBUTION_HEADERS + 2 }, (_, index) => [
      `x-groqmeter-k${index}`,
      'v',
    ]).flat();
    const { attribution, ignored } = readAttributionHeaders([
      'x-groqmeter-9lives',
      'v',
      'x-groqmeter-',
      'v',
      'x-groqmeter-note',
      'x'.repeat(257),
      ...many,
    ]);
    expect(Object.keys(attribution)).toHaveLength(MAX_ATTRIBUTION_HEADERS);
    expect(ignored).toBe(5);
  });
});
