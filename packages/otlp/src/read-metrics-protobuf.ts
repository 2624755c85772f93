import type { Attributes, AttributesBuilder, AttributeValue } from './attributes.js';
import type {
  HistogramPoint,
  Metric,
  MetricData,
  MetricsRequest,
  NumberPoint,
  ResourceMetrics,
  ScopeMetrics,
  Temporality,
} from './metrics-model.js';

/**
 * A single-pass reader of the OTLP metrics subset straight from protobuf bytes into the
 * {@link MetricsRequest} model: no message objects, no `Long`s, no decimal strings. It reads
 * exactly what protobufjs' decode, `toObject` and `readMetricsRequest` read (the differential
 * test pins that), but only for a well-formed, valid request: on anything else (a wire error, a
 * wrong wire type, a group, a singular message sent twice, any failed validation) it answers
 * `undefined` and the caller decodes the body the reference way, which reports the error with
 * its usual message. So it never needs error paths or messages of its own.
 */
export function readMetricsProtobuf(body: Uint8Array): MetricsRequest | undefined {
  const reader = new WireReader(body);
  try {
    return reader.request();
  } catch {
    // Bail (or anything unforeseen): the reference decoding decides, and words the error.
    return undefined;
  }
}

/** Thrown to leave the fast reader: the reference decoding takes over. */
const BAIL = new Error('not in the single-pass subset');

function bail(): never {
  throw BAIL;
}

/** `DataPointFlags.NO_RECORDED_VALUE_MASK`. */
const NO_RECORDED_VALUE = 1;
/** The deepest `AnyValue` the validating reader accepts (deeper is refused there). */
const MAX_VALUE_DEPTH = 16;
const TWO_TO_32 = 4294967296;
/** `hi` words up to this keep a 64-bit integer within 2^53 - 1. */
const MAX_SAFE_HI = 0x1fffff;

/** The field numbers of a message in the reference schema (`otlp-proto.ts`), as a bit set. */
function known(...fields: number[]): number {
  return fields.reduce((set, field) => set | (1 << field), 0);
}
const REQUEST = known(1);
const RESOURCE_METRICS = known(1, 2, 3);
const RESOURCE = known(1, 2);
const SCOPE_METRICS = known(1, 2, 3);
const SCOPE = known(1, 2, 3, 4);
const METRIC = known(1, 2, 3, 5, 7, 9, 10, 11);
/** Gauge, sum, histogram, exponential histogram and summary by their field in `Metric`. */
const DATA: Record<number, number> = {
  5: known(1),
  7: known(1, 2, 3),
  9: known(1, 2),
  10: known(1, 2),
  11: known(1),
};
const NUMBER_POINT = known(2, 3, 4, 6, 7, 8);
const HISTOGRAM_POINT = known(2, 3, 4, 5, 6, 7, 9, 10);
const KEY_VALUE = known(1, 2);
const ANY_VALUE = known(1, 2, 3, 4, 5, 6, 7);
const VALUE_LIST = known(1);
const OPAQUE_POINT = known();

const VARINT = 0;
const FIXED64 = 1;
const LENGTH = 2;
const FIXED32 = 5;

/** Strings of at most this many bytes are looked up in the cache. */
const CACHED_STRING_BYTES = 64;
const STRING_CACHE_BITS = 12;
/** Recently read short ASCII strings by a hash of their bytes (a slot keeps the last one). */
const stringCache: (string | undefined)[] = new Array(1 << STRING_CACHE_BITS).fill(undefined);

function sameAscii(text: string, bytes: Uint8Array, start: number): boolean {
  for (let index = 0; index < text.length; index++) {
    if (text.charCodeAt(index) !== bytes[start + index]) return false;
  }
  return true;
}

class WireReader {
  private readonly bytes: Buffer;
  /** Plain `Uint8Array` bodies: protobufjs decodes their strings with its own UTF-8 reader. */
  private readonly isBuffer: boolean;
  private pos = 0;
  /** The last time read and its bigint: the points of one export mostly share their times. */
  private lastLo = -1;
  private lastHi = -1;
  private lastTime = 0n;

