import type {
  HistogramPoint,
  Metric,
  MetricData,
  MetricsRequest,
  NumberPoint,
  ResourceMetrics,
  Scope,
  ScopeMetrics,
  Temporality,
} from './metrics-model.js';
import {
  arrayField,
  asObject,
  booleanField,
  field,
  type JsonObject,
  PayloadError,
  readAttributes,
  readDouble,
  readInt64,
  readUint64,
  stringField,
  timeField,
} from './otlp-json-fields.js';

/** Characters of a metric name an error message quotes; the rest is only counted. */
const QUOTED_NAME_LENGTH = 64;

/** A metric name for an error path: whole when short, else its start and its length. */
function quotedName(name: string): string {
  return name.length > QUOTED_NAME_LENGTH
    ? `${JSON.stringify(name.slice(0, QUOTED_NAME_LENGTH))}… (${name.length} characters)`
    : JSON.stringify(name);
}

/** `DataPointFlags.NO_RECORDED_VALUE_MASK`: the point marks a series as gone and has no value. */
const NO_RECORDED_VALUE = 1;
const DATA_FIELDS = ['gauge', 'sum', 'histogram', 'exponentialHistogram', 'summary'] as const;

/**
 * Reads a decoded OTLP metrics request (OTLP/JSON as parsed, or the protobuf message as a plain
 * object with int64 as strings) into a {@link MetricsRequest}, checking everything an exporter
 * relies on. Field names are accepted in lowerCamelCase and in the proto's snake_case, int64 as
 * strings or numbers, enums as numbers or names, as proto3 JSON allows.
 *
 * This is the reference reading: `decodeMetricsRequest` reads bodies with the faster single-pass
 * readers, which give the same result, and comes here for any request they do not take, so that
 * every error is worded here.
 *
 * @throws {PayloadError} naming the first offending field, e.g.
 *   `resourceMetrics[0].scopeMetrics[0].metrics[1] "groq.cost.usd": sum.aggregationTemporality must be 1 (DELTA) or 2 (CUMULATIVE), got 0`.
 */
export function readMetricsRequest(body: unknown): MetricsRequest {
  const request = asObject(body, 'request');
  return {
    resourceMetrics: arrayField(request, 'resourceMetrics', 'request').map((item, index) =>
      readResourceMetrics(item, `resourceMetrics[${index}]`),
    ),
  };
}

function readResourceMetrics(value: unknown, path: string): ResourceMetrics {
  const object = asObject(value, path);
  const resource = field(object, 'resource');
  const attributes =
    resource === undefined || resource === null
      ? new Map()
      : readAttributes(asObject(resource, `${path}.resource`), `${path}.resource`);
  return {
    attributes,
    scopeMetrics: arrayField(object, 'scopeMetrics', path).map((item, index) =>
      readScopeMetrics(item, `${path}.scopeMetrics[${index}]`),
    ),
  };
}

function readScopeMetrics(value: unknown, path: string): ScopeMetrics {
  const object = asObject(value, path);
  const scopeValue = field(object, 'scope');
  const scopeObject =
    scopeValue === undefined || scopeValue === null ? {} : asObject(scopeValue, `${path}.scope`);
  const scope: Scope = {
    name: stringField(scopeObject, 'name', `${path}.scope`),
    version: stringField(scopeObject, 'version', `${path}.scope`),
    schemaUrl: stringField(object, 'schemaUrl', path),
  };
  return {
    scope,
    metrics: arrayField(object, 'metrics', path).map((item, index) =>
      readMetric(item, `${path}.metrics[${index}]`),
    ),
  };
}

function readMetric(value: unknown, path: string): Metric {
  const object = asObject(value, path);
  const name = stringField(object, 'name', path);
  if (name === '') throw new PayloadError(`${path}.name: a metric needs a non-empty name`);
  const metricPath = `${path} ${quotedName(name)}`;
  const present = DATA_FIELDS.filter((key) => {
    const data = field(object, key);
    return data !== undefined && data !== null;
  });
  if (present.length !== 1) {
    throw new PayloadError(
      `${metricPath}: a metric carries exactly one of ${DATA_FIELDS.join(', ')}, found ${present.length === 0 ? 'none' : present.join(' and ')}`,
    );
  }
  const kind = present[0]!;
  const data = asObject(field(object, kind), `${metricPath}.${kind}`);
  const dataPath = `${metricPath}.${kind}`;
  const { metricData, skippedPoints } = readMetricData(kind, data, dataPath);
  return {
    name,
    description: stringField(object, 'description', path),
    unit: stringField(object, 'unit', path),
    data: metricData,
    skippedPoints,
  };
}

