import { describe, expect, it } from 'vitest';
import {
  decodeMetricsRequest,
  decodeTracesRequest,
  otlpEncodingOf,
  requireOtlpEncoding,
} from './decode-request.js';
import { PayloadError } from './otlp-json-fields.js';
import { ExportMetricsServiceRequestType, ExportTraceServiceRequestType } from './otlp-proto.js';
import { BodyError } from './request-body.js';

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

const TRACE_ID_HEX = '5b8efff798038103d269b633813fc60c';
const SPAN_ID_HEX = 'eee19b7ec3c1b174';

/** A traces request with ids written as OTLP/JSON writes them (hex) or as protobufjs takes bytes (base64). */
function tracesRequest(ids: 'hex' | 'base64') {
  const id = (hex: string) => (ids === 'hex' ? hex : Buffer.from(hex, 'hex').toString('base64'));
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'billing-api' } }] },
        scopeSpans: [
          {
            scope: { name: '@groqmeter/recorder' },
            spans: [
              {
                traceId: id(TRACE_ID_HEX),
                spanId: id(SPAN_ID_HEX),
                name: 'chat openai/gpt-oss-20b',
                kind: 3,
                startTimeUnixNano: '1763719200000000000',
                endTimeUnixNano: '1763719200400000000',
                attributes: [
                  { key: 'gen_ai.usage.input_tokens', value: { intValue: '120' } },
                  { key: 'groq.cost.usd', value: { doubleValue: 0.000018 } },
                ],
                status: {},
              },
            ],
          },
        ],
      },
    ],
  };
}

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

describe('requireOtlpEncoding', () => {
  it('refuses any other content type with 415, saying what to send', () => {
    expect(requireOtlpEncoding('application/json; charset=utf-8')).toBe('json');
    for (const contentType of ['text/plain', undefined]) {
      const error = (() => {
        try {
          return requireOtlpEncoding(contentType);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(BodyError);
      expect([(error as BodyError).status, (error as BodyError).message]).toEqual([
        415,
        `Content-Type must be application/x-protobuf or application/json (OTLP/HTTP), got ${contentType ?? 'none'}`,
      ]);
    }
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

  it('refuses invalid JSON without quoting it, and non-UTF-8 JSON', () => {
    expect(() => decodeMetricsRequest(Buffer.from('{"resourceMetrics": ['), 'json')).toThrow(
      /^body: not valid JSON$/,
    );
    expect(() => decodeMetricsRequest(Buffer.from([0x7b, 0xff, 0x7d]), 'json')).toThrow(
      'body: an application/json body must be UTF-8 text',
    );
  });
});

describe('decodeTracesRequest', () => {
  it('decodes protobuf (base64 ids) and JSON (hex ids) bodies of the same spans to the same result', () => {
    const protobufBody = ExportTraceServiceRequestType.encode(
      ExportTraceServiceRequestType.fromObject(tracesRequest('base64')),
    ).finish();
    const fromProtobuf = decodeTracesRequest(protobufBody, 'protobuf');
    const fromJson = decodeTracesRequest(Buffer.from(JSON.stringify(tracesRequest('hex'))), 'json');
    expect(fromProtobuf).toEqual(fromJson);
    expect(fromJson).toEqual([
      {
        traceId: TRACE_ID_HEX,
        spanId: SPAN_ID_HEX,
        startTimeUnixNano: 1763719200000000000n,
        endTimeUnixNano: 1763719200400000000n,
        attributes: new Map<string, unknown>([
          ['gen_ai.usage.input_tokens', 120],
          ['groq.cost.usd', 0.000018],
        ]),
        resourceAttributes: new Map([['service.name', 'billing-api']]),
        path: 'resourceSpans[0].scopeSpans[0].spans[0]',
      },
    ]);
  });

  it('refuses protobuf that does not decode, naming the message', () => {
    expect(() => decodeTracesRequest(new Uint8Array([0x0a, 0xff, 0xff, 0xff]), 'protobuf')).toThrow(
      'body: not a valid protobuf ExportTraceServiceRequest (index out of range: 4 + 1 > 4)',
    );
  });
});
