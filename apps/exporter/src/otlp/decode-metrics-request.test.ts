import { describe, expect, it } from 'vitest';
import { decodeMetricsRequest, otlpEncodingOf } from './decode-metrics-request.js';
import { ExportMetricsServiceRequestType } from './otlp-proto.js';
import { PayloadError } from './read-metrics-request.js';

const REQUEST = {
  resourceMetrics: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'api' } }] },
      scopeMetrics: [
        {
          scope: { name: 'recorder' },
          metrics: [
            {
              name: 'groq.tokens',
              sum: {
                aggregationTemporality: 2,
                isMonotonic: true,
                dataPoints: [
                  {
                    attributes: [{ key: 'type', value: { stringValue: 'input' } }],
                    startTimeUnixNano: '1700000000000000000',
                    timeUnixNano: '1700000000500000000',
                    asInt: '1234',
                  },
                ],
              },
            },
            {
              name: 'latency',
              histogram: {
                aggregationTemporality: 1,
                dataPoints: [{ count: '2', sum: 0, bucketCounts: ['2', '0'], explicitBounds: [0.5] }],
              },
            },
          ],
        },
      ],
    },
  ],
};

function protobuf(request: object): Uint8Array {
  return ExportMetricsServiceRequestType.encode(ExportMetricsServiceRequestType.fromObject(request)).finish();
}

describe('otlpEncodingOf', () => {
  it('recognises the two OTLP/HTTP content types, ignoring parameters and case', () => {
    expect(otlpEncodingOf('application/x-protobuf')).toBe('protobuf');
    expect(otlpEncodingOf('Application/JSON; charset=utf-8')).toBe('json');
    expect(otlpEncodingOf('text/plain')).toBeUndefined();
    expect(otlpEncodingOf(undefined)).toBeUndefined();
  });
});

describe('decodeMetricsRequest', () => {
  it('decodes protobuf and JSON bodies of the same request to the same result', () => {
    const fromProtobuf = decodeMetricsRequest(protobuf(REQUEST), 'protobuf');
    const fromJson = decodeMetricsRequest(Buffer.from(JSON.stringify(REQUEST)), 'json');
    expect(fromProtobuf).toEqual(fromJson);
    const [tokens, latency] = fromProtobuf.resourceMetrics[0]!.scopeMetrics[0]!.metrics;
    expect(tokens!.data).toEqual({
      kind: 'sum',
      monotonic: true,
      temporality: 'cumulative',
      points: [
        {
          attributes: new Map([['type', 'input']]),
          startTimeUnixNano: 1700000000000000000n,
          timeUnixNano: 1700000000500000000n,
          value: 1234,
        },
      ],
    });
    expect(latency!.data).toEqual({
      kind: 'histogram',
      temporality: 'delta',
      points: [
        {
          attributes: new Map(),
          startTimeUnixNano: 0n,
          timeUnixNano: 0n,
          count: 2,
          sum: 0,
          explicitBounds: [0.5],
          bucketCounts: [2, 0],
        },
      ],
    });
  });

  it('refuses a truncated protobuf body', () => {
    const body = protobuf(REQUEST);
    expect(() => decodeMetricsRequest(body.subarray(0, body.length - 7), 'protobuf')).toThrow(
      /^body: not a valid protobuf ExportMetricsServiceRequest \(/,
    );
  });

  it('refuses bytes that are not protobuf', () => {
    expect(() => decodeMetricsRequest(Buffer.from('this is not protobuf at all'), 'protobuf')).toThrow(
      PayloadError,
    );
  });

  it('refuses a JSON body sent as protobuf', () => {
    expect(() => decodeMetricsRequest(Buffer.from(JSON.stringify(REQUEST)), 'protobuf')).toThrow(
      PayloadError,
    );
  });

  it('refuses invalid JSON and non-UTF-8 JSON', () => {
    expect(() => decodeMetricsRequest(Buffer.from('{"resourceMetrics": ['), 'json')).toThrow(
      /^body: not valid JSON \(/,
    );
    expect(() => decodeMetricsRequest(Buffer.from([0x7b, 0xff, 0x7d]), 'json')).toThrow(
      'body: an application/json body must be UTF-8 text',
    );
  });
});