  constructor(body: Uint8Array) {
    this.isBuffer = Buffer.isBuffer(body);
    this.bytes = this.isBuffer
      ? (body as Buffer)
      : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  }

  request(): MetricsRequest {
    const end = this.bytes.length;
    const resourceMetrics: ResourceMetrics[] = [];
    while (this.pos < end) {
      const tag = this.varint32(end);
      if (tag === ((1 << 3) | LENGTH)) resourceMetrics.push(this.resourceMetrics(this.lengthEnd(end)));
      else this.skip(tag, end, REQUEST);
    }
    return { resourceMetrics };
  }

  private resourceMetrics(end: number): ResourceMetrics {
    let attributes: Attributes | undefined;
    const scopeMetrics: ScopeMetrics[] = [];
    while (this.pos < end) {
      const tag = this.varint32(end);
      if (tag === ((1 << 3) | LENGTH)) {
        if (attributes !== undefined) bail();
        attributes = this.resource(this.lengthEnd(end));
      } else if (tag === ((2 << 3) | LENGTH)) scopeMetrics.push(this.scopeMetrics(this.lengthEnd(end)));
      else if (tag === ((3 << 3) | LENGTH)) this.pos = this.lengthEnd(end);
      else this.skip(tag, end, RESOURCE_METRICS);
    }
    return { attributes: attributes ?? new Map(), scopeMetrics };
  }

  private resource(end: number): Attributes {
    const attributes: AttributesBuilder = new Map();
    while (this.pos < end) {
      const tag = this.varint32(end);
      if (tag === ((1 << 3) | LENGTH)) this.keyValue(this.lengthEnd(end), attributes, 0);
      else if (tag === ((2 << 3) | VARINT)) this.varint32(end);
      else this.skip(tag, end, RESOURCE);
    }
    return attributes;
  }

  private scopeMetrics(end: number): ScopeMetrics {
    let scope: { name: string; version: string } | undefined;
    let schemaUrl = '';
    const metrics: Metric[] = [];
    while (this.pos < end) {
      const tag = this.varint32(end);
      if (tag === ((2 << 3) | LENGTH)) metrics.push(this.metric(this.lengthEnd(end)));
      else if (tag === ((1 << 3) | LENGTH)) {
        if (scope !== undefined) bail();
        scope = this.scope(this.lengthEnd(end));
      } else if (tag === ((3 << 3) | LENGTH)) schemaUrl = this.string(this.lengthEnd(end));
      else this.skip(tag, end, SCOPE_METRICS);
    }
    return { scope: { name: scope?.name ?? '', version: scope?.version ?? '', schemaUrl }, metrics };
  }

  private scope(end: number): { name: string; version: string } {
    let name = '';
    let version = '';
    while (this.pos < end) {
      const tag = this.varint32(end);
      if (tag === ((1 << 3) | LENGTH)) name = this.string(this.lengthEnd(end));
      else if (tag === ((2 << 3) | LENGTH)) version = this.string(this.lengthEnd(end));
      // Scope attributes are not part of the model, but protobufjs decodes (so checks) them.
      else if (tag === ((3 << 3) | LENGTH)) this.keyValue(this.lengthEnd(end), new Map(), 0);
      else if (tag === ((4 << 3) | VARINT)) this.varint32(end);
      else this.skip(tag, end, SCOPE);
    }
    return { name, version };
  }

