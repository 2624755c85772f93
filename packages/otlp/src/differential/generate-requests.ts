import protobuf from 'protobufjs';

/**
 * Seeded random OTLP metrics requests for the differential test of the metrics readers: every
 * data kind, every `AnyValue` kind (nested arrays and key-value lists, bytes), edge values (int64
 * past 2^53, negative and extreme int64, NaN and infinite doubles, -0, the largest times and
 * counts), empty and missing fields, and fields the readers do not know. A request is built in
 * the OTLP/JSON shape protobufjs' `fromObject` also takes (int64 as strings, bytes as base64,
 * special doubles as strings), so that one object gives both wire encodings.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A small, fast, seeded generator (mulberry32): the same seed gives the same requests. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  chance(probability: number): boolean {
    return this.next() < probability;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

const STRINGS = ['', 'api', 'openai/gpt-oss-20b', 'ünïcødé ✓', '🚀 rocket', 'a"quote\\', 'x'.repeat(200)];
const KEYS = ['service.name', 'model', 'feature', 'k', '', 'gen_ai.request.model', '__proto__', 'model'];
const INT64S = [
  '0',
  '1',
  '-1',
  '429',
  '9007199254740991',
  '9007199254740993',
  '-9007199254740993',
  '9223372036854775807',
  '-9223372036854775808',
  '123456789012345678',
];
const DOUBLES: Json[] = [
  0,
  -0,
  1.5,
  -2.25,
  1e-300,
  1.7976931348623157e308,
  0.000375,
  'NaN',
  'Infinity',
  '-Infinity',
];
const TIMES = ['0', '1', '1763719200123456789', '18446744073709551615', '1700000000000000000'];

function anyValue(random: Random, depth: number): JsonObject {
  const kinds = depth < 3 ? 9 : 6;
  switch (random.int(kinds)) {
    case 0:
      return { stringValue: random.pick(STRINGS) };
    case 1:
      return { boolValue: random.chance(0.5) };
    case 2:
      return { intValue: random.pick(INT64S) };
    case 3:
      return { doubleValue: random.pick(DOUBLES) };
    case 4:
      return {
        bytesValue: Buffer.from(STRINGS[random.int(STRINGS.length)]!.slice(0, random.int(40))).toString(
          'base64',
        ),
      };
    case 5:
      return {};
    case 6:
    case 7:
      return {
        arrayValue: { values: Array.from({ length: random.int(4) }, () => anyValue(random, depth + 1)) },
      };
    default:
      return { kvlistValue: { values: keyValues(random, random.int(4), depth + 1) } };
  }
}

function keyValues(random: Random, count: number, depth: number): JsonObject[] {
  return Array.from({ length: count }, () => {
    const keyValue: JsonObject = { key: random.pick(KEYS) };
    if (!random.chance(0.05)) keyValue.value = anyValue(random, depth);
    return keyValue;
  });
}

function attributes(random: Random, into: JsonObject, max: number): void {
  if (random.chance(0.2)) return;
  into.attributes = keyValues(random, random.int(max + 1), 0);
}

function times(random: Random, point: JsonObject): void {
  if (random.chance(0.8)) point.startTimeUnixNano = random.pick(TIMES);
  if (random.chance(0.9)) point.timeUnixNano = random.pick(TIMES);
  if (random.chance(0.3)) point.flags = random.pick([0, 1, 2, 3, 4294967295]);
  // Known upstream, unknown to the readers: skipped as unknown fields.
  if (random.chance(0.2)) point.exemplars = [{ asDouble: 1, timeUnixNano: '5', spanId: 'AAECAwQFBgc=' }];
}

function numberPoint(random: Random): JsonObject {
  const point: JsonObject = {};
  attributes(random, point, 5);
  times(random, point);
  if (random.chance(0.5)) point.asDouble = random.pick(DOUBLES);
  else point.asInt = random.pick(INT64S);
  return point;
}

const BOUNDS = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];
const COUNTS = ['0', '1', '3', '1000', '4294967296', '9007199254740991'];

function histogramPoint(random: Random): JsonObject {
  const point: JsonObject = {};
  attributes(random, point, 5);
  times(random, point);
  const bounds = random.chance(0.15) ? [] : BOUNDS.slice(random.int(4), 4 + random.int(BOUNDS.length - 3));
  const buckets = bounds.length === 0 && random.chance(0.5) ? [] : [...bounds, 0].map(() => '0');
  if (buckets.length > 0) {
    // Counts that add up exactly: one large bucket at most, the rest small.
    const big = random.int(buckets.length);
    buckets.forEach((_, index) => {
      buckets[index] = index === big ? random.pick(COUNTS) : String(random.int(5));
    });
    while (buckets.reduce((total, bucket) => total + Number(bucket), 0) > Number.MAX_SAFE_INTEGER)
      buckets[big] = '0';
  }
  point.count = String(buckets.reduce((total, bucket) => total + Number(bucket), 0));
  if (buckets.length === 0 && random.chance(0.5)) point.count = random.pick(COUNTS);
  if (buckets.length === 0 && random.chance(0.3)) delete point.count;
  if (random.chance(0.8)) point.sum = random.pick(DOUBLES);
  if (bounds.length > 0) point.explicitBounds = bounds;
  if (buckets.length > 0) point.bucketCounts = buckets;
  if (random.chance(0.2)) {
    point.min = 0.5;
    point.max = 2;
  }
  return point;
}

function points<T>(random: Random, make: (random: Random) => T): T[] {
  return Array.from({ length: random.int(5) }, () => make(random));
}

function metric(random: Random): JsonObject {
  const result: JsonObject = {};
  result.name = random.pick(['groq.tokens', 'groq.cost.usd', 'gen_ai.client.operation.duration', 'ü']);
  if (random.chance(0.5)) result.description = random.pick(STRINGS);
  if (random.chance(0.5)) result.unit = random.pick(['s', '{token}', 'USD', '']);
  const temporality = () => random.pick([1, 2]);
  switch (random.int(5)) {
    case 0:
      result.gauge = { dataPoints: points(random, numberPoint) };
      break;
    case 1:
      result.sum = { aggregationTemporality: temporality(), dataPoints: points(random, numberPoint) };
      if (random.chance(0.6)) (result.sum as JsonObject).isMonotonic = random.chance(0.7);
      break;
    case 2:
      result.histogram = {
        aggregationTemporality: temporality(),
        dataPoints: points(random, histogramPoint),
      };
      break;
    case 3:
      result.exponentialHistogram = {
        aggregationTemporality: temporality(),
        dataPoints: points(random, () => ({
          count: '3',
          scale: 2,
          zeroCount: '1',
          positive: { offset: -1, bucketCounts: ['1', '1'] },
        })),
      };
      break;
    default:
      result.summary = {
        dataPoints: points(random, () => ({
          count: '2',
          sum: 3,
          quantileValues: [{ quantile: 0.5, value: 1 }],
        })),
      };
  }
  if (random.chance(0.1)) result.metadata = [{ key: 'm', value: { stringValue: 'unknown field' } }];
  return result;
}

/** A random, valid request. */
export function generateRequest(random: Random): JsonObject {
  return {
    resourceMetrics: Array.from({ length: random.int(3) + (random.chance(0.9) ? 1 : 0) }, () => {
      const resourceMetrics: JsonObject = {};
      if (random.chance(0.85)) {
        const resource: JsonObject = {};
        attributes(random, resource, 4);
        if (random.chance(0.2)) resource.droppedAttributesCount = 2;
        resourceMetrics.resource = resource;
      }
      if (random.chance(0.3)) resourceMetrics.schemaUrl = 'https://opentelemetry.io/schemas/1.30.0';
      resourceMetrics.scopeMetrics = Array.from({ length: random.int(3) }, () => {
        const scopeMetrics: JsonObject = {};
        if (random.chance(0.8)) {
          const scope: JsonObject = { name: random.pick(STRINGS) };
          if (random.chance(0.5)) scope.version = '1.2.3';
          if (random.chance(0.2)) scope.attributes = keyValues(random, 2, 0);
          scopeMetrics.scope = scope;
        }
        if (random.chance(0.3)) scopeMetrics.schemaUrl = random.pick(STRINGS);
        scopeMetrics.metrics = Array.from({ length: random.int(5) }, () => metric(random));
        return scopeMetrics;
      });
      return resourceMetrics;
    }),
  };
}

