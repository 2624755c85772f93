import type { Attributes, AttributesBuilder, AttributeValue } from './attributes.js';
import type {
  HistogramPoint,
  Metric,
  MetricData,
  MetricsRequest,
  NumberPoint,
  ResourceMetrics,
  Scope,
  ScopeMetrics,
} from './metrics-model.js';
import { readDouble, readInt64, readUint64 } from './otlp-json-fields.js';
import {
  bail,
  hasNoRecordedValue,
  histogramPointOf,
  MAX_VALUE_DEPTH,
  monotonicOf,
  numberValueOf,
  temporalityOf,
} from './read-metrics-json.js';
import { SharedAttributesCache } from './shared-attributes.js';

/**
 * A single-pass reader of an OTLP/JSON metrics request straight from the body's bytes into the
 * {@link MetricsRequest} model, without decoding the whole body to a string or `JSON.parse`'s
 * objects: for every request it takes it gives exactly `readMetricsJson(JSON.parse(text))` of
 * the body's UTF-8 text (the differential test pins that), reading
 * each leaf with the same leaf readers. It takes only a well-formed, valid request in the usual
 * shape: on anything else (a syntax error, a member sent twice or in both spellings, a value of
 * the wrong kind, any failed check) it answers `undefined` and the caller parses the body the
 * reference way, which words the error.
 */
