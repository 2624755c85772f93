import { parseLabelText } from '../prometheus/label-text.js';
import { MonotonicContribution } from './monotonic-contribution.js';
import { StreamSet } from './stream-set.js';

/** Label pairs sorted by name; the identity of a series within its family. */
export type Labels = readonly (readonly [string, string])[];

/** Something that has added to a counter or histogram series. */
export interface Contribution {
  lastSeenMs: number;
  total(): number[];
}

/**
 * Contributions that stopped pushing but whose series is still alive keep counting (so the sum
 * stays monotonic); past this many per series the oldest are folded into a retained total.
 */
export const MAX_DORMANT_CONTRIBUTIONS = 64;

/**
 * What every series holds: its label set as exposition text (see `label-text.ts`), which is also
 * its key in its family, and its senders' contributions.
 */
abstract class StoredSeries<C> extends StreamSet<C> {
  constructor(
    /** `a="x",b="y"`: sorted, escaped, without braces. */
    readonly labelText: string,
  ) {
    super();
  }

  /**
   * The senders' contributions, by stream key. The series is that set itself rather than holding
   * one: an object less per series.
   */
  get contributions(): StreamSet<C> {
    return this;
  }

  /** The label pairs, read back from {@link labelText} (the store keeps only the text). */
  get labels(): Labels {
    return parseLabelText(this.labelText);
  }
}

/**
 * A counter or histogram series: the sum of every sender's contribution, plus what was folded
 * in from senders long gone. Counters are vectors of width 1, histograms
 * `[count, sum, ...bucketCounts]`.
 */
export class MonotonicSeries extends StoredSeries<Contribution> {
  /** Cleared once a histogram point arrives without a sum: `_sum` is then not served. */
  sumKnown = true;
  /** What senders long gone added; `undefined` until one is folded. */
  private retained: number[] | undefined;
  /** Of element 0, what the senders had counted before the store started; `undefined` until one had. */
  private carried: number | undefined;

  constructor(
    labelText: string,
    readonly width: number,
    /** Histogram bucket bounds, fixed by the first point of the series. */
    readonly bounds: readonly number[] = [],
    /** Contributions at most; a new stream past it is refused. */
    private readonly maxStreams = Number.POSITIVE_INFINITY,
  ) {
    super(labelText);
  }

  /** The contribution of a stream, created on first use; `undefined` when the series has all the streams it may. */
  streamContribution(key: string, nowMs: number): MonotonicContribution | undefined {
    const existing = this.contributions.get(key);
    if (existing instanceof MonotonicContribution) return existing;
    if (this.contributions.size >= this.maxStreams) return undefined;
    const created = new MonotonicContribution(this.width, nowMs);
    this.contributions.set(key, created);
    return created;
  }

  /** The served vector: the retained total, then each contribution added in the order they came. */
  value(): number[] {
    const { width } = this;
    const sum = this.retained ? [...this.retained] : new Array<number>(width).fill(0);
    this.contributions.forEachValue((contribution) => {
      if (contribution instanceof MonotonicContribution) {
        for (let index = 0; index < width; index++) sum[index]! += contribution.element(index);
      } else {
        contribution.total().forEach((part, index) => {
          sum[index]! += part;
        });
      }
    });
    return sum;
  }

  /** Element 0 of {@link value} (a counter's value, a histogram's count), added up the same way, without the array. */
  firstElement(): number {
    let sum = this.retained?.[0] ?? 0;
    this.contributions.forEachValue((contribution) => {
      sum +=
        contribution instanceof MonotonicContribution ? contribution.element(0) : contribution.total()[0]!;
    });
    return sum;
  }

  /**
   * Notes that `amount` of element 0, in a point just taken, was counted before the store started
   * (a run that began before it): see {@link carriedIn}.
   */
  carryIn(amount: number): void {
    this.carried = (this.carried ?? 0) + amount;
  }