/** Every place of a JSON value, as the path of keys and indexes that reaches it. */
function places(value: Json, path: (string | number)[] = [], into: (string | number)[][] = []) {
  into.push(path);
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) places(item, [...path, index], into);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) places(item, [...path, key], into);
  }
  return into;
}

const JUNK: Json[] = [
  null,
  0,
  -1,
  1.5,
  3,
  '',
  'x',
  '12',
  '-5',
  'NaN',
  true,
  false,
  [],
  [{}],
  {},
  { stringValue: 'a', intValue: '1' },
];

/**
 * A copy of `request` with one place replaced by junk, one member deleted, or one member added
 * (a second data kind, a second value, a snake_case twin): mostly invalid, sometimes still valid.
 */
export function mutateRequest(random: Random, request: JsonObject): JsonObject {
  const copy = structuredClone(request) as JsonObject;
  const all = places(copy).slice(1);
  if (all.length === 0) return copy;
  const path = random.pick(all);
  let parent: Json = copy;
  for (const step of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[step]!;
  const last = path[path.length - 1]!;
  const holder = parent as Record<string | number, Json>;
  const roll = random.int(10);
  if (roll < 6) holder[last] = random.pick(JUNK);
  else if (roll < 8 && !Array.isArray(holder)) delete holder[last];
  else if (!Array.isArray(holder)) {
    const twin = random.pick([
      'gauge',
      'sum',
      'asInt',
      'asDouble',
      'stringValue',
      'intValue',
      'time_unix_nano',
      'data_points',
    ]);
    holder[twin] = random.pick(JUNK.filter((junk) => junk !== null));
  } else holder[last] = random.pick(JUNK);
  return copy;
}

/**
 * The same request as other senders write OTLP/JSON: some names in snake_case, safe int64 as
 * numbers, temporalities by enum name.
 */
export function jsonVariant(random: Random, value: Json): Json {
  if (Array.isArray(value)) return value.map((item) => jsonVariant(random, item));
  if (value === null || typeof value !== 'object') return value;
  const result: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    const name = random.chance(0.4) ? key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`) : key;
    let converted = jsonVariant(random, item);
    if (
      typeof item === 'string' &&
      /^-?\d+$/.test(item) &&
      Number.isSafeInteger(Number(item)) &&
      key !== 'stringValue' &&
      random.chance(0.6)
    ) {
      converted = Number(item);
    }
    if (key === 'aggregationTemporality' && typeof item === 'number' && random.chance(0.5)) {
      converted =
        [
          'AGGREGATION_TEMPORALITY_UNSPECIFIED',
          'AGGREGATION_TEMPORALITY_DELTA',
          'AGGREGATION_TEMPORALITY_CUMULATIVE',
        ][item] ?? item;
    }
    result[name] = converted;
  }
  return result;
}

/**
 * The upstream messages with the fields the readers leave out (exemplars, min and max, metadata,
 * exponential histogram and summary points): what a real SDK sends, so that the readers skip
 * unknown fields. `packed` chooses how the repeated numbers are written (both are valid proto3).
 */
function encoderProto(packed: boolean): string {
  const packing = packed ? '' : ' [packed = false]';
  return `
syntax = "proto3";
package full;
message AnyValue {
  oneof value {
    string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4;
    ArrayValue array_value = 5; KeyValueList kvlist_value = 6; bytes bytes_value = 7;
  }
}
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
message KeyValue { string key = 1; AnyValue value = 2; }
message InstrumentationScope { string name = 1; string version = 2; repeated KeyValue attributes = 3; uint32 dropped_attributes_count = 4; }
message Resource { repeated KeyValue attributes = 1; uint32 dropped_attributes_count = 2; }
message ExportMetricsServiceRequest { repeated ResourceMetrics resource_metrics = 1; }
message ResourceMetrics { Resource resource = 1; repeated ScopeMetrics scope_metrics = 2; string schema_url = 3; }
message ScopeMetrics { InstrumentationScope scope = 1; repeated Metric metrics = 2; string schema_url = 3; }
message Metric {
  string name = 1; string description = 2; string unit = 3;
  oneof data { Gauge gauge = 5; Sum sum = 7; Histogram histogram = 9; ExponentialHistogram exponential_histogram = 10; Summary summary = 11; }
  repeated KeyValue metadata = 12;
}
message Gauge { repeated NumberDataPoint data_points = 1; }
message Sum { repeated NumberDataPoint data_points = 1; int32 aggregation_temporality = 2; bool is_monotonic = 3; }
message Histogram { repeated HistogramDataPoint data_points = 1; int32 aggregation_temporality = 2; }
message ExponentialHistogram { repeated ExponentialHistogramDataPoint data_points = 1; int32 aggregation_temporality = 2; }
message ExponentialHistogramDataPoint {
  fixed64 count = 4; sint32 scale = 6; fixed64 zero_count = 7; Buckets positive = 8;
  message Buckets { sint32 offset = 1; repeated uint64 bucket_counts = 2; }
}
message Summary { repeated SummaryDataPoint data_points = 1; }
message SummaryDataPoint {
  fixed64 count = 4; double sum = 5; repeated ValueAtQuantile quantile_values = 6;
  message ValueAtQuantile { double quantile = 1; double value = 2; }
}
message Exemplar { fixed64 time_unix_nano = 2; oneof value { double as_double = 3; sfixed64 as_int = 6; } bytes span_id = 4; }
message NumberDataPoint {
  repeated KeyValue attributes = 7; fixed64 start_time_unix_nano = 2; fixed64 time_unix_nano = 3;
  oneof value { double as_double = 4; sfixed64 as_int = 6; }
  repeated Exemplar exemplars = 5; uint32 flags = 8;
}
message HistogramDataPoint {
  repeated KeyValue attributes = 9; fixed64 start_time_unix_nano = 2; fixed64 time_unix_nano = 3;
  fixed64 count = 4; optional double sum = 5;
  repeated fixed64 bucket_counts = 6${packing}; repeated double explicit_bounds = 7${packing};
  repeated Exemplar exemplars = 8; uint32 flags = 10; optional double min = 11; optional double max = 12;
}
`;
}

const encoders = [true, false].map((packed) =>
  protobuf
    .parse(encoderProto(packed), { keepCase: false })
    .root.lookupType('full.ExportMetricsServiceRequest'),
);

/** One message of the upstream schema (e.g. `Metric`) in protobuf, repeated numbers packed or not. */
export function encodeMessage(typeName: string, message: JsonObject, packed: boolean): Buffer {
  const type = encoders[packed ? 0 : 1]!.root.lookupType(`full.${typeName}`);
  return Buffer.from(type.encode(type.fromObject(message)).finish());
}

/**
 * `request` in protobuf, by protobufjs (the reference encoder), repeated numbers packed or not;
 * `undefined` when protobufjs cannot take it (junk a mutation put where a message belongs).
 */
export function encodeProtobuf(request: JsonObject, packed: boolean): Buffer | undefined {
  const type = encoders[packed ? 0 : 1]!;
  try {
    return Buffer.from(type.encode(type.fromObject(request)).finish());
  } catch {
    return undefined;
  }
}
