import { describe, expect, it } from 'vitest';
import { decodeMetricsRequest, type OtlpEncoding } from '../decode-request.js';
import type { MetricsRequest } from '../metrics-model.js';
import { PayloadError } from '../otlp-json-fields.js';
import { ExportMetricsServiceRequestType } from '../otlp-proto.js';
import { readMetricsJson } from '../read-metrics-json.js';
import { readMetricsJsonBytes } from '../read-metrics-json-bytes.js';
import { readMetricsProtobuf } from '../read-metrics-protobuf.js';
import { readMetricsRequest } from '../read-metrics-request.js';
import {
  encodeMessage,
  encodeProtobuf,
  generateRequest,
  type Json,
  type JsonObject,
  jsonVariant,
  mutateRequest,
  Random,
} from './generate-requests.js';

/**
 * The reader every decoding must agree with: protobufjs' decode and `toObject` (64-bit fields as
 * decimal strings, bytes as base64), or `JSON.parse`, then the generic validating walk. This is
 * how groqmeter decoded metrics before the single-pass reader, and it still reports the errors.
 */
function referenceDecode(body: Uint8Array, encoding: OtlpEncoding): MetricsRequest {
  if (encoding === 'json') {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      throw new PayloadError('body: an application/json body must be UTF-8 text');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new PayloadError('body: not valid JSON');
    }
    return readMetricsRequest(parsed);
  }
  const type = ExportMetricsServiceRequestType;
  let object: unknown;
  try {
    object = type.toObject(type.decode(body), { longs: String, enums: Number, bytes: String });
  } catch (error) {
    throw new PayloadError(`body: not a valid protobuf ${type.name} (${(error as Error).message})`);
  }
  return readMetricsRequest(object);
}

type Outcome = { request: MetricsRequest } | { error: string; payload: boolean };

function outcomeOf(decode: () => MetricsRequest): Outcome {
  try {
    return { request: decode() };
  } catch (error) {
    return { error: (error as Error).message, payload: error instanceof PayloadError };
  }
}

/** Decodes `body` both ways and expects the same request, or the same PayloadError. */
function expectSameOutcome(body: Uint8Array, encoding: OtlpEncoding): Outcome {
  const reference = outcomeOf(() => referenceDecode(body, encoding));
  const decoded = outcomeOf(() => decodeMetricsRequest(body, encoding));
  expect(decoded).toEqual(reference);
  if ('error' in decoded) expect(decoded.payload).toBe(true);
  return decoded;
}

const json = (request: unknown) => Buffer.from(JSON.stringify(request));

/**
 * The byte reader either reads `body` as `readMetricsJson` reads its `JSON.parse` (when that
 * takes it) or declines, and never throws; `mustRead` for a valid request in the usual shape.
 */
function expectBytesReaderAgrees(body: Uint8Array, mustRead = false): void {
  const read = readMetricsJsonBytes(body);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    expect(read).toBeUndefined();
    return;
  }
  const reference = readMetricsJson(parsed);
  if (mustRead) expect(reference).not.toBeUndefined();
  if (mustRead || read !== undefined) expect(read).toEqual(reference);
}

/** `value` with every object's members in a shuffled order. */
function shuffled(random: Random, value: Json): Json {
  if (Array.isArray(value)) return value.map((item) => shuffled(random, item));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  for (let index = entries.length - 1; index > 0; index--) {
    const other = random.int(index + 1);
    [entries[index], entries[other]] = [entries[other]!, entries[index]!];
  }
  return Object.fromEntries(entries.map(([key, item]) => [key, shuffled(random, item)]));
}

