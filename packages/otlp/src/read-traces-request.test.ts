import { describe, expect, it } from 'vitest';
import { PayloadError } from './otlp-json-fields.js';
import { readTracesRequest } from './read-traces-request.js';

const TRACE_ID = '5b8efff798038103d269b633813fc60c';
const SPAN_ID = 'eee19b7ec3c1b174';

/** An OTLP/JSON request with the given spans under one resource and scope. */
function requestWith(...spans: Record<string, unknown>[]) {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'api' } }] },
        scopeSpans: [{ scope: { name: 'recorder' }, spans }],
      },
    ],
  };
}

describe('readTracesRequest', () => {
  it('reads ids, times and attributes, with the resource attributes on every span', () => {
    const spans = readTracesRequest(
      requestWith(
        {
          traceId: TRACE_ID.toUpperCase(),
          spanId: SPAN_ID,
          startTimeUnixNano: 1763719200000000000n.toString(),
          endTimeUnixNano: 1763719200,
          attributes: [
            { key: 'user.id', value: { stringValue: 'u-7' } },
            { key: 'tags', value: { arrayValue: { values: [{ stringValue: 'a' }, { stringValue: 'b' }] } } },
            { key: 'meta', value: { kvlistValue: { values: [{ key: 'k', value: { intValue: 1 } }] } } },
            { key: 'empty', value: {} },
          ],
        },
        { trace_id: TRACE_ID, span_id: '0000000000000001' },
      ),
      'hex',
    );
    expect(spans).toEqual([
      {
        traceId: TRACE_ID,
        spanId: SPAN_ID,
        startTimeUnixNano: 1763719200000000000n,
        endTimeUnixNano: 1763719200n,
        attributes: new Map<string, unknown>([
          ['user.id', 'u-7'],
          ['tags', ['a', 'b']],
          ['meta', { k: 1 }],
          ['empty', null],
        ]),
        resourceAttributes: new Map([['service.name', 'api']]),
        path: 'resourceSpans[0].scopeSpans[0].spans[0]',
      },
      {
        traceId: TRACE_ID,
        spanId: '0000000000000001',
        startTimeUnixNano: 0n,
        endTimeUnixNano: 0n,
        attributes: new Map(),
        resourceAttributes: new Map([['service.name', 'api']]),
        path: 'resourceSpans[0].scopeSpans[0].spans[1]',
      },
    ]);
  });

  it('reads base64 ids, as protobuf bytes become once turned into an object', () => {
    const [span] = readTracesRequest(
      requestWith({
        traceId: Buffer.from(TRACE_ID, 'hex').toString('base64'),
        spanId: Buffer.from(SPAN_ID, 'hex').toString('base64'),
      }),
      'base64',
    );
    expect([span?.traceId, span?.spanId]).toEqual([TRACE_ID, SPAN_ID]);
  });

  it('reads a request without resource or spans', () => {
    expect(readTracesRequest({}, 'hex')).toEqual([]);
    expect(
      readTracesRequest(
        { resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: TRACE_ID, spanId: SPAN_ID }] }] }] },
        'hex',
      )[0]?.resourceAttributes,
    ).toEqual(new Map());
  });

  const malformed: [string, unknown, 'hex' | 'base64', string][] = [
    [
      'resourceSpans that is not a list',
      { resourceSpans: {} },
      'hex',
      'request.resourceSpans: expected an array, got an object',
    ],
    [
      'a trace id of the wrong length',
      requestWith({ traceId: 'xyz', spanId: SPAN_ID }),
      'hex',
      'resourceSpans[0].scopeSpans[0].spans[0].traceId: expected 16 bytes (32 hex digits), got a string of 3 characters',
    ],
    [
      'a span id that is not hex',
      requestWith({ traceId: TRACE_ID, spanId: 'zzzzzzzzzzzzzzzz' }),
      'hex',
      'resourceSpans[0].scopeSpans[0].spans[0].spanId: expected 8 bytes (16 hex digits), got a string of 16 characters',
    ],
    [
      'a base64 span id of the wrong length',
      requestWith({ traceId: Buffer.alloc(16, 1).toString('base64'), spanId: 'AAE=' }),
      'base64',
      'resourceSpans[0].scopeSpans[0].spans[0].spanId: expected 8 bytes, got a string of 4 characters',
    ],
    [
      'a missing span id',
      requestWith({ traceId: TRACE_ID }),
      'hex',
      'resourceSpans[0].scopeSpans[0].spans[0].spanId: expected 8 bytes (16 hex digits), got nothing',
    ],
    [
      'an all-zero trace id',
      requestWith({ traceId: '0'.repeat(32), spanId: SPAN_ID }),
      'hex',
      'resourceSpans[0].scopeSpans[0].spans[0].traceId: an id of all zeros is invalid',
    ],
    [
      'a negative time',
      requestWith({ traceId: TRACE_ID, spanId: SPAN_ID, endTimeUnixNano: -1 }),
      'hex',
      'resourceSpans[0].scopeSpans[0].spans[0].endTimeUnixNano: expected an unsigned 64-bit integer, got -1',
    ],
    [
      'an attribute with a fractional int',
      requestWith({
        traceId: TRACE_ID,
        spanId: SPAN_ID,
        attributes: [{ key: 'gen_ai.usage.input_tokens', value: { intValue: 1.5 } }],
      }),
      'hex',
      'resourceSpans[0].scopeSpans[0].spans[0].attributes[0].value.intValue: expected a 64-bit integer, got 1.5',
    ],
  ];

  it.each(malformed)('refuses %s, naming the field', (_case, body, ids, message) => {
    expect(() => readTracesRequest(body, ids)).toThrow(PayloadError);
    expect(() => readTracesRequest(body, ids)).toThrow(message);
  });
});
