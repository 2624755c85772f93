/**
 * A fixed-size ring of timestamped rows of numbers, in two typed arrays allocated once: its memory
 * is `capacity × (width + 1) × 8` bytes whatever runs through it.
 */
export class HistoryRing {
  private readonly times: Float64Array;
  private readonly rows: Float64Array;
  private next = 0;
  private count = 0;

  constructor(
    readonly capacity: number,
    readonly width: number,
  ) {
    this.times = new Float64Array(capacity);
    this.rows = new Float64Array(capacity * width);
  }

  /** Appends a row (`width` numbers, NaN for unknown), overwriting the oldest when full. */
  push(timeMs: number, row: ArrayLike<number>): void {
    this.times[this.next] = timeMs;
    const offset = this.next * this.width;
    for (let column = 0; column < this.width; column++) {
      this.rows[offset + column] = column < row.length ? (row[column] ?? Number.NaN) : Number.NaN;
    }
    this.next = (this.next + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
  }

  get size(): number {
    return this.count;
  }

  /** The time of the newest row, or `undefined` when empty. */
  lastTimeMs(): number | undefined {
    return this.count === 0 ? undefined : this.times[(this.next - 1 + this.capacity) % this.capacity];
  }

  /** Rows oldest first, each as its time and a view of its numbers (valid until the next push). */
  *entries(): Generator<{ timeMs: number; row: Float64Array }> {
    const first = (this.next - this.count + this.capacity) % this.capacity;
    for (let index = 0; index < this.count; index++) {
      const slot = (first + index) % this.capacity;
      yield {
        timeMs: this.times[slot] ?? 0,
        row: this.rows.subarray(slot * this.width, (slot + 1) * this.width),
      };
    }
  }

  /** Bytes held by the ring's arrays. */
  get byteLength(): number {
    return this.times.byteLength + this.rows.byteLength;
  }
}
