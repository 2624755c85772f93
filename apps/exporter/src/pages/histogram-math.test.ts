import { describe, expect, it } from 'vitest';
import { mergeHistograms, quantileOf } from './histogram-math.js';

describe('quantileOf', () => {
  // Bounds 1 s, 2 s, 4 s; two observations up to 1 s, two between 1 and 2 s.
  const bounds = [1, 2, 4];
  const buckets = [2, 2, 0, 0];

  it('interpolates inside the bucket the rank falls in, as histogram_quantile does', () => {
    // p50: rank 2, the top of the first bucket. p95: rank 3.8, 1.8 of the 2 in (1, 2].
    expect(quantileOf(0.5, bounds, buckets)).toBe(1);
    expect(quantileOf(0.95, bounds, buckets)).toBeCloseTo(1.9, 12);
    // p25: rank 1, half of the first bucket, from 0.
    expect(quantileOf(0.25, bounds, buckets)).toBe(0.5);
  });

  it('answers the highest bound above it, and nothing without observations', () => {
    expect(quantileOf(0.5, bounds, [0, 0, 0, 3])).toBe(4);
    expect(quantileOf(0.5, bounds, [0, 0, 0, 0])).toBeUndefined();
  });
});

describe('mergeHistograms', () => {
  it('adds series bucket by bucket; a series of other bounds adds to count and sum only', () => {
    const labels = {};
    expect(
      mergeHistograms([
        { labels, bounds: [1, 2], count: 3, sum: 2.5, buckets: [2, 1, 0] },
        { labels, bounds: [1, 2], count: 2, sum: 5, buckets: [0, 1, 1] },
        { labels, bounds: [5], count: 1, sum: 4, buckets: [1, 0] },
      ]),
    ).toEqual({ bounds: [1, 2], count: 6, sum: 11.5, buckets: [2, 2, 1] });
    expect(mergeHistograms([])).toBeUndefined();
  });
});
