/** Where a histogram vector (`[count, sum, ...buckets]`) holds its sum. */
const HISTOGRAM_SUM_INDEX = 1;

/**
 * What one sender (one resource, one cumulative stream) has added to a counter or histogram
 * series, kept so that the served total never goes down.
 *
 * Values are vectors so that counters (`[value]`) and histograms (`[count, sum, ...buckets]`)
 * share the logic; any count or bucket going down means a cumulative stream was reset. Both
 * vectors live in one array updated in place: a point allocates nothing.
 */
export class MonotonicContribution {
  /**
   * `width` elements of offset (totals of earlier runs of this stream, before a reset, and of
   * delta points), then `width` of the stream's latest cumulative value.
   */
  private readonly state: number[];
  private start: bigint | undefined;
  private lastTime = 0n;
  lastSeenMs: number;

  constructor(width: number, nowMs: number) {
    this.state = new Array<number>(2 * width).fill(0);
    this.lastSeenMs = nowMs;
  }

  /** Whether no cumulative point has been applied yet: its first would start a run. */
  get isNew(): boolean {
    return this.start === undefined;
  }

  /** Elements per vector: 1 for a counter, `3 + bounds` for a histogram. */
  private get width(): number {
    return this.state.length / 2;
  }

  /**
   * Takes a cumulative point. A new start time or a smaller value means the sender restarted:
   * what it had reported so far moves into the offset and counting resumes from the new value.
   * A point older than the last one of the same run is ignored (a retried or reordered push).
   *
   * @returns how much element 0 grew.
   */
  applyCumulative(start: bigint, time: bigint, values: readonly number[], nowMs: number): number {
    this.lastSeenMs = nowMs;
    const sameRun = this.start === start;
    if (sameRun && time < this.lastTime) return 0;
    const { state, width } = this;
    const reset = !sameRun || this.wentDown(values);
    const increase = reset ? values[0]! : values[0]! - state[width]!;
    for (let index = 0; index < width; index++) {
      if (reset) state[index] = state[index]! + state[width + index]!;
      state[width + index] = values[index]!;
    }
    this.start = start;
    this.lastTime = time;
    return increase;
  }

  /**
   * Whether any monotonic element went down: the count or a bucket (not only the count: a stream
   * that restarted and reached the same count would otherwise serve a bucket lower than before).
   * A histogram's sum (element 1) is left out; negative observations make it go down.
   */
  private wentDown(values: readonly number[]): boolean {
    const { state, width } = this;
    for (let index = 0; index < width; index++) {
      if (index === HISTOGRAM_SUM_INDEX && width > 1) continue;
      if (values[index]! < state[width + index]!) return true;
    }
    return false;
  }

  /** Adds a delta point. @returns how much element 0 grew. */
  applyDelta(values: readonly number[], nowMs: number): number {
    this.lastSeenMs = nowMs;
    const { state, width } = this;
    for (let index = 0; index < width; index++) state[index] = state[index]! + values[index]!;
    return values[0]!;
  }

  /** Everything this sender has contributed. */
  total(): number[] {
    const total = new Array<number>(this.width);
    for (let index = 0; index < this.width; index++) total[index] = this.element(index);
    return total;
  }

  /** Element `index` of {@link total}, without the array. */
  element(index: number): number {
    return this.state[index]! + this.state[this.width + index]!;
  }
}