  private metric(end: number): Metric {
    let name = '';
    let description = '';
    let unit = '';
    let kind = 0;
    let dataStart = 0;
    let dataEnd = 0;
    while (this.pos < end) {
      const tag = this.varint32(end);
      const field = tag >>> 3;
      if ((tag & 7) === LENGTH && field <= 11) {
        const fieldEnd = this.lengthEnd(end);
        if (field === 1) name = this.string(fieldEnd);
        else if (field === 2) description = this.string(fieldEnd);
        else if (field === 3) unit = this.string(fieldEnd);
        else if (field === 5 || field === 7 || field >= 9) {
          // The data is read once the name is known; two of them is an error (or, for the same
          // kind twice, protobufjs keeping the last): the reference reader handles both.
          if (kind !== 0) bail();
          kind = field;
          dataStart = this.pos;
          dataEnd = fieldEnd;
        }
        this.pos = fieldEnd;
      } else this.skip(tag, end, METRIC);
    }
    if (name === '' || kind === 0) bail();
    this.pos = dataStart;
    const skipped = { points: 0 };
    const data = this.metricData(kind, dataEnd, skipped);
    this.pos = end;
    return { name, description, unit, data, skippedPoints: skipped.points };
  }

  private metricData(kind: number, end: number, skipped: { points: number }): MetricData {
    if (kind === 10 || kind === 11) return this.unsupportedData(kind, end);
    const numberPoints: NumberPoint[] = [];
    const histogramPoints: HistogramPoint[] = [];
    let temporality = 0;
    let monotonic = false;
    while (this.pos < end) {
      const tag = this.varint32(end);
      if (tag === ((1 << 3) | LENGTH)) {
        const pointEnd = this.lengthEnd(end);
        const point = kind === 9 ? this.histogramPoint(pointEnd) : this.numberPoint(pointEnd);
        if (point === undefined) skipped.points++;
        else if (kind === 9) histogramPoints.push(point as HistogramPoint);
        else numberPoints.push(point as NumberPoint);
      } else if (tag === ((2 << 3) | VARINT) && kind !== 5) temporality = this.varint32(end) | 0;
      else if (tag === ((3 << 3) | VARINT) && kind === 7) monotonic = this.varint32(end) !== 0;
      else this.skip(tag, end, DATA[kind]!);
    }
    if (kind === 5) return { kind: 'gauge', points: numberPoints };
    const readTemporality: Temporality =
      temporality === 1 ? 'delta' : temporality === 2 ? 'cumulative' : bail();
    if (kind === 7) return { kind: 'sum', monotonic, temporality: readTemporality, points: numberPoints };
    return { kind: 'histogram', temporality: readTemporality, points: histogramPoints };
  }

  /** Exponential histograms and summaries: their points are counted, their fields only walked. */
  private unsupportedData(kind: number, end: number): MetricData {
    let pointCount = 0;
    while (this.pos < end) {
      const tag = this.varint32(end);
      if (tag === ((1 << 3) | LENGTH)) {
        // protobufjs walks the fields of each point (they are unknown to it), so checks them.
        const pointEnd = this.lengthEnd(end);
        while (this.pos < pointEnd) this.skip(this.varint32(pointEnd), pointEnd, OPAQUE_POINT);
        pointCount++;
      } else if (tag === ((2 << 3) | VARINT) && kind === 10) this.varint32(end);
      else this.skip(tag, end, DATA[kind]!);
    }
    return { kind: kind === 11 ? 'summary' : 'exponential_histogram', pointCount };
  }

  /** A number point, or `undefined` for a point flagged "no recorded value". */
  private numberPoint(end: number): NumberPoint | undefined {
    const attributes: AttributesBuilder = new Map();
    let startTimeUnixNano = 0n;
    let timeUnixNano = 0n;
    let value = 0;
    let values = 0;
    let flags = 0;
    while (this.pos < end) {
      const tag = this.varint32(end);
      switch (tag) {
        case (7 << 3) | LENGTH:
          this.keyValue(this.lengthEnd(end), attributes, 0);
          break;
        case (2 << 3) | FIXED64:
          startTimeUnixNano = this.time(end);
          break;
        case (3 << 3) | FIXED64:
          timeUnixNano = this.time(end);
          break;
        case (4 << 3) | FIXED64:
          value = this.double(end);
          values |= 1;
          break;
        case (6 << 3) | FIXED64:
          value = this.sfixed64(end);
          values |= 2;
          break;
        case (8 << 3) | VARINT:
          flags = this.varint32(end);
          break;
        default:
          this.skip(tag, end, NUMBER_POINT);
      }
    }
    if ((flags & NO_RECORDED_VALUE) !== 0) return undefined;
    // Exactly one of asDouble and asInt; the same one twice is protobufjs keeping the last.
    if (values !== 1 && values !== 2) bail();
    return { attributes, startTimeUnixNano, timeUnixNano, value };
  }

