import { describe, expect, it } from 'vitest';
import { histogramQuantile } from './histogram-quantile.js';

const inf = Number.POSITIVE_INFINITY;

describe('histogramQuantile', () => {
  const buckets = [
    { upperBound: 0.5, count: 10 },
    { upperBound: 1, count: 30 },
    { upperBound: 2, count: 90 },
    { upperBound: inf, count: 100 },
  ];

  it('interpolates inside the bucket holding the rank', () => {
    // rank 95 falls in the +Inf bucket: the highest finite bound, as PromQL answers
    expect(histogramQuantile(0.95, buckets)).toBe(2);
    // rank 50: 20 of the 60 observations in (1, 2]
    expect(histogramQuantile(0.5, buckets)).toBeCloseTo(1 + 20 / 60, 12);
    // rank 5: half of the first bucket, which starts at 0
    expect(histogramQuantile(0.05, buckets)).toBe(0.25);
  });

  it('ignores bucket order', () => {
    expect(histogramQuantile(0.5, [...buckets].reverse())).toBeCloseTo(1 + 20 / 60, 12);
  });

  it('has no answer without observations or without a +Inf bucket', () => {
    expect(histogramQuantile(0.95, [{ upperBound: inf, count: 0 }])).toBeUndefined();
    expect(histogramQuantile(0.95, [{ upperBound: 1, count: 4 }])).toBeUndefined();
    expect(histogramQuantile(0.95, [])).toBeUndefined();
  });

  it('returns the edges for q at 0 and 1', () => {
    expect(histogramQuantile(0, buckets)).toBe(0);
    expect(histogramQuantile(1, buckets)).toBe(2);
  });
});