export function readMetricsJsonBytes(body: Uint8Array): MetricsRequest | undefined {
  const reader = new JsonReader(body);
  try {
    const request = reader.request();
    reader.end();
    return request;
  } catch {
    // Bail, a leaf reader's PayloadError, or a stack overflow on absurd nesting: JSON.parse decides.
    return undefined;
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const LOWER_N = 0x6e;
/** Significant digits summed exactly as an integer (below 2^53). */
const SHORT_DIGITS = 15;
/** 10^22 is the largest power of ten a double holds exactly. */
const MAX_EXACT_POWER = 22;
const POWERS_OF_TEN = Array.from({ length: MAX_EXACT_POWER + 1 }, (_, power) => 10 ** power);

/** What each escape's letter stands for (`\uXXXX` is read apart). */
const ESCAPES: Record<number, string> = {
  34: '"',
  92: '\\',
  47: '/',
  98: '\b',
  102: '\f',
  110: '\n',
  114: '\r',
  116: '\t',
};

const EMPTY_SCOPE: Scope = { name: '', version: '', schemaUrl: '' };

/** The members one kind of object reads: each name (in either spelling) and its member number. */
interface Members {
  names: string[];
  numbers: number[];
}

/** A {@link Members} table; a member's number is its position here, a pair is its two spellings. */
function members(...spellings: (string | [string, string])[]): Members {
  const table: Members = { names: [], numbers: [] };
  spellings.forEach((spelling, number) => {
    for (const name of typeof spelling === 'string' ? [spelling] : spelling) {
      table.names.push(name);
      table.numbers.push(number);
    }
  });
  return table;
}

const START_TIME: [string, string] = ['startTimeUnixNano', 'start_time_unix_nano'];
const TIME: [string, string] = ['timeUnixNano', 'time_unix_nano'];
const REQUEST = members(['resourceMetrics', 'resource_metrics']);
const RESOURCE_METRICS = members('resource', ['scopeMetrics', 'scope_metrics']);
const ATTRIBUTES_ONLY = members('attributes');
const SCOPE_METRICS = members('scope', 'metrics', ['schemaUrl', 'schema_url']);
const SCOPE = members('name', 'version');
/** A metric's data kinds follow its three strings: gauge (3), sum, histogram, the two only counted. */
const METRIC = members(
  'name',
  'description',
  'unit',
  'gauge',
  'sum',
  'histogram',
  ['exponentialHistogram', 'exponential_histogram'],
  'summary',
);
const FIRST_DATA_MEMBER = 3;
const DATA = members(
  ['dataPoints', 'data_points'],
  ['aggregationTemporality', 'aggregation_temporality'],
  ['isMonotonic', 'is_monotonic'],
);
const NUMBER_POINT = members(
  'attributes',
  START_TIME,
  TIME,
  ['asDouble', 'as_double'],
  ['asInt', 'as_int'],
  'flags',
);
const HISTOGRAM_POINT = members(
  'attributes',
  START_TIME,
  TIME,
  'count',
  'sum',
  ['explicitBounds', 'explicit_bounds'],
  ['bucketCounts', 'bucket_counts'],
  'flags',
);
const KEY_VALUE = members('key', 'value');
const ANY_VALUE = members(
  ['stringValue', 'string_value'],
  ['bytesValue', 'bytes_value'],
  ['boolValue', 'bool_value'],
  ['intValue', 'int_value'],
  ['doubleValue', 'double_value'],
  ['arrayValue', 'array_value'],
  ['kvlistValue', 'kvlist_value'],
);
const VALUES = members('values');
const NO_MEMBERS = members();

/** Gauge, sum and histogram are read; exponential histograms and summaries only counted. */
const GAUGE = 0;
const SUM = 1;
const HISTOGRAM = 2;
const OPAQUE_KINDS = 3;
const SUMMARY = 4;

class JsonReader {
  private at = 0;
  /** The seconds of the last time read, and they as nanoseconds. */
  private lastSeconds = 0;
  private lastSecondsNanos = 0n;
  /** The last `explicitBounds` array's text and its values: a histogram's points share their bounds. */
  private lastBoundsText = '';
  private lastBounds: unknown[] = NO_VALUES;

  private readonly bytes: Buffer;

  constructor(body: Uint8Array) {
    this.bytes = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    // A byte order mark is dropped, as the UTF-8 decoding before JSON.parse drops it.
    if (this.bytes[0] === 0xef && this.bytes[1] === 0xbb && this.bytes[2] === 0xbf) this.at = 3;
  }

  request(): MetricsRequest {
    const resourceMetrics: ResourceMetrics[] = [];
    let seen = 0;
    this.open(OPEN_BRACE);
    for (let first = true; this.more(CLOSE_BRACE, first); first = false) {
      const member = this.member(REQUEST);
      seen = once(seen, member);
      if (member === 0 && this.openList()) {
        for (let item = true; this.more(CLOSE_BRACKET, item); item = false)
          resourceMetrics.push(this.resourceMetrics());
      } else if (member === -1) this.skip();
    }
    return { resourceMetrics };
  }

  /** Only whitespace may follow the request. */
  end(): void {
    this.space();
    if (this.at !== this.bytes.length) bail();
  }

  private resourceMetrics(): ResourceMetrics {
    let attributes: Attributes | undefined;
    const scopeMetrics: ScopeMetrics[] = [];
    let seen = 0;
    this.open(OPEN_BRACE);
    for (let first = true; this.more(CLOSE_BRACE, first); first = false) {
      const member = this.member(RESOURCE_METRICS);
      seen = once(seen, member);
      if (member === 0) {
        if (!this.isNull()) attributes = this.resource();
      } else if (member === 1) {
        if (this.openList()) {
          for (let item = true; this.more(CLOSE_BRACKET, item); item = false)
            scopeMetrics.push(this.scopeMetrics());
        }
      } else this.skip();
    }
    return { attributes: attributes ?? new Map(), scopeMetrics };
  }

  /** A resource: its attributes; the rest is skipped. */
  private resource(): Attributes {
    let attributes: Attributes | undefined;
    let seen = 0;
    this.open(OPEN_BRACE);
    for (let first = true; this.more(CLOSE_BRACE, first); first = false) {
      const member = this.member(ATTRIBUTES_ONLY);
      seen = once(seen, member);
      if (member === 0) attributes = this.attributes(0);
      else this.skip();
    }
    return attributes ?? new Map();
  }

  private scopeMetrics(): ScopeMetrics {
    let scope = EMPTY_SCOPE;
    let schemaUrl = '';
    const metrics: Metric[] = [];
    let seen = 0;
    this.open(OPEN_BRACE);
    for (let first = true; this.more(CLOSE_BRACE, first); first = false) {
      const member = this.member(SCOPE_METRICS);
      seen = once(seen, member);
      if (member === 0) {
        if (!this.isNull()) scope = this.scope();
      } else if (member === 1) {
        if (this.openList()) {
          for (let item = true; this.more(CLOSE_BRACKET, item); item = false) metrics.push(this.metric());
        }
      } else if (member === 2) schemaUrl = this.stringMember();
      else this.skip();
    }
    return { scope: { name: scope.name, version: scope.version, schemaUrl }, metrics };
  }

  private scope(): Scope {
    let name = '';
    let version = '';
    let seen = 0;
    this.open(OPEN_BRACE);
    for (let first = true; this.more(CLOSE_BRACE, first); first = false) {
      const member = this.member(SCOPE);
      seen = once(seen, member);
      if (member === 0) name = this.stringMember();
      else if (member === 1) version = this.stringMember();
      else this.skip();
    }
    return { name, version, schemaUrl: '' };
  }

  private metric(): Metric {
    let name = '';
    let description = '';
    let unit = '';
    let data: MetricData | undefined;
    let skippedPoints = 0;
    let seen = 0;
    this.open(OPEN_BRACE);
    for (let first = true; this.more(CLOSE_BRACE, first); first = false) {
      const member = this.member(METRIC);
      seen = once(seen, member);
      if (member >= FIRST_DATA_MEMBER) {
        // One data kind present (not null); a second one is for the reference reader.
        if (this.isNull()) continue;
        if (data !== undefined) bail();
        const read = this.metricData(member - FIRST_DATA_MEMBER);
        data = read.data;
        skippedPoints = read.skipped;
      } else if (member === 0) name = this.stringMember();
      else if (member === 1) description = this.stringMember();
      else if (member === 2) unit = this.stringMember();
      else this.skip();
    }
    if (name === '' || data === undefined) bail();
    return { name, description, unit, data, skippedPoints };
  }

  private metricData(kind: number): { data: MetricData; skipped: number } {
    const numberPoints: NumberPoint[] = [];
    const histogramPoints: HistogramPoint[] = [];
    let pointCount = 0;
    let skipped = 0;
    let temporality: unknown;
    let monotonic: unknown;
    let seen = 0;
    this.open(OPEN_BRACE);
    for (let first = true; this.more(CLOSE_BRACE, first); first = false) {
      const member = this.member(DATA);
      seen = once(seen, member);
      if (member === 0) {
        if (!this.openList()) continue;
        for (let item = true; this.more(CLOSE_BRACKET, item); item = false) {
          pointCount++;
          if (kind >= OPAQUE_KINDS) this.opaquePoint();
          else if (kind === HISTOGRAM) {
            const point = this.histogramPoint();
            if (point === undefined) skipped++;
            else histogramPoints.push(point);
          } else {
            const point = this.numberPoint();
            if (point === undefined) skipped++;
            else numberPoints.push(point);
          }
        }
      } else if (member === 1 && (kind === SUM || kind === HISTOGRAM)) temporality = this.scalar();
      else if (member === 2 && kind === SUM) monotonic = this.scalar();
      else this.skip();
    }
    if (kind >= OPAQUE_KINDS) {
      return {
        data: { kind: kind === SUMMARY ? 'summary' : 'exponential_histogram', pointCount },
        skipped: 0,
      };
    }
    if (kind === GAUGE) return { data: { kind: 'gauge', points: numberPoints }, skipped };
    if (kind === HISTOGRAM) {
      return {
        data: { kind: 'histogram', temporality: temporalityOf(temporality), points: histogramPoints },
        skipped,
      };
    }
    return {
      data: {
        kind: 'sum',
        monotonic: monotonicOf(monotonic),
        temporality: temporalityOf(temporality),
        points: numberPoints,
      },
      skipped,
    };
  }

  /** An exponential histogram or summary point: an object, only counted. */
  private opaquePoint(): void {
    this.space();
    if (this.bytes[this.at]! !== OPEN_BRACE) bail();
    this.skip();
  }

  /** A number point, or `undefined` for a staleness marker. */
  private numberPoint(): NumberPoint | undefined {
    let attributes: Attributes | undefined;
    let startTimeUnixNano = 0n;
    let timeUnixNano = 0n;
    let asDouble: unknown;
    let asInt: unknown;
    let flags: unknown;
    let seen = 0;
    this.open(OPEN_BRACE);
    for (let first = true; this.more(CLOSE_BRACE, first); first = false) {
      const member = this.member(NUMBER_POINT);
      seen = once(seen, member);
      switch (member) {
        case 0:
          attributes = this.pointAttributes();
          break;
        case 1:
          startTimeUnixNano = this.time();
          break;
        case 2:
          timeUnixNano = this.time();
          break;
        case 3:
          asDouble = this.scalar();
          break;
        case 4:
          asInt = this.scalar();
          break;
        case 5:
          flags = this.scalar();
          break;
        default:
          this.skip();
      }
    }
    if (hasNoRecordedValue(flags)) return undefined;
    return {
      attributes: attributes ?? new Map(),
      startTimeUnixNano,
      timeUnixNano,
      value: numberValueOf(asDouble, asInt),
    };
  }

  /** A histogram point, or `undefined` for a staleness marker. */
  private histogramPoint(): HistogramPoint | undefined {
    let attributes: Attributes | undefined;
    let startTimeUnixNano = 0n;
    let timeUnixNano = 0n;
    let count: unknown;
    let sum: unknown;
    let bounds: unknown[] = NO_VALUES;
    let buckets: unknown[] = NO_VALUES;
    let flags: unknown;
    let seen = 0;
    this.open(OPEN_BRACE);
    for (let first = true; this.more(CLOSE_BRACE, first); first = false) {
      const member = this.member(HISTOGRAM_POINT);
      seen = once(seen, member);
      switch (member) {
        case 0:
          attributes = this.pointAttributes();
          break;
        case 1:
          startTimeUnixNano = this.time();
          break;
        case 2:
          timeUnixNano = this.time();
          break;
        case 3:
          count = this.scalar();
          break;
        case 4:
          sum = this.scalar();
          break;
        case 5:
          bounds = this.bounds();
          break;
        case 6:
          buckets = this.scalars();
          break;
        case 7:
          flags = this.scalar();
          break;
        default:
          this.skip();
      }
    }
    if (hasNoRecordedValue(flags)) return undefined;
    return histogramPointOf(
      attributes ?? new Map(),
      startTimeUnixNano,
      timeUnixNano,
      count,
      sum,
      bounds,
      buckets,
    );
  }

  /**
   * `explicitBounds`: a repeat of the last array's exact text is not read again (its values are
   * only read, never changed: `histogramPointOf` copies them into the point's own array).
   */
  private bounds(): unknown[] {
    this.space();
    const last = this.lastBoundsText;
    if (last.length > 0 && matches(this.bytes, this.at, last)) {
      this.at += last.length;
      return this.lastBounds;
    }
    const start = this.at;
    const bounds = this.scalars();
    if (bounds !== NO_VALUES) {
      this.lastBoundsText = this.bytes.toString('latin1', start, this.at);
      this.lastBounds = bounds;
    }
    return bounds;
  }

  /** An array of scalars (bounds or counts); `null` reads as empty. */
  private scalars(): unknown[] {
    if (!this.openList()) return NO_VALUES;
    const values: unknown[] = [];
    for (let item = true; this.more(CLOSE_BRACKET, item); item = false) values.push(this.scalar());
    return values;
  }

  /**
   * A `fixed64` time, `0n` for `null`. A string of up to 19 digits (always below 2^64) is read
   * from its bytes as seconds and nanoseconds, the seconds' bigint kept for the next time: the
   * times of one export share their seconds. Anything else is read as a string by `readUint64`.
   */
  private time(): bigint {
    this.space();
    const bytes = this.bytes;
    const start = this.at + 1;
    if (bytes[this.at] === QUOTE) {
      let end = start;
      while (bytes[end]! >= ZERO && bytes[end]! <= NINE) end++;
      const length = end - start;
      if (bytes[end] === QUOTE && length > 0 && length <= MAX_SHORT_TIME_DIGITS) {
        const split = Math.max(start, end - NANOSECOND_DIGITS);
        const seconds = split === start ? 0 : digitsValue(bytes, start, split);
        if (seconds !== this.lastSeconds) {
          this.lastSeconds = seconds;
          this.lastSecondsNanos = BigInt(seconds) * NANOS_PER_SECOND;
        }
        this.at = end + 1;
        return this.lastSecondsNanos + BigInt(digitsValue(bytes, split, end));
      }
      return readUint64(this.string(), '');
    }
    const value = this.scalar();
    return value === null ? 0n : readUint64(value, '');
  }

  /**
   * A point's `attributes`. An array whose text was read before (up to its first `]`, which
   * ends it unless a string or an array value holds one) is not read again: the same bytes read
   * the same, and its shared attributes come back. Others are read, and remembered when their
   * first `]` ends them.
   */
  private pointAttributes(): Attributes {
    if (!sharedAttributes.active()) return this.attributes(0);
    this.space();
    const bytes = this.bytes;
    const start = this.at;
    const close = bytes[start] === OPEN_BRACKET ? bytes.indexOf(CLOSE_BRACKET, start) : -1;
    if (close === -1 || close - start >= MAX_SHARED_ATTRIBUTES_BYTES) return this.attributes(0);
    // One character per byte: distinct bytes give distinct texts, and the copy is a plain one.
    const text = bytes.toString('latin1', start, close + 1);
    const known = sharedAttributes.get(text);
    if (known !== undefined) {
      this.at = close + 1;
      return known;
    }
    const attributes = this.attributes(0);
    if (this.at === close + 1) sharedAttributes.add(text, attributes);
    return attributes;
  }

  /** `attributes`: a list of key-value pairs (`null` reads as none), the last duplicate key winning. */
  private attributes(depth: number): Attributes {
    const attributes: AttributesBuilder = new Map();
    if (!this.openList()) return attributes;
    for (let item = true; this.more(CLOSE_BRACKET, item); item = false) this.keyValue(attributes, depth);
    return attributes;
  }

  private keyValue(into: AttributesBuilder, depth: number): void {
    let key: unknown;
    let value: AttributeValue = null;
    let seen = 0;
    this.open(OPEN_BRACE);
    for (let first = true; this.more(CLOSE_BRACE, first); first = false) {
      const member = this.member(KEY_VALUE);
      seen = once(seen, member);
      if (member === 0) key = this.scalar();
      else if (member === 1) value = this.anyValue(depth);
      else this.skip();
    }
    if (typeof key !== 'string') bail();
    into.set(key, value);
  }

  private anyValue(depth: number): AttributeValue {
    if (this.isNull()) return null;
    if (depth > MAX_VALUE_DEPTH) bail();
    let value: AttributeValue = null;
    this.open(OPEN_BRACE);
    for (let first = true; this.more(CLOSE_BRACE, first); first = false) {
      // One member is the rule; a second of any name is for the reference reader to sort out.
      if (!first) bail();
      switch (this.member(ANY_VALUE)) {
        case 0:
        case 1: {
          const member = this.scalar();
          if (member !== null && typeof member !== 'string') bail();
          value = member;
          break;
        }
        case 2: {
          const member = this.scalar();
          if (member !== null && typeof member !== 'boolean') bail();
          value = member;
          break;
        }
        case 3: {
          const member = this.scalar();
          value = member === null ? null : readInt64(member, '');
          break;
        }
        case 4: {
          const member = this.scalar();
          value = member === null ? null : readDouble(member, '');
          break;
        }
        case 5:
          value = this.isNull() ? null : this.arrayValue(depth);
          break;
        case 6:
          value = this.isNull() ? null : this.kvlistValue(depth);
          break;
        default:
          // An unknown member alone: no value, as the reference reader reads it.
          this.skip();
      }
    }
    return value;
  }

  private arrayValue(depth: number): AttributeValue[] {
    const values: AttributeValue[] = [];
    let seen = 0;
    this.open(OPEN_BRACE);
    for (let first = true; this.more(CLOSE_BRACE, first); first = false) {
      const member = this.member(VALUES);
      seen = once(seen, member);
      if (member === 0 && this.openList()) {
        for (let item = true; this.more(CLOSE_BRACKET, item); item = false)
          values.push(this.anyValue(depth + 1));
      } else if (member === -1) this.skip();
    }
    return values;
  }

  private kvlistValue(depth: number): { [key: string]: AttributeValue } {
    let entries: Attributes | undefined;
    let seen = 0;
    this.open(OPEN_BRACE);
    for (let first = true; this.more(CLOSE_BRACE, first); first = false) {
      const member = this.member(VALUES);
      seen = once(seen, member);
      if (member === 0) entries = this.attributes(depth + 1);
      else this.skip();
    }
    return Object.fromEntries(entries ?? []);
  }

  // ---- JSON syntax ----

  private space(): void {
    const bytes = this.bytes;
    let at = this.at;
    for (;;) {
      const code = bytes[at]!;
      if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) break;
      at++;
    }
    this.at = at;
  }

  /** Expects `{` or `[` (after whitespace). */
  private open(code: number): void {
    this.space();
    if (this.bytes[this.at]! !== code) bail();
    this.at++;
  }

  /** An array's `[`, or `null` (then `false`: an absent list). */
  private openList(): boolean {
    if (this.isNull()) return false;
    this.open(OPEN_BRACKET);
    return true;
  }

  /** Whether another member or item follows: `close` ends the object or array, `,` separates. */
  private more(close: number, first: boolean): boolean {
    this.space();
    const code = this.bytes[this.at]!;
    if (code === close) {
      this.at++;
      return false;
    }
    if (!first) {
      if (code !== COMMA) bail();
      this.at++;
    }
    return true;
  }

  /**
   * A member's name and its `:`: its number in `table`, -1 for a member not read. The name is
   * matched in place, not sliced; one with escapes or non-ASCII bytes is decoded first.
   */
  private member(table: Members): number {
    this.space();
    const bytes = this.bytes;
    const start = this.at + 1;
    if (this.bytes[this.at]! !== QUOTE) bail();
    let end = start;
    for (;;) {
      const code = bytes[end]!;
      // Anything but plain ASCII (an escape, UTF-8 to check) is read the long way below.
      if (code === QUOTE || code === BACKSLASH || !(code >= 0x20 && code < 0x80)) break;
      end++;
    }
    const { names, numbers } = table;
    let number = -1;
    if (bytes[end]! === QUOTE) {
      const length = end - start;
      for (let index = 0; index < names.length; index++) {
        const name = names[index]!;
        if (name.length === length && matches(bytes, start, name)) {
          number = numbers[index]!;
          break;
        }
      }
      this.at = end + 1;
    } else {
      const index = names.indexOf(this.string());
      if (index !== -1) number = numbers[index]!;
    }
    this.space();
    if (bytes[this.at] !== COLON) bail();
    this.at++;
    return number;
  }

  /** Whether the next value is `null` (then read). */
  private isNull(): boolean {
    this.space();
    if (this.bytes[this.at]! !== LOWER_N) return false;
    this.word('null', null);
    return true;
  }

  /** A string member, `''` for `null`. */
  private stringMember(): string {
    const value = this.scalar();
    if (value === null) return '';
    if (typeof value !== 'string') bail();
    return value;
  }

  /** A string, number, boolean or `null` as `JSON.parse` gives it; an object or array bails. */
  private scalar(): string | number | boolean | null {
    this.space();
    const code = this.bytes[this.at]!;
    if (code === QUOTE) return this.string();
    if (code === MINUS || (code >= ZERO && code <= NINE)) return this.number();
    if (code === LOWER_N) return this.word('null', null);
    if (code === 0x74) return this.word('true', true);
    if (code === 0x66) return this.word('false', false);
    return bail();
  }

  private word<T>(word: string, value: T): T {
    if (!matches(this.bytes, this.at, word)) bail();
    this.at += word.length;
    return value;
  }

  /**
   * A JSON number, read exactly as `JSON.parse` reads it. Up to 15 significant digits and a
   * decimal exponent within 22 take the exact fast path: the digits as an integer (below 2^53)
   * and a power of ten are both exact doubles, so one multiplication or division rounds
   * correctly, as the full conversion does. Anything else goes through `Number`.
   */
  private number(): number {
    const bytes = this.bytes;
    const start = this.at;
    let at = start;
    const negative = bytes[at] === MINUS;
    if (negative) at++;
    let code = bytes[at]!;
    let mantissa = 0;
    let digits = 0;
    let exponent = 0;
    if (code === ZERO) code = bytes[++at]!;
    else {
      if (!(code >= ZERO && code <= NINE)) bail();
      do {
        mantissa = mantissa * 10 + (code - ZERO);
        digits++;
        code = bytes[++at]!;
      } while (code >= ZERO && code <= NINE);
    }
    if (code === DOT) {
      code = bytes[++at]!;
      if (!(code >= ZERO && code <= NINE)) bail();
      do {
        mantissa = mantissa * 10 + (code - ZERO);
        if (mantissa !== 0) digits++;
        exponent--;
        code = bytes[++at]!;
      } while (code >= ZERO && code <= NINE);
    }
    if (code === 0x65 || code === 0x45) {
      code = bytes[++at]!;
      const negativeExponent = code === MINUS;
      if (code === 0x2b || code === MINUS) code = bytes[++at]!;
      if (!(code >= ZERO && code <= NINE)) bail();
      let written = 0;
      do {
        // Capped: an exponent this large leaves the fast path anyway.
        if (written < 1000) written = written * 10 + (code - ZERO);
        code = bytes[++at]!;
      } while (code >= ZERO && code <= NINE);
      exponent += negativeExponent ? -written : written;
    }
    this.at = at;
    if (digits <= SHORT_DIGITS && exponent >= -MAX_EXACT_POWER && exponent <= MAX_EXACT_POWER) {
      const magnitude =
        exponent < 0 ? mantissa / POWERS_OF_TEN[-exponent]! : mantissa * POWERS_OF_TEN[exponent]!;
      return negative ? -magnitude : magnitude;
    }
    return Number(bytes.toString('latin1', start, at));
  }

  /** A string at the reader (its opening quote), escapes decoded as `JSON.parse` decodes them. */
  private string(): string {
    const bytes = this.bytes;
    let at = this.at;
    if (bytes[at] !== QUOTE) bail();
    const start = ++at;
    let ascii = true;
    let hash = 0;
    for (;;) {
      const code = bytes[at]!;
      if (code === QUOTE) {
        this.at = at + 1;
        return ascii ? asciiString(bytes, start, at, hash) : utf8(bytes, start, at);
      }
      if (code === BACKSLASH) break;
      // A raw control character (or the end of the body, undefined) is not JSON.
      if (!(code >= 0x20)) bail();
      if (code >= 0x80) ascii = false;
      hash = Math.imul(hash ^ code, 0x01000193);
      at++;
    }
    let value = utf8(bytes, start, at);
    for (;;) {
      const code = bytes[at]!;
      if (code === QUOTE) {
        this.at = at + 1;
        return value;
      }
      if (code === BACKSLASH) {
        const escaped = bytes[at + 1]!;
        if (escaped === 0x75) {
          const hex = bytes.toString('latin1', at + 2, at + 6);
          if (!HEX4.test(hex)) bail();
          // Each \uXXXX is one UTF-16 code unit: a surrogate pair is two of them, as in JSON.parse.
          value += String.fromCharCode(Number.parseInt(hex, 16));
          at += 6;
        } else {
          const decoded = ESCAPES[escaped];
          if (decoded === undefined) bail();
          value += decoded;
          at += 2;
        }
        continue;
      }
      if (!(code >= 0x20)) bail();
      const runStart = at;
      do at++;
      while (bytes[at]! >= 0x20 && bytes[at] !== QUOTE && bytes[at] !== BACKSLASH);
      value += utf8(bytes, runStart, at);
    }
  }

  /** Skips any value, checking its syntax; answers `undefined` (an unread member's value). */
  private skip(): undefined {
    this.space();
    const code = this.bytes[this.at]!;
    if (code === OPEN_BRACE) {
      this.at++;
      for (let first = true; this.more(CLOSE_BRACE, first); first = false) {
        this.member(NO_MEMBERS);
        this.skip();
      }
    } else if (code === OPEN_BRACKET) {
      this.at++;
      for (let first = true; this.more(CLOSE_BRACKET, first); first = false) this.skip();
    } else this.scalar();
    return undefined;
  }
}

/**
 * Whether `text` holds `part` at `at`: compared code by code, which the JIT inlines (a call of
 * `startsWith` per member name cost more than the comparison).
 */
function matches(bytes: Buffer, at: number, part: string): boolean {
  const length = part.length;
  if (at + length > bytes.length) return false;
  for (let index = 0; index < length; index++) {
    if (bytes[at + index]! !== part.charCodeAt(index)) return false;
  }
  return true;
}

/**
 * Point attributes remembered per generation (a JSON body decoded on this thread, under 1 MiB,
 * holds about 2,500 points), and the longest text remembered.
 */
const SHARED_ATTRIBUTES_GENERATION = 4096;
const MAX_SHARED_ATTRIBUTES_BYTES = 2048;
const sharedAttributes = new SharedAttributesCache(SHARED_ATTRIBUTES_GENERATION);

/** Strings of at most this many bytes are looked up in the cache. */
const CACHED_STRING_BYTES = 64;
const STRING_CACHE_BITS = 12;
/** Recently read short ASCII strings by a hash of their bytes (a slot keeps the last one). */
const stringCache: (string | undefined)[] = new Array(1 << STRING_CACHE_BITS).fill(undefined);

/**
 * An ASCII string by its bytes and their hash. Attribute keys and values, names and units repeat
 * from point to point and push to push: short ones come from the cache (no allocation, no call
 * into the buffer's decoder, one string shared by every series).
 */
function asciiString(bytes: Buffer, start: number, end: number, hash: number): string {
  const length = end - start;
  if (length > CACHED_STRING_BYTES) return bytes.toString('latin1', start, end);
  const slot = Math.imul(hash ^ length, 0x01000193) >>> (32 - STRING_CACHE_BITS);
  const cached = stringCache[slot];
  if (cached !== undefined && cached.length === length && matches(bytes, start, cached)) return cached;
  const text = bytes.toString('latin1', start, end);
  stringCache[slot] = text;
  return text;
}

/** A time string of up to 19 digits is read from its bytes: 10^19 - 1 is below 2^64. */
const MAX_SHORT_TIME_DIGITS = 19;
const NANOSECOND_DIGITS = 9;
const NANOS_PER_SECOND = 1_000_000_000n;

/** The value of a run of at most 10 decimal digits (exact: below 2^53). */
function digitsValue(bytes: Buffer, start: number, end: number): number {
  let value = 0;
  for (let at = start; at < end; at++) value = value * 10 + (bytes[at]! - ZERO);
  return value;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Bytes of a string as UTF-8; malformed UTF-8 throws (the reference decoding refuses the body).
 * Multi-byte sequences never hold a quote or backslash byte, so a string's bytes are whole.
 */
function utf8(bytes: Buffer, start: number, end: number): string {
  return strictUtf8.decode(bytes.subarray(start, end));
}

const HEX4 = /^[0-9a-fA-F]{4}$/;
const NO_VALUES: unknown[] = [];

/**
 * `seen` (a set of member numbers, as bits) with `member` added: a member sent twice, or in both
 * spellings, bails (`JSON.parse` would keep the last one; the reference reader decides). Members
 * not read (-1) are not tracked.
 */
function once(seen: number, member: number): number {
  if (member === -1) return seen;
  const bit = 1 << member;
  if ((seen & bit) !== 0) bail();
  return seen | bit;
}