  private histogramPoint(end: number): HistogramPoint | undefined {
    const attributes: AttributesBuilder = new Map();
    let startTimeUnixNano = 0n;
    let timeUnixNano = 0n;
    let count = 0;
    let sum: number | undefined;
    const explicitBounds: number[] = [];
    const bucketCounts: number[] = [];
    let flags = 0;
    while (this.pos < end) {
      const tag = this.varint32(end);
      switch (tag) {
        case (9 << 3) | LENGTH:
          this.keyValue(this.lengthEnd(end), attributes, 0);
          break;
        case (2 << 3) | FIXED64:
          startTimeUnixNano = this.time(end);
          break;
        case (3 << 3) | FIXED64:
          timeUnixNano = this.time(end);
          break;
        case (4 << 3) | FIXED64:
          count = this.count(end);
          break;
        case (5 << 3) | FIXED64:
          sum = this.double(end);
          break;
        case (6 << 3) | LENGTH: {
          const runEnd = this.packedEnd(end);
          while (this.pos < runEnd) bucketCounts.push(this.count(runEnd));
          break;
        }
        case (6 << 3) | FIXED64:
          bucketCounts.push(this.count(end));
          break;
        case (7 << 3) | LENGTH: {
          const runEnd = this.packedEnd(end);
          while (this.pos < runEnd) explicitBounds.push(this.double(runEnd));
          break;
        }
        case (7 << 3) | FIXED64:
          explicitBounds.push(this.double(end));
          break;
        case (10 << 3) | VARINT:
          flags = this.varint32(end);
          break;
        default:
          this.skip(tag, end, HISTOGRAM_POINT);
      }
    }
    if ((flags & NO_RECORDED_VALUE) !== 0) return undefined;
    // The validating reader's checks, in its order; any failure is its to report.
    let previous = Number.NEGATIVE_INFINITY;
    for (const bound of explicitBounds) {
      if (!Number.isFinite(bound) || bound <= previous) bail();
      previous = bound;
    }
    const bucketsMatch =
      bucketCounts.length === 0
        ? explicitBounds.length === 0
        : bucketCounts.length === explicitBounds.length + 1;
    if (!bucketsMatch) bail();
    let bucketTotal = 0;
    for (const bucket of bucketCounts) bucketTotal += bucket;
    if (bucketCounts.length > 0 && bucketTotal !== count) bail();
    return { attributes, startTimeUnixNano, timeUnixNano, count, sum, explicitBounds, bucketCounts };
  }

  /** One `KeyValue` into `into` (the last duplicate key wins, where the first one stood). */
  private keyValue(end: number, into: AttributesBuilder, depth: number): void {
    let key: string | undefined;
    let value: AttributeValue = null;
    let hasValue = false;
    while (this.pos < end) {
      const tag = this.varint32(end);
      if (tag === ((1 << 3) | LENGTH)) key = this.string(this.lengthEnd(end));
      else if (tag === ((2 << 3) | LENGTH)) {
        if (hasValue) bail();
        hasValue = true;
        value = this.anyValue(this.lengthEnd(end), depth);
      } else this.skip(tag, end, KEY_VALUE);
    }
    // A KeyValue without its key is refused by the validating reader.
    if (key === undefined) bail();
    into.set(key, value);
  }

