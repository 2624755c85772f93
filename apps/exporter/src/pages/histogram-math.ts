import type { HistogramPoint } from './store-view.js';

/** Count, sum and per-bucket counts of histogram series that share bucket bounds. */
export interface MergedHistogram {
  bounds: readonly number[];
  count: number;
  sum: number;
  buckets: number[];
}

/**
 * Adds up histogram series. Series whose bounds differ from the first series' cannot be merged
 * bucket by bucket: they add to count and sum only, so the mean stays right and the quantile is
 * that of the series with the common bounds.
 */
export function mergeHistograms(points: readonly HistogramPoint[]): MergedHistogram | undefined {
  const first = points[0];
  if (first === undefined) return undefined;
  const merged: MergedHistogram = {
    bounds: first.bounds,
    count: 0,
    sum: 0,
    buckets: new Array<number>(first.bounds.length + 1).fill(0),
  };
  for (const point of points) {
    merged.count += point.count;
    merged.sum += point.sum;
    if (!sameBounds(point.bounds, first.bounds)) continue;
    point.buckets.forEach((count, index) => {
      merged.buckets[index] = (merged.buckets[index] ?? 0) + count;
    });
  }
  return merged;
}

/**
 * The `q`-quantile of per-bucket counts over `bounds`, estimated as PromQL's
 * `histogram_quantile` does: linear interpolation inside the bucket the rank falls in, 0 as the
 * lower edge of the first bucket, the highest bound when the rank falls above it. `undefined`
 * without observations.
 */
export function quantileOf(
  q: number,
  bounds: readonly number[],
  buckets: readonly number[],
): number | undefined {
  const total = buckets.reduce((sum, count) => sum + count, 0);
  if (total <= 0 || bounds.length === 0) return undefined;
  const rank = q * total;
  let below = 0;
  for (let index = 0; index < buckets.length; index++) {
    const inBucket = buckets[index] ?? 0;
    if (below + inBucket >= rank && inBucket > 0) {
      if (index >= bounds.length) return bounds.at(-1);
      const lower = index === 0 ? 0 : (bounds[index - 1] ?? 0);
      const upper = bounds[index] ?? lower;
      return lower + (upper - lower) * ((rank - below) / inBucket);
    }
    below += inBucket;
  }
  return bounds.at(-1);
}

function sameBounds(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((bound, index) => bound === b[index]);
}
