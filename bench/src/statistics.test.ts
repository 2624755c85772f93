import { describe, expect, it } from 'vitest';
import { compare, median, percentile, summarize } from './statistics';

describe('median', () => {
  it('takes the middle sample of an odd count, whatever the input order', () => {
    expect(median([9, 1, 5])).toBe(5);
  });

  it('averages the two middle samples of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('refuses an empty sample set instead of returning NaN', () => {
    expect(() => median([])).toThrow('median of no samples');
  });
});

describe('percentile', () => {
  const oneToTwenty = Array.from({ length: 20 }, (_, index) => 20 - index);

  it('is the nearest-rank sample: p95 of 1..20 is 19', () => {
    expect(percentile(oneToTwenty, 95)).toBe(19);
  });

  it('p100 is the maximum and p5 of 1..20 is 1', () => {
    expect(percentile(oneToTwenty, 100)).toBe(20);
    expect(percentile(oneToTwenty, 5)).toBe(1);
  });

  it('p95 of 1..100 is 95 and of a single sample is that sample', () => {
    expect(
      percentile(
        Array.from({ length: 100 }, (_, index) => index + 1),
        95,
      ),
    ).toBe(95);
    expect(percentile([0.25], 95)).toBe(0.25);
  });

  it('rejects a percentile outside (0, 100]', () => {
    expect(() => percentile([1], 0)).toThrow('percentile must be in (0, 100], got 0.');
  });
});

describe('summarize and compare', () => {
  it('summarizes count, median and p95', () => {
    expect(summarize([3, 1, 2, 10])).toEqual({ count: 4, median: 2.5, p95: 10 });
  });

  it('reports the ratio and the added time of the medians', () => {
    expect(compare([1.0, 1.2, 1.1], [1.3, 1.5, 1.4])).toEqual({
      baseline: { count: 3, median: 1.1, p95: 1.2 },
      instrumented: { count: 3, median: 1.4, p95: 1.5 },
      ratio: 1.4 / 1.1,
      added: 1.4 - 1.1,
    });
  });
});