/** JSON text with whitespace (of all four kinds) between every token. */
function spaced(random: Random, value: Json): string {
  const space = () => ['', ' ', '\n', '\t', '\r', ' \n  '][random.int(6)]!;
  if (Array.isArray(value))
    return `[${space()}${value.map((item) => spaced(random, item)).join(`${space()},${space()}`)}${space()}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const members = Object.entries(value).map(
    ([key, item]) => `${JSON.stringify(key)}${space()}:${space()}${spaced(random, item)}`,
  );
  return `{${space()}${members.join(`${space()},${space()}`)}${space()}}`;
}

/** A length-delimited field by hand (lengths below 128). */
function field(number: number, bytes: number[]): number[] {
  return [(number << 3) | 2, bytes.length, ...bytes];
}

/** A request with one metric named "m" whose data field (`tag`, e.g. 0x2a for a gauge) holds `data`. */
function inMetric(tag: number, data: number[]): number[] {
  return field(1, field(2, field(2, [...field(1, [0x6d]), tag, data.length, ...data])));
}

describe('decodeMetricsRequest against the reference reader', () => {
  it('decodes generated valid requests identically, in protobuf (packed and not) and in JSON (camelCase, snake_case, numbers, enum names)', () => {
    const random = new Random(14);
    let points = 0;
    for (let round = 0; round < 1000; round++) {
      const request = generateRequest(random);
      for (const packed of [true, false]) {
        const body = encodeProtobuf(request, packed)!;
        const outcome = expectSameOutcome(body, 'protobuf');
        expect(outcome).toHaveProperty('request');
        // Valid requests take the single-pass path, not the reference fallback, from a Buffer
        // or a plain Uint8Array (whose strings protobufjs decodes with its own UTF-8 reader).
        expect(readMetricsProtobuf(body)).toEqual((outcome as { request: MetricsRequest }).request);
        expect(readMetricsProtobuf(new Uint8Array(body))).toEqual(
          (outcome as { request: MetricsRequest }).request,
        );
        expectSameOutcome(new Uint8Array(body), 'protobuf');
      }
      for (const variant of [request, jsonVariant(random, request)]) {
        const body = json(variant);
        const outcome = expectSameOutcome(body, 'json');
        expect(outcome).toHaveProperty('request');
        expect(readMetricsJson(JSON.parse(body.toString()))).toEqual(
          (outcome as { request: MetricsRequest }).request,
        );
      }
      const outcome = expectSameOutcome(json(jsonVariant(random, request)), 'json');
      if ('request' in outcome) {
        for (const resource of outcome.request.resourceMetrics)
          for (const scope of resource.scopeMetrics)
            for (const metric of scope.metrics)
              points += 'points' in metric.data ? metric.data.points.length : 0;
      }
    }
    // The generator is not vacuous: thousands of points of every kind went through.
    expect(points).toBeGreaterThan(3000);
  }, 60_000);

  it('reads every generated valid request with the byte reader as readMetricsJson reads its JSON.parse, in any member order and whitespace', () => {
    const random = new Random(41);
    for (let round = 0; round < 600; round++) {
      const request = generateRequest(random);
      for (const variant of [request, jsonVariant(random, request)]) {
        expectBytesReaderAgrees(json(variant), true);
        expectBytesReaderAgrees(json(shuffled(random, variant)), true);
        expectBytesReaderAgrees(Buffer.from(spaced(random, variant)), true);
        expectBytesReaderAgrees(new Uint8Array(Buffer.from(JSON.stringify(variant, null, 2))), true);
      }
    }
  }, 60_000);

  it('refuses or accepts mutated requests exactly as the reference does, with the same message', () => {
    const random = new Random(1414);
    let refused = 0;
    for (let round = 0; round < 1200; round++) {
      const request = mutateRequest(random, generateRequest(random));
      const outcome = expectSameOutcome(json(request), 'json');
      if ('error' in outcome) refused++;
      expectSameOutcome(json(jsonVariant(random, request)), 'json');
      expectBytesReaderAgrees(json(request));
      expectBytesReaderAgrees(json(shuffled(random, jsonVariant(random, request))));
      const body = encodeProtobuf(request as JsonObject, random.chance(0.5));
      if (body) expectSameOutcome(body, 'protobuf');
    }
    expect(refused).toBeGreaterThan(300);
  }, 60_000);

  it('reads corrupted JSON (truncated, flipped, inserted and deleted bytes) as JSON.parse and readMetricsJson do, or declines it, never throwing', () => {
    const random = new Random(4242);
    for (let round = 0; round < 1500; round++) {
      const request = generateRequest(random);
      const body =
        round % 2 === 0 ? json(request) : Buffer.from(spaced(random, jsonVariant(random, request)));
      const at = random.int(body.length);
      const corrupted = Buffer.from(body);
      switch (random.int(5)) {
        case 0:
          expectBytesReaderAgrees(body.subarray(0, at));
          expectSameOutcome(body.subarray(0, at), 'json');
          continue;
        case 1:
          corrupted[at] = random.pick([
            0x22,
            0x5c,
            0x2c,
            0x3a,
            0x7b,
            0x7d,
            0x5b,
            0x5d,
            0x30,
            0x2d,
            0x65,
            0x2e,
            0xff,
            0xc3,
            0x0a,
            0x00,
            random.int(256),
          ]);
          break;
        case 2:
          corrupted[at] = corrupted[at]! ^ (1 << random.int(8));
          break;
        case 3:
          expectBytesReaderAgrees(Buffer.concat([body.subarray(0, at), body.subarray(at + 1)]));
          continue;
        default: {
          const inserted = Buffer.concat([
            body.subarray(0, at),
            Buffer.from([random.pick([0x20, 0x2c, 0x22, 0x5c, 0x31, 0x2d, 0xe2])]),
            body.subarray(at),
          ]);
          expectBytesReaderAgrees(inserted);
          expectSameOutcome(inserted, 'json');
          continue;
        }
      }
      expectBytesReaderAgrees(corrupted);
      expectSameOutcome(corrupted, 'json');
    }
  }, 60_000);

  it('refuses corrupted protobuf (truncated, flipped and inserted bytes) as the reference does, never throwing another error', () => {
    const random = new Random(4141);
    for (let round = 0; round < 1200; round++) {
      const body = encodeProtobuf(generateRequest(random), random.chance(0.5))!;
      if (body.length === 0) continue;
      const corrupted = Buffer.from(body);
      const at = random.int(body.length);
      switch (random.int(4)) {
        case 0:
          expectSameOutcome(body.subarray(0, at), 'protobuf');
          continue;
        case 1:
          corrupted[at] = random.int(256);
          break;
        case 2:
          corrupted[at] = corrupted[at]! ^ (1 << random.int(8));
          break;
        default:
          expectSameOutcome(
            Buffer.concat([body.subarray(0, at), Buffer.from([random.int(256)]), body.subarray(at)]),
            'protobuf',
          );
          continue;
      }
      expectSameOutcome(corrupted, 'protobuf');
    }
  }, 60_000);

  const handMade: [string, number[]][] = [
    ['a truncated varint tag', [0x80]],
    ['a truncated length', [0x0a, 0x80]],
    ['a length past the end', [0x0a, 0x05, 0x00]],
    ['a length far past the end', [0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]],
    ['a message field sent as a varint', [0x08, 0x01]],
    ['a message field sent as fixed64', [0x09, 1, 2, 3, 4, 5, 6, 7, 8]],
    ['an 11-byte varint', [0x10, ...Array(10).fill(0xff), 0x01]],
    ['wire type 6', [0x0e, 0x00]],
    ['wire type 7', [0x0f, 0x00]],
    ['an unknown group', [0x13, 0x08, 0x01, 0x14]],
    ['an unterminated group', [0x13, 0x08, 0x01]],
    ['a stray end-group', [0x14]],
    ['an unknown field, then a valid empty resource', [0x18, 0x05, 0x0a, 0x00]],
    ['a scope metrics length past its resource', [0x0a, 0x02, 0x12, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00]],
    [
      'a packed bucket run that is not a multiple of 8',
      inMetric(0x4a, [...field(1, [...field(6, [1, 2, 3, 4, 5]), 0x10, 0x02]), 0x10, 0x02]),
    ],
    ['a data point value sent as a varint', inMetric(0x2a, field(1, [0x20, 0x01]))],
    ['a time sent as a varint', inMetric(0x2a, field(1, [0x18, 0x01, 0x21, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f]))],
    ['a point length past its metric', inMetric(0x2a, [0x0a, 0x30, 0x21, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f])],
  ];

  it.each(handMade)('handles %s as the reference does', (_case, bytes) => {
    expectSameOutcome(Buffer.from(bytes), 'protobuf');
    expectSameOutcome(new Uint8Array(bytes), 'protobuf');
  });

  it('handles attribute values nested deeply (past the limit of 16, and 500 levels) as the reference does', () => {
    for (const levels of [16, 17, 500]) {
      let value: JsonObject = { stringValue: 'leaf' };
      for (let depth = 0; depth < levels; depth++) value = { arrayValue: { values: [value] } };
      const request = {
        resourceMetrics: [
          {
            scopeMetrics: [
              {
                metrics: [
                  { name: 'x', gauge: { dataPoints: [{ asInt: '1', attributes: [{ key: 'k', value }] }] } },
                ],
              },
            ],
          },
        ],
      };
      expectSameOutcome(json(request), 'json');
      const body = encodeProtobuf(request, true);
      if (body) expectSameOutcome(body, 'protobuf');
    }
  });

  it('reads fields in any order, repeated fields split and packed and unpacked numbers mixed, as protobufjs does', () => {
    /** A length-delimited field with a varint length. */
    const wrap = (number: number, bytes: Uint8Array) => {
      const length: number[] = [];
      for (let rest = bytes.length; ; rest >>>= 7) {
        if (rest < 0x80) {
          length.push(rest);
          break;
        }
        length.push((rest & 0x7f) | 0x80);
      }
      return Buffer.concat([Buffer.from([(number << 3) | 2, ...length]), bytes]);
    };
    const attribute = (key: string, value: string) => ({ key, value: { stringValue: value } });
    const numberPoint = Buffer.concat([
      encodeMessage('NumberDataPoint', { attributes: [attribute('b', '1')] }, true),
      encodeMessage(
        'NumberDataPoint',
        { timeUnixNano: '1763719200123456789', asInt: '-9223372036854775808' },
        true,
      ),
      encodeMessage('NumberDataPoint', { attributes: [attribute('a', '2'), attribute('b', '3')] }, true),
    ]);
    const histogramPoint = Buffer.concat([
      encodeMessage('HistogramDataPoint', { bucketCounts: ['1'], explicitBounds: [0.5] }, true),
      encodeMessage('HistogramDataPoint', { count: '4', bucketCounts: ['2'], explicitBounds: [1] }, false),
      encodeMessage('HistogramDataPoint', { bucketCounts: ['1'], attributes: [attribute('k', 'v')] }, true),
    ]);
    const metrics = [
      // The data before the name, and the temporality after the points.
      Buffer.concat([
        wrap(7, Buffer.concat([wrap(1, numberPoint), Buffer.from([0x10, 0x02, 0x18, 0x01])])),
        encodeMessage('Metric', { name: 'sum', unit: 's' }, true),
      ]),
      Buffer.concat([
        encodeMessage('Metric', { description: 'd' }, true),
        wrap(9, Buffer.concat([Buffer.from([0x10, 0x01]), wrap(1, histogramPoint)])),
        encodeMessage('Metric', { name: 'h' }, true),
      ]),
    ];
    const scopeMetrics = Buffer.concat([
      wrap(2, metrics[0]!),
      encodeMessage('ScopeMetrics', { schemaUrl: 'u', scope: { name: 'late scope' } }, true),
      wrap(2, metrics[1]!),
    ]);
    const body = wrap(
      1,
      Buffer.concat([
        wrap(2, scopeMetrics),
        encodeMessage(
          'ResourceMetrics',
          { resource: { attributes: [attribute('service.name', 'api')] } },
          true,
        ),
      ]),
    );
    const outcome = expectSameOutcome(body, 'protobuf');
    expect(readMetricsProtobuf(body)).toEqual((outcome as { request: MetricsRequest }).request);
    const [sum, histogram] = (outcome as { request: MetricsRequest }).request.resourceMetrics[0]!
      .scopeMetrics[0]!.metrics;
    expect(sum!.data).toMatchObject({
      kind: 'sum',
      temporality: 'cumulative',
      monotonic: true,
      points: [
        {
          value: -(2 ** 63),
          attributes: new Map([
            ['b', '3'],
            ['a', '2'],
          ]),
        },
      ],
    });
    expect(histogram!.data).toMatchObject({
      kind: 'histogram',
      points: [{ count: 4, bucketCounts: [1, 2, 1], explicitBounds: [0.5, 1] }],
    });
  });

  it('reads a singular field sent twice as protobufjs does (the last one wins)', () => {
    const once = (name: string) =>
      encodeProtobuf(
        {
          resourceMetrics: [
            { scopeMetrics: [{ metrics: [{ name, gauge: { dataPoints: [{ asDouble: 1 }] } }] }] },
          ],
        },
        true,
      )!;
    // Two serialised requests back to back are one request with every repeated field appended.
    expectSameOutcome(Buffer.concat([once('a'), once('b')]), 'protobuf');
    const scope = encodeProtobuf(
      { resourceMetrics: [{ scopeMetrics: [{ scope: { name: 'one' } }] }] },
      true,
    )!;
    expectSameOutcome(Buffer.concat([scope, scope]), 'protobuf');
  });
});
