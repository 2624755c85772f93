import type { Attributes, AttributesBuilder, AttributeValue } from './attributes.js';
import type {
  HistogramPoint,
  Metric,
  MetricData,
  MetricsRequest,
  NumberPoint,
  Temporality,
} from './metrics-model.js';
import { readDouble, readInt64, readUint64 } from './otlp-json-fields.js';

/**
 * A single-pass reader of a parsed OTLP/JSON metrics request (the output of `JSON.parse`) into
 * the {@link MetricsRequest} model: the same result as `readMetricsRequest` (the differential
 * test pins that), in plain loops, without building a path string per field. It takes only a
 * valid request: on anything `readMetricsRequest` would refuse it answers `undefined` and the
 * caller runs `readMetricsRequest`, which words the error. Field names are read in lowerCamelCase
 * or snake_case (the camelCase member wins when both are present), int64 as strings or numbers,
 * enums as numbers or names, as there.
 */
export function readMetricsJson(parsed: unknown): MetricsRequest | undefined {
  try {
    return readRequest(parsed);
  } catch {
    // Bail (or any check of the shared field readers failing): readMetricsRequest decides.
    return undefined;
  }
}

type JsonObject = Record<string, unknown>;

/** Thrown to leave the fast reader: the validating reader takes over. */
const BAIL = new Error('not in the single-pass subset');

/** Leaves the fast reader (this one or the text reader sharing its leaf readers below). */
export function bail(): never {
  throw BAIL;
}

/** `DataPointFlags.NO_RECORDED_VALUE_MASK`. */
const NO_RECORDED_VALUE = 1;
/** The deepest `AnyValue` the validating reader accepts (deeper is refused there). */
export const MAX_VALUE_DEPTH = 16;

/** A member by its camelCase name, else by its snake_case one (`JSON.parse` output has no `undefined`). */
function member(object: JsonObject, camel: string, snake: string): unknown {
  const value = object[camel];
  return value !== undefined ? value : object[snake];
}

function object(value: unknown): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) bail();
  return value as JsonObject;
}

function list(owner: JsonObject, camel: string, snake: string): unknown[] {
  const value = member(owner, camel, snake);
  if (value === undefined || value === null) return EMPTY;
  if (!Array.isArray(value)) bail();
  return value;
}
const EMPTY: unknown[] = [];

function text(owner: JsonObject, camel: string, snake: string): string {
  const value = member(owner, camel, snake);
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') bail();
  return value;
}

function readRequest(parsed: unknown): MetricsRequest {
  const request = object(parsed);
  return {
    resourceMetrics: list(request, 'resourceMetrics', 'resource_metrics').map((item) => {
      const resourceMetrics = object(item);
      const resource = resourceMetrics.resource;
      return {
        attributes:
          resource === undefined || resource === null ? new Map() : readAttributes(object(resource)),
        scopeMetrics: list(resourceMetrics, 'scopeMetrics', 'scope_metrics').map((scopeItem) => {
          const scopeMetrics = object(scopeItem);
          const scopeValue = scopeMetrics.scope;
          const scope = scopeValue === undefined || scopeValue === null ? {} : object(scopeValue);
          return {
            scope: {
              name: text(scope, 'name', 'name'),
              version: text(scope, 'version', 'version'),
              schemaUrl: text(scopeMetrics, 'schemaUrl', 'schema_url'),
            },
            metrics: list(scopeMetrics, 'metrics', 'metrics').map(readMetric),
          };
        }),
      };
    }),
  };
}

/** The five data kinds: their camelCase and snake_case member names. */
const DATA_MEMBERS = [
  ['gauge', 'gauge'],
  ['sum', 'sum'],
  ['histogram', 'histogram'],
  ['exponentialHistogram', 'exponential_histogram'],
  ['summary', 'summary'],
] as const;

function readMetric(item: unknown): Metric {
  const metric = object(item);
  const name = text(metric, 'name', 'name');
  if (name === '') bail();
  let kind = -1;
  let data: unknown;
  for (let index = 0; index < DATA_MEMBERS.length; index++) {
    const [camel, snake] = DATA_MEMBERS[index]!;
    const value = member(metric, camel, snake);
    if (value === undefined || value === null) continue;
    if (kind !== -1) bail();
    kind = index;
    data = value;
  }
  if (kind === -1) bail();
  const skipped = { points: 0 };
  const metricData = readMetricData(kind, object(data), skipped);
  return {
    name,
    description: text(metric, 'description', 'description'),
    unit: text(metric, 'unit', 'unit'),
    data: metricData,
    skippedPoints: skipped.points,
  };
}

