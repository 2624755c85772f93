import type { Attributes, Histogram, HrTime } from '@opentelemetry/api';

/**
 * One label set of one metric family: its attributes object, built once when the series is first
 * seen, and where its values go. An operation resolves each series once and then only calls
 * `record`, which allocates nothing.
 */
export interface Series {
  readonly attributes: Attributes;
  record(value: number): void;
}

/**
 * The value the SDK would keep of `value`, or `undefined` when it would drop it: non-numbers;
 * negative values on counters and histograms; an integer instrument's fraction is truncated and a
 * non-finite value dropped (`SyncInstrument._record` and the instruments' `add`/`record` of
 * `@opentelemetry/sdk-metrics` 2.x).
 */
function acceptedValue(value: number, integer: boolean, nonNegative: boolean): number | undefined {
  if (typeof value !== 'number') return undefined;
  if (nonNegative && value < 0) return undefined;
  if (integer && !Number.isInteger(value)) {
    const truncated = Math.trunc(value);
    return Number.isInteger(truncated) ? truncated : undefined;
  }
  return value;
}

/** An HrTime of a millisecond clock reading, as the SDK stamps a series' start. */
export function hrTimeOf(milliseconds: number): HrTime {
  const seconds = Math.trunc(milliseconds / 1000);
  return [seconds, Math.round((milliseconds - seconds * 1000) * 1e6)];
}

/** What every accumulated series shares: when it started, and whether it moved since the last delta collection. */
abstract class AccumulatedSeries implements Series {
  /** Recorded into since the last delta collection (a delta reader gets only these). */
  changed = false;
  /** When this series' values started: its first sighting, then each delta collection. */
  startTime: HrTime;

  constructor(
    readonly attributes: Attributes,
    protected readonly integer: boolean,
  ) {
    this.startTime = hrTimeOf(Date.now());
  }

  abstract record(value: number): void;
}

/** A counter's series: a monotonic sum. */
export class SumSeries extends AccumulatedSeries {
  value = 0;

  record(value: number): void {
    const accepted = acceptedValue(value, this.integer, true);
    if (accepted === undefined) return;
    this.value += accepted;
    this.changed = true;
  }
}

/** A gauge's series: the last value recorded. */
export class GaugeSeries extends AccumulatedSeries {
  value = 0;

  record(value: number): void {
    const accepted = acceptedValue(value, this.integer, false);
    if (accepted === undefined) return;
    this.value = accepted;
    this.changed = true;
  }
}

/** A histogram's series: explicit-bucket counts (upper bounds inclusive), count, sum, min and max. */
export class HistogramSeries extends AccumulatedSeries {
  counts: number[];
  count = 0;
  sum = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;

  constructor(
    attributes: Attributes,
    integer: boolean,
    private readonly boundaries: readonly number[],
  ) {
    super(attributes, integer);
    this.counts = new Array<number>(boundaries.length + 1).fill(0);
  }

  record(value: number): void {
    const accepted = acceptedValue(value, this.integer, true);
    // NaN falls in no bucket and is not counted, as in the SDK's histogram aggregation.
    if (accepted === undefined || Number.isNaN(accepted)) return;
    this.count += 1;
    this.sum += accepted;
    if (accepted < this.min) this.min = accepted;
    if (accepted > this.max) this.max = accepted;
    this.counts[bucketIndex(this.boundaries, accepted)]! += 1;
    this.changed = true;
  }

  /** Start over (a delta reader has taken the values). */
  reset(): void {
    this.counts = new Array<number>(this.boundaries.length + 1).fill(0);
    this.count = 0;
    this.sum = 0;
    this.min = Number.POSITIVE_INFINITY;
    this.max = Number.NEGATIVE_INFINITY;
  }
}

/** The first bucket whose upper bound is >= `value` (the SDK's `binarySearchUB`). */
export function bucketIndex(boundaries: readonly number[], value: number): number {
  let low = 0;
  let high = boundaries.length - 1;
  let index = boundaries.length;
  while (high >= low) {
    const middle = (low + high) >>> 1;
    if (boundaries[middle]! < value) low = middle + 1;
    else {
      index = middle;
      high = middle - 1;
    }
  }
  return index;
}

/**
 * A histogram series of the fallback (no metric producer attached): recorded into the SDK's own
 * histogram, with the attributes object built once for the series.
 */
export class SdkHistogramSeries implements Series {
  constructor(
    readonly attributes: Attributes,
    private readonly histogram: Histogram,
  ) {}

  record(value: number): void {
    this.histogram.record(value, this.attributes);
  }
}