  /**
   * Of element 0, what the senders had already counted when they first pushed to the store (their
   * runs begun before it started, such as an app that outlives an exporter restart): what budgets
   * leave out, so that a restart does not count an app's whole life into the current period.
   */
  get carriedIn(): number {
    return this.carried ?? 0;
  }

  /**
   * Applies staleness: `false` when every contribution is older than `cutoffMs` (the series
   * should go), otherwise folds dormant contributions beyond {@link MAX_DORMANT_CONTRIBUTIONS}.
   */
  sweep(cutoffMs: number): boolean {
    let dormant = 0;
    for (const contribution of this.contributions.values()) {
      if (contribution.lastSeenMs < cutoffMs) dormant++;
    }
    if (dormant === this.contributions.size) return false;
    if (dormant > MAX_DORMANT_CONTRIBUTIONS) this.foldOldest(dormant - MAX_DORMANT_CONTRIBUTIONS);
    return true;
  }

  private foldOldest(count: number): void {
    const oldest = [...this.contributions]
      .sort(([, a], [, b]) => a.lastSeenMs - b.lastSeenMs)
      .slice(0, count);
    this.retained ??= new Array<number>(this.width).fill(0);
    const retained = this.retained;
    for (const [key, contribution] of oldest) {
      contribution.total().forEach((part, index) => {
        retained[index]! += part;
      });
      this.contributions.delete(key);
    }
  }
}

interface GaugeContribution {
  value: number;
  timeUnixNano: bigint;
  lastSeenMs: number;
}

/**
 * A gauge series: the latest value across senders (`last`, for OTLP gauges), or the sum of every
 * sender's current value (`sum`, for non-monotonic sums such as in-flight requests).
 */
export class GaugeSeries extends StoredSeries<GaugeContribution> {
  constructor(
    labelText: string,
    readonly mode: 'last' | 'sum',
    /** Senders at most; a new one past it is refused. */
    private readonly maxStreams = Number.POSITIVE_INFINITY,
  ) {
    super(labelText);
  }

  /**
   * Sets a sender's value; a point older than the sender's last one is ignored.
   *
   * @returns `false` when the sender is new and the series has all the senders it may.
   */
  setValue(key: string, timeUnixNano: bigint, value: number, nowMs: number): boolean {
    const existing = this.contributions.get(key);
    if (existing) {
      existing.lastSeenMs = nowMs;
      if (timeUnixNano < existing.timeUnixNano) return true;
      existing.value = value;
      existing.timeUnixNano = timeUnixNano;
      return true;
    }
    if (this.contributions.size >= this.maxStreams) return false;
    this.contributions.set(key, { value, timeUnixNano, lastSeenMs: nowMs });
    return true;
  }

  /**
   * Adds to a sender's value (delta non-monotonic sums).
   *
   * @returns `false` when the sender is new and the series has all the senders it may.
   */
  addValue(key: string, timeUnixNano: bigint, delta: number, nowMs: number): boolean {
    const existing = this.contributions.get(key);
    if (!existing) {
      if (this.contributions.size >= this.maxStreams) return false;
      this.contributions.set(key, { value: delta, timeUnixNano, lastSeenMs: nowMs });
      return true;
    }
    existing.value += delta;
    existing.lastSeenMs = nowMs;
    if (timeUnixNano > existing.timeUnixNano) existing.timeUnixNano = timeUnixNano;
    return true;
  }

  value(): number {
    let latest: GaugeContribution | undefined;
    let sum = 0;
    for (const contribution of this.contributions.values()) {
      sum += contribution.value;
      if (!latest || contribution.timeUnixNano >= latest.timeUnixNano) latest = contribution;
    }
    return this.mode === 'sum' ? sum : (latest?.value ?? 0);
  }

  /** Drops senders older than `cutoffMs`; `false` when none is left (the series should go). */
  sweep(cutoffMs: number): boolean {
    const silent: string[] = [];
    for (const [key, contribution] of this.contributions) {
      if (contribution.lastSeenMs < cutoffMs) silent.push(key);
    }
    for (const key of silent) this.contributions.delete(key);
    return this.contributions.size > 0;
  }
}
