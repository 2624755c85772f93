import { describe, expect, it } from 'vitest';
import {
  HEADLINE_COLUMNS,
  HeadlineHistory,
  type HeadlineSample,
  MAX_DURATION_BUCKETS,
} from './headline-history.js';
import { HistoryRing } from './history-ring.js';

function sample(spendUsd: number): HeadlineSample {
  return {
    values: {
      spendUsd,
      inputTokens: 0,
      outputTokens: 0,
      requests: 0,
      errors: 0,
      finished: 0,
      durationSum: 0,
      durationCount: 0,
      lowestHeadroom: Number.NaN,
    },
    durationBounds: [],
    durationBuckets: [],
  };
}

describe('HistoryRing', () => {
  it('keeps the newest rows, oldest first, in memory fixed at construction', () => {
    const ring = new HistoryRing(3, 2);
    for (let index = 1; index <= 4; index++) ring.push(index * 1000, [index, index * 10]);
    expect([...ring.entries()].map(({ timeMs, row }) => [timeMs, ...row])).toEqual([
      [2000, 2, 20],
      [3000, 3, 30],
      [4000, 4, 40],
    ]);
    // 3 times and 3 × 2 values of 8 bytes.
    expect(ring.byteLength).toBe(72);
    expect(ring.lastTimeMs()).toBe(4000);
  });
});

describe('HeadlineHistory', () => {
  it('holds an hour of 10-second points and a day of one-minute points in 432,000 bytes', () => {
    const history = new HeadlineHistory();
    const width = HEADLINE_COLUMNS.length + MAX_DURATION_BUCKETS + 1;
    expect(width).toBe(30);
    expect(history.byteLength).toBe((360 + 1440) * width * 8);
    expect(history.byteLength).toBe(432_000);
  });

  it('records every sample at the fine step and the first of each minute in the day ring', () => {
    const history = new HeadlineHistory();
    for (let second = 0; second < 130; second += 10) history.record(second * 1000, sample(second));
    expect(history.rows('fine').rows.map(({ timeMs }) => timeMs / 1000)).toHaveLength(13);
    expect(history.rows('day').rows.map(({ timeMs, row }) => [timeMs / 1000, row[0]])).toEqual([
      [0, 0],
      [60, 60],
      [120, 120],
    ]);
  });
});