function readMetricData(kind: number, data: JsonObject, skipped: { points: number }): MetricData {
  const rawPoints = list(data, 'dataPoints', 'data_points');
  if (kind >= 3) {
    for (const point of rawPoints) object(point);
    return { kind: kind === 4 ? 'summary' : 'exponential_histogram', pointCount: rawPoints.length };
  }
  const numberPoints: NumberPoint[] = [];
  const histogramPoints: HistogramPoint[] = [];
  for (const item of rawPoints) {
    const point = object(item);
    if (hasNoRecordedValue(point.flags)) {
      skipped.points++;
    } else if (kind === 2) histogramPoints.push(readHistogramPoint(point));
    else numberPoints.push(readNumberPoint(point));
  }
  if (kind === 0) return { kind: 'gauge', points: numberPoints };
  const temporality = temporalityOf(member(data, 'aggregationTemporality', 'aggregation_temporality'));
  if (kind === 2) return { kind: 'histogram', temporality, points: histogramPoints };
  const monotonic = monotonicOf(member(data, 'isMonotonic', 'is_monotonic'));
  return { kind: 'sum', monotonic, temporality, points: numberPoints };
}

// The leaf readers below take a member's value as `JSON.parse` gives it (`undefined` when
// absent); the text reader (read-metrics-json-text.ts) reads its values the same way, so that
// both accept exactly the same leaves.

/** A point's `flags`: whether it is a staleness marker. */
export function hasNoRecordedValue(flags: unknown): boolean {
  return flags !== undefined && flags !== null && (Number(readUint64(flags, '')) & NO_RECORDED_VALUE) !== 0;
}

export function monotonicOf(raw: unknown): boolean {
  if (raw !== undefined && raw !== null && typeof raw !== 'boolean') bail();
  return raw === true;
}

export function temporalityOf(raw: unknown): Temporality {
  if (raw === 1 || raw === 'AGGREGATION_TEMPORALITY_DELTA') return 'delta';
  if (raw === 2 || raw === 'AGGREGATION_TEMPORALITY_CUMULATIVE') return 'cumulative';
  return bail();
}

/** The last time string read and its value: the points of one export mostly share their times. */
let lastTimeText = '';
let lastTime = 0n;

function readTime(point: JsonObject, camel: string, snake: string): bigint {
  return timeOf(member(point, camel, snake));
}

/** A `fixed64` time, `0n` when not set. */
export function timeOf(value: unknown): bigint {
  if (value === undefined || value === null) return 0n;
  if (typeof value === 'string') {
    if (value !== lastTimeText) {
      lastTime = readUint64(value, '');
      lastTimeText = value;
    }
    return lastTime;
  }
  return readUint64(value, '');
}

function readNumberPoint(point: JsonObject): NumberPoint {
  return {
    attributes: readAttributes(point),
    startTimeUnixNano: readTime(point, 'startTimeUnixNano', 'start_time_unix_nano'),
    timeUnixNano: readTime(point, 'timeUnixNano', 'time_unix_nano'),
    value: numberValueOf(member(point, 'asDouble', 'as_double'), member(point, 'asInt', 'as_int')),
  };
}

/** A number point's value from its `asDouble` and `asInt` members: exactly one is set. */
export function numberValueOf(asDouble: unknown, asInt: unknown): number {
  const hasDouble = asDouble !== undefined && asDouble !== null;
  const hasInt = asInt !== undefined && asInt !== null;
  if (hasDouble === hasInt) bail();
  return hasDouble
    ? typeof asDouble === 'number'
      ? asDouble
      : readDouble(asDouble, '')
    : typeof asInt === 'string' || !Number.isInteger(asInt)
      ? readInt64(asInt, '')
      : (asInt as number);
}

function readHistogramPoint(point: JsonObject): HistogramPoint {
  return histogramPointOf(
    readAttributes(point),
    readTime(point, 'startTimeUnixNano', 'start_time_unix_nano'),
    readTime(point, 'timeUnixNano', 'time_unix_nano'),
    member(point, 'count', 'count'),
    member(point, 'sum', 'sum'),
    list(point, 'explicitBounds', 'explicit_bounds'),
    list(point, 'bucketCounts', 'bucket_counts'),
  );
}

