/**
 * The contributions of one series, by stream key: a `Map`'s interface and order, with the first
 * entry held inline. Almost every series has one sender and one stream, and an empty `Map` alone
 * weighs more than the rest of such a series' bookkeeping.
 */
export class StreamSet<V> {
  private firstKey: string | undefined;
  private firstValue: V | undefined;
  /** Every entry after the first, in insertion order. */
  private rest: Map<string, V> | undefined;

  get size(): number {
    return (this.firstKey === undefined ? 0 : 1) + (this.rest?.size ?? 0);
  }

  get(key: string): V | undefined {
    if (key === this.firstKey) return this.firstValue;
    return this.rest?.get(key);
  }

  has(key: string): boolean {
    return key === this.firstKey || (this.rest?.has(key) ?? false);
  }

  set(key: string, value: V): this {
    if (this.firstKey === undefined || key === this.firstKey) {
      this.firstKey = key;
      this.firstValue = value;
    } else {
      this.rest ??= new Map();
      this.rest.set(key, value);
    }
    return this;
  }

  delete(key: string): boolean {
    if (key !== this.firstKey) return this.rest?.delete(key) ?? false;
    // The oldest of the rest becomes the first, so iteration keeps insertion order.
    const next = this.rest?.entries().next();
    if (next && !next.done) {
      [this.firstKey, this.firstValue] = next.value;
      this.rest!.delete(next.value[0]);
      if (this.rest!.size === 0) this.rest = undefined;
    } else {
      this.firstKey = undefined;
      this.firstValue = undefined;
    }
    return true;
  }

  *values(): Generator<V> {
    if (this.firstKey !== undefined) yield this.firstValue as V;
    if (this.rest) yield* this.rest.values();
  }

  /** Entries in insertion order; delete only after iterating (collect the keys first). */
  *[Symbol.iterator](): Generator<[string, V]> {
    if (this.firstKey !== undefined) yield [this.firstKey, this.firstValue as V];
    if (this.rest) yield* this.rest;
  }

  /** Calls `visit` on every value in insertion order (no iterator allocated for the common single entry). */
  forEachValue(visit: (value: V) => void): void {
    if (this.firstKey !== undefined) visit(this.firstValue as V);
    if (!this.rest) return;
    for (const value of this.rest.values()) visit(value);
  }
}
