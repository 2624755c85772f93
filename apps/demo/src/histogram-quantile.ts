/** One cumulative histogram bucket: how many observations were at most `upperBound`. */
export interface Bucket {
  upperBound: number;
  count: number;
}

/**
 * Estimates the `q`-quantile of a cumulative histogram the way PromQL's `histogram_quantile`
 * does: linear interpolation inside the bucket the rank falls in, 0 as the lower edge of the first
 * bucket, and the highest finite bound when the rank falls in the `+Inf` bucket. Buckets may come
 * in any order; returns `undefined` when there are no observations or no `+Inf` bucket.
 */
export function histogramQuantile(q: number, buckets: readonly Bucket[]): number | undefined {
  const sorted = [...buckets].sort((a, b) => a.upperBound - b.upperBound);
  const last = sorted.at(-1);
  if (last === undefined || last.upperBound !== Number.POSITIVE_INFINITY || last.count <= 0) return undefined;
  if (q <= 0) return 0;
  if (q >= 1) return sorted.at(-2)?.upperBound;
  const rank = q * last.count;
  const index = sorted.findIndex((bucket) => bucket.count >= rank);
  const bucket = sorted[index] as Bucket;
  if (index === sorted.length - 1) return sorted.at(-2)?.upperBound;
  if (index === 0 && bucket.upperBound <= 0) return bucket.upperBound;
  const previous = sorted[index - 1];
  const lowerBound = previous?.upperBound ?? 0;
  const countBelow = previous?.count ?? 0;
  const inBucket = bucket.count - countBelow;
  return lowerBound + (bucket.upperBound - lowerBound) * ((rank - countBelow) / inBucket);
}