/** A histogram point from its members' values (the bounds and counts as read, absent as empty). */
export function histogramPointOf(
  attributes: Attributes,
  startTimeUnixNano: bigint,
  timeUnixNano: bigint,
  rawCount: unknown,
  rawSum: unknown,
  rawBounds: unknown[],
  rawBuckets: unknown[],
): HistogramPoint {
  const count = readCount(rawCount ?? 0);
  const explicitBounds: number[] = new Array(rawBounds.length);
  let previous = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < rawBounds.length; index++) {
    const raw = rawBounds[index];
    const bound = typeof raw === 'number' ? raw : readDouble(raw, '');
    if (!Number.isFinite(bound) || bound <= previous) bail();
    explicitBounds[index] = previous = bound;
  }
  const bucketCounts: number[] = new Array(rawBuckets.length);
  let bucketTotal = 0;
  for (let index = 0; index < rawBuckets.length; index++) {
    const bucket = readCount(rawBuckets[index]);
    bucketCounts[index] = bucket;
    bucketTotal += bucket;
  }
  const bucketsMatch =
    bucketCounts.length === 0
      ? explicitBounds.length === 0
      : bucketCounts.length === explicitBounds.length + 1;
  if (!bucketsMatch || (bucketCounts.length > 0 && bucketTotal !== count)) bail();
  return {
    attributes,
    startTimeUnixNano,
    timeUnixNano,
    count,
    sum:
      rawSum === undefined || rawSum === null
        ? undefined
        : typeof rawSum === 'number'
          ? rawSum
          : readDouble(rawSum, ''),
    explicitBounds,
    bucketCounts,
  };
}

/** Longest decimal string read without a bigint: 15 digits stay below 2^53. */
const SHORT_DECIMAL = 15;

/** A count that Prometheus can carry exactly. */
function readCount(value: unknown): number {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) bail();
    // -0 reads as 0, as the validating reader's trip through a bigint makes it.
    return value === 0 ? 0 : value;
  }
  if (typeof value === 'string' && value.length > 0 && value.length <= SHORT_DECIMAL) {
    for (let index = 0; index < value.length; index++) {
      const code = value.charCodeAt(index);
      if (code < 48 || code > 57) bail();
    }
    return Number(value);
  }
  const count = readUint64(value, '');
  if (count > BigInt(Number.MAX_SAFE_INTEGER)) bail();
  return Number(count);
}

function readAttributes(owner: JsonObject): Attributes {
  const attributes: AttributesBuilder = new Map();
  const items = owner.attributes;
  if (items === undefined || items === null) return attributes;
  if (!Array.isArray(items)) bail();
  for (const item of items) readKeyValue(item, attributes, 0);
  return attributes;
}

function readKeyValue(item: unknown, into: AttributesBuilder, depth: number): void {
  const keyValue = object(item);
  const key = keyValue.key;
  if (typeof key !== 'string') bail();
  into.set(key, readAnyValue(keyValue.value, depth));
}

function readAnyValue(value: unknown, depth: number): AttributeValue {
  if (value === undefined || value === null) return null;
  if (depth > MAX_VALUE_DEPTH) bail();
  const anyValue = object(value);
  let found: string | undefined;
  for (const name in anyValue) {
    // One member is the rule; anything else (two values, a value and a twin spelling, an
    // unknown member beside a value) is for the validating reader to sort out.
    if (found !== undefined) bail();
    found = name;
  }
  if (found === undefined) return null;
  const member = anyValue[found];
  if (member === null) return null;
  switch (found) {
    case 'stringValue':
    case 'string_value':
    case 'bytesValue':
    case 'bytes_value':
      if (typeof member !== 'string') bail();
      return member;
    case 'boolValue':
    case 'bool_value':
      if (typeof member !== 'boolean') bail();
      return member;
    case 'intValue':
    case 'int_value':
      return readInt64(member, '');
    case 'doubleValue':
    case 'double_value':
      return readDouble(member, '');
    case 'arrayValue':
    case 'array_value': {
      const values = list(object(member), 'values', 'values');
      const result: AttributeValue[] = new Array(values.length);
      for (let index = 0; index < values.length; index++)
        result[index] = readAnyValue(values[index], depth + 1);
      return result;
    }
    case 'kvlistValue':
    case 'kvlist_value': {
      const entries: AttributesBuilder = new Map();
      for (const item of list(object(member), 'values', 'values')) readKeyValue(item, entries, depth + 1);
      return Object.fromEntries(entries);
    }
    default:
      // An unknown member alone: no value, as the validating reader reads it.
      return null;
  }
}
