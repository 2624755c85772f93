import { describe, expect, it } from 'vitest';
import { MonotonicContribution } from './monotonic-contribution.js';

describe('MonotonicContribution', () => {
  it('follows a cumulative stream and reports each increase', () => {
    const contribution = new MonotonicContribution(1, 0);
    expect(contribution.applyCumulative(100n, 1n, [5], 0)).toBe(5);
    expect(contribution.applyCumulative(100n, 2n, [12], 0)).toBe(7);
    expect(contribution.total()).toEqual([12]);
  });

  it('keeps what a stream reported before a reset (value went down) and counts on from the new value', () => {
    const contribution = new MonotonicContribution(1, 0);
    contribution.applyCumulative(100n, 1n, [40], 0);
    expect(contribution.applyCumulative(100n, 2n, [3], 0)).toBe(3);
    expect(contribution.total()).toEqual([43]);
    expect(contribution.applyCumulative(100n, 3n, [10], 0)).toBe(7);
    expect(contribution.total()).toEqual([50]);
  });

  it('treats a new start time as a restart even when the value grew', () => {
    const contribution = new MonotonicContribution(1, 0);
    contribution.applyCumulative(100n, 1n, [40], 0);
    expect(contribution.applyCumulative(200n, 2n, [45], 0)).toBe(45);
    expect(contribution.total()).toEqual([85]);
  });

  it('ignores a point older than the last one of the same run', () => {
    const contribution = new MonotonicContribution(1, 0);
    contribution.applyCumulative(100n, 5n, [40], 0);
    expect(contribution.applyCumulative(100n, 4n, [30], 0)).toBe(0);
    expect(contribution.total()).toEqual([40]);
  });

  it('adds delta points', () => {
    const contribution = new MonotonicContribution(3, 0);
    contribution.applyDelta([2, 0.5, 2], 0);
    expect(contribution.applyDelta([1, 0.25, 1], 0)).toBe(1);
    expect(contribution.total()).toEqual([3, 0.75, 3]);
  });

  it('resets whole vectors (histograms) when the count goes down', () => {
    const contribution = new MonotonicContribution(4, 0);
    contribution.applyCumulative(1n, 1n, [3, 1.5, 2, 1], 0);
    contribution.applyCumulative(1n, 2n, [1, 0.25, 1, 0], 0);
    expect(contribution.total()).toEqual([4, 1.75, 3, 1]);
  });

  it('resets a histogram when a bucket goes down even though the count did not (no bucket ever served lower)', () => {
    const contribution = new MonotonicContribution(4, 0);
    contribution.applyCumulative(1n, 1n, [3, 1.5, 2, 1], 0);
    // A restarted stream that reached the same count with other buckets: bucket 0 went 2 → 0.
    contribution.applyCumulative(1n, 2n, [3, 4, 0, 3], 0);
    expect(contribution.total()).toEqual([6, 5.5, 2, 4]);
  });

  it('does not take a histogram sum that went down (negative observations) for a reset', () => {
    const contribution = new MonotonicContribution(4, 0);
    contribution.applyCumulative(1n, 1n, [3, 1.5, 2, 1], 0);
    contribution.applyCumulative(1n, 2n, [4, -2, 2, 2], 0);
    expect(contribution.total()).toEqual([4, -2, 2, 2]);
  });

  it('records when the sender was last seen', () => {
    const contribution = new MonotonicContribution(1, 10);
    contribution.applyCumulative(1n, 1n, [1], 20);
    expect(contribution.lastSeenMs).toBe(20);
    contribution.applyDelta([1], 30);
    expect(contribution.lastSeenMs).toBe(30);
  });
});