  private anyValue(end: number, depth: number): AttributeValue {
    if (depth > MAX_VALUE_DEPTH) bail();
    let value: AttributeValue = null;
    let values = 0;
    while (this.pos < end) {
      const tag = this.varint32(end);
      const field = tag >>> 3;
      if (field >= 1 && field <= 7) {
        // One value per AnyValue: two (or one sent twice) are the reference reader's to judge.
        if (values++ > 0) bail();
        value = this.anyValueMember(tag, end, depth);
      } else this.skip(tag, end, ANY_VALUE);
    }
    return value;
  }

  private anyValueMember(tag: number, end: number, depth: number): AttributeValue {
    switch (tag) {
      case (1 << 3) | LENGTH:
        return this.string(this.lengthEnd(end));
      case (2 << 3) | VARINT:
        return this.varint32(end) !== 0;
      case (3 << 3) | VARINT:
        return this.int64(end);
      case (4 << 3) | FIXED64:
        return this.double(end);
      case (5 << 3) | LENGTH: {
        const listEnd = this.lengthEnd(end);
        const values: AttributeValue[] = [];
        while (this.pos < listEnd) {
          const member = this.varint32(listEnd);
          if (member === ((1 << 3) | LENGTH)) values.push(this.anyValue(this.lengthEnd(listEnd), depth + 1));
          else this.skip(member, listEnd, VALUE_LIST);
        }
        return values;
      }
      case (6 << 3) | LENGTH: {
        const listEnd = this.lengthEnd(end);
        const entries: AttributesBuilder = new Map();
        while (this.pos < listEnd) {
          const member = this.varint32(listEnd);
          if (member === ((1 << 3) | LENGTH)) this.keyValue(this.lengthEnd(listEnd), entries, depth + 1);
          else this.skip(member, listEnd, VALUE_LIST);
        }
        // As Object.fromEntries builds it in the reference reader (a "__proto__" key stays a key).
        return Object.fromEntries(entries);
      }
      case (7 << 3) | LENGTH: {
        const bytesEnd = this.lengthEnd(end);
        const base64 = this.bytes.toString('base64', this.pos, bytesEnd);
        this.pos = bytesEnd;
        return base64;
      }
      default:
        // A known field with the wrong wire type: protobufjs would read it as something else.
        return bail();
    }
  }

  /** A varint's low 32 bits, unsigned, as protobufjs' `uint32()` reads it (at most 10 bytes). */
  private varint32(end: number): number {
    const bytes = this.bytes;
    let pos = this.pos;
    if (pos >= end) bail();
    let byte = bytes[pos++]!;
    if (byte < 0x80) {
      this.pos = pos;
      return byte;
    }
    let value = byte & 0x7f;
    for (let shift = 7; shift < 70; shift += 7) {
      if (pos >= end) bail();
      byte = bytes[pos++]!;
      if (shift < 32) value |= (byte & 0x7f) << shift;
      if (byte < 0x80) {
        this.pos = pos;
        return value >>> 0;
      }
    }
    return bail();
  }

  /** A signed varint int64 as a number, rounded as `Number()` rounds its decimal string. */
  private int64(end: number): number {
    const bytes = this.bytes;
    let pos = this.pos;
    let lo = 0;
    let hi = 0;
    for (let shift = 0; ; shift += 7) {
      if (pos >= end || shift >= 70) bail();
      const byte = bytes[pos++]!;
      if (shift < 28) lo |= (byte & 0x7f) << shift;
      else if (shift === 28) {
        lo |= (byte & 0x0f) << 28;
        hi |= (byte & 0x7f) >> 4;
      } else hi |= (byte & 0x7f) << (shift - 32);
      if (byte < 0x80) break;
    }
    this.pos = pos;
    return this.int64Number(lo, hi | 0);
  }

  private int64Number(lo: number, hi: number): number {
    if (hi >= -MAX_SAFE_HI - 1 && hi <= MAX_SAFE_HI) return hi * TWO_TO_32 + (lo >>> 0);
    return Number(BigInt.asIntN(64, (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0)));
  }