function readMetricData(
  kind: (typeof DATA_FIELDS)[number],
  data: JsonObject,
  path: string,
): { metricData: MetricData; skippedPoints: number } {
  const rawPoints = arrayField(data, 'dataPoints', path);
  if (kind === 'exponentialHistogram' || kind === 'summary') {
    for (const [index, point] of rawPoints.entries()) asObject(point, `${path}.dataPoints[${index}]`);
    return {
      metricData: {
        kind: kind === 'summary' ? 'summary' : 'exponential_histogram',
        pointCount: rawPoints.length,
      },
      skippedPoints: 0,
    };
  }
  const recorded = rawPoints
    .map((point, index) => ({ point: asObject(point, `${path}.dataPoints[${index}]`), index }))
    .filter(({ point, index }) => !hasNoRecordedValue(point, `${path}.dataPoints[${index}]`));
  const skippedPoints = rawPoints.length - recorded.length;
  if (kind === 'histogram') {
    const points = recorded.map(({ point, index }) =>
      readHistogramPoint(point, `${path}.dataPoints[${index}]`),
    );
    return {
      metricData: { kind: 'histogram', temporality: readTemporality(data, path), points },
      skippedPoints,
    };
  }
  const points = recorded.map(({ point, index }) => readNumberPoint(point, `${path}.dataPoints[${index}]`));
  if (kind === 'gauge') return { metricData: { kind: 'gauge', points }, skippedPoints };
  return {
    metricData: {
      kind: 'sum',
      monotonic: booleanField(data, 'isMonotonic', path),
      temporality: readTemporality(data, path),
      points,
    },
    skippedPoints,
  };
}

function hasNoRecordedValue(point: JsonObject, path: string): boolean {
  const flags = field(point, 'flags');
  if (flags === undefined || flags === null) return false;
  return (Number(readUint64(flags, `${path}.flags`)) & NO_RECORDED_VALUE) !== 0;
}

const TEMPORALITY_NAMES: Record<string, number> = {
  AGGREGATION_TEMPORALITY_UNSPECIFIED: 0,
  AGGREGATION_TEMPORALITY_DELTA: 1,
  AGGREGATION_TEMPORALITY_CUMULATIVE: 2,
};

function readTemporality(data: JsonObject, path: string): Temporality {
  const raw = field(data, 'aggregationTemporality');
  const value = typeof raw === 'string' && raw in TEMPORALITY_NAMES ? TEMPORALITY_NAMES[raw] : (raw ?? 0);
  if (value === 1) return 'delta';
  if (value === 2) return 'cumulative';
  throw new PayloadError(
    `${path}.aggregationTemporality must be 1 (DELTA) or 2 (CUMULATIVE), got ${JSON.stringify(value)}`,
  );
}

function readNumberPoint(point: JsonObject, path: string): NumberPoint {
  const asDouble = field(point, 'asDouble');
  const asInt = field(point, 'asInt');
  const hasDouble = asDouble !== undefined && asDouble !== null;
  const hasInt = asInt !== undefined && asInt !== null;
  if (hasDouble === hasInt) {
    throw new PayloadError(
      `${path}: a data point carries exactly one of asDouble and asInt, found ${hasDouble ? 'both' : 'neither'}`,
    );
  }
  return {
    attributes: readAttributes(point, path),
    startTimeUnixNano: timeField(point, 'startTimeUnixNano', path),
    timeUnixNano: timeField(point, 'timeUnixNano', path),
    value: hasDouble ? readDouble(asDouble, `${path}.asDouble`) : readInt64(asInt, `${path}.asInt`),
  };
}

function readHistogramPoint(point: JsonObject, path: string): HistogramPoint {
  const count = readCount(field(point, 'count') ?? 0, `${path}.count`);
  const rawSum = field(point, 'sum');
  const explicitBounds = arrayField(point, 'explicitBounds', path).map((bound, index) =>
    readDouble(bound, `${path}.explicitBounds[${index}]`),
  );
  const bucketCounts = arrayField(point, 'bucketCounts', path).map((bucket, index) =>
    readCount(bucket, `${path}.bucketCounts[${index}]`),
  );
  explicitBounds.forEach((bound, index) => {
    if (!Number.isFinite(bound)) {
      throw new PayloadError(`${path}.explicitBounds[${index}]: bounds must be finite, got ${bound}`);
    }
    if (index > 0 && bound <= explicitBounds[index - 1]!) {
      throw new PayloadError(`${path}.explicitBounds: bounds must be strictly increasing`);
    }
  });
  const bucketsMatch =
    bucketCounts.length === 0
      ? explicitBounds.length === 0
      : bucketCounts.length === explicitBounds.length + 1;
  if (!bucketsMatch) {
    throw new PayloadError(
      `${path}: ${explicitBounds.length} explicitBounds need ${explicitBounds.length + 1} bucketCounts, got ${bucketCounts.length}`,
    );
  }
  const bucketTotal = bucketCounts.reduce((total, bucket) => total + bucket, 0);
  if (bucketCounts.length > 0 && bucketTotal !== count) {
    throw new PayloadError(`${path}: count is ${count} but the bucketCounts add up to ${bucketTotal}`);
  }
  return {
    attributes: readAttributes(point, path),
    startTimeUnixNano: timeField(point, 'startTimeUnixNano', path),
    timeUnixNano: timeField(point, 'timeUnixNano', path),
    count,
    sum: rawSum === undefined || rawSum === null ? undefined : readDouble(rawSum, `${path}.sum`),
    explicitBounds,
    bucketCounts,
  };
}

/** A count that Prometheus can carry exactly. */
function readCount(value: unknown, path: string): number {
  const count = readUint64(value, path);
  if (count > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new PayloadError(`${path}: ${count} is larger than the largest exact count (2^53 - 1)`);
  }
  return Number(count);
}
