import type { AttributeValue } from '@groqmeter/otlp';
import { describe, expect, it } from 'vitest';
import { ledgerSpanOfOtlp } from './otlp-span.js';

describe('ledgerSpanOfOtlp', () => {
  it('keeps primitives and arrays of primitives, as an OTel SDK span holds them', () => {
    expect(
      ledgerSpanOfOtlp({
        traceId: '5b8efff798038103d269b633813fc60c',
        spanId: 'eee19b7ec3c1b174',
        startTimeUnixNano: 1763719200000000000n,
        endTimeUnixNano: 1763719200400000000n,
        attributes: new Map<string, AttributeValue>([
          ['gen_ai.usage.input_tokens', 120],
          ['groq.batch', false],
          ['user.id', 'u-7'],
          ['tags', ['a', ['nested'], { k: 1 }, null, 'b']],
          ['meta', { k: 1 }],
          ['empty', null],
          ['', 'no key'],
        ]),
        resourceAttributes: new Map([['service.name', 'billing-api']]),
        path: 'resourceSpans[0].scopeSpans[0].spans[0]',
      }),
    ).toEqual({
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: 'eee19b7ec3c1b174',
      startTimeUnixNano: 1763719200000000000n,
      endTimeUnixNano: 1763719200400000000n,
      attributes: {
        'gen_ai.usage.input_tokens': 120,
        'groq.batch': false,
        'user.id': 'u-7',
        tags: ['a', null, null, null, 'b'],
      },
      resourceAttributes: { 'service.name': 'billing-api' },
    });
  });
});