  private sfixed64(end: number): number {
    const pos = this.fixed(8, end);
    return this.int64Number(this.bytes.readUInt32LE(pos), this.bytes.readInt32LE(pos + 4));
  }

  private double(end: number): number {
    return this.bytes.readDoubleLE(this.fixed(8, end));
  }

  /** A `fixed64` time in nanoseconds. */
  private time(end: number): bigint {
    const pos = this.fixed(8, end);
    const lo = this.bytes.readUInt32LE(pos);
    const hi = this.bytes.readUInt32LE(pos + 4);
    if (lo !== this.lastLo || hi !== this.lastHi) {
      this.lastLo = lo;
      this.lastHi = hi;
      this.lastTime = hi === 0 ? BigInt(lo) : (BigInt(hi) << 32n) | BigInt(lo);
    }
    return this.lastTime;
  }

  /** A `fixed64` count, which must stay exact as a number. */
  private count(end: number): number {
    const pos = this.fixed(8, end);
    const hi = this.bytes.readUInt32LE(pos + 4);
    if (hi > MAX_SAFE_HI) bail();
    return hi * TWO_TO_32 + this.bytes.readUInt32LE(pos);
  }

  /** The position of a fixed-size value, after which the reader moves on. */
  private fixed(size: number, end: number): number {
    const pos = this.pos;
    if (pos + size > end) bail();
    this.pos = pos + size;
    return pos;
  }

  /** Reads a length and answers where the field ends, which must be inside its message. */
  private lengthEnd(end: number): number {
    const length = this.varint32(end);
    const fieldEnd = this.pos + length;
    if (fieldEnd > end) bail();
    return fieldEnd;
  }

  /** A packed run of 8-byte values: protobufjs reads a ragged one past its end. */
  private packedEnd(end: number): number {
    const runEnd = this.lengthEnd(end);
    if ((runEnd - this.pos) % 8 !== 0) bail();
    return runEnd;
  }

  private string(end: number): string {
    const bytes = this.bytes;
    const start = this.pos;
    this.pos = end;
    const length = end - start;
    if (length <= CACHED_STRING_BYTES) {
      // Label keys and values repeat from point to point and push to push: short ASCII strings
      // come from a small cache (no allocation, and one string shared by every series).
      let hash = length;
      let pos = start;
      for (; pos < end; pos++) {
        const byte = bytes[pos]!;
        if (byte >= 0x80) break;
        hash = Math.imul(hash ^ byte, 0x01000193);
      }
      if (pos === end) {
        const slot = hash >>> (32 - STRING_CACHE_BITS);
        const cached = stringCache[slot];
        if (cached !== undefined && cached.length === length && sameAscii(cached, bytes, start))
          return cached;
        const text = bytes.toString('latin1', start, end);
        stringCache[slot] = text;
        return text;
      }
    }
    const text = bytes.toString('utf8', start, end);
    // protobufjs reads a plain Uint8Array's UTF-8 itself, which differs on malformed sequences.
    if (!this.isBuffer && text.includes('\ufffd')) bail();
    return text;
  }

  /**
   * Skips an unknown field as protobufjs does. A field of the message's schema (`known`) arriving
   * with another wire type is not skipped: protobufjs would read it as its type says.
   */
  private skip(tag: number, end: number, known: number): void {
    const field = tag >>> 3;
    if (field < 32 && ((known >>> field) & 1) !== 0) bail();
    switch (tag & 7) {
      case VARINT:
        this.varint32(end);
        return;
      case FIXED64:
        this.fixed(8, end);
        return;
      case LENGTH:
        this.pos = this.lengthEnd(end);
        return;
      case FIXED32:
        this.fixed(4, end);
        return;
      default:
        // Groups (deprecated) and invalid wire types: the reference decoding decides.
        bail();
    }
  }
}
