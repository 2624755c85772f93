import { describe, expect, it } from 'vitest';
import { PeriodBaseline, periodBounds } from './period-baseline.js';

describe('periodBounds', () => {
  it('gives the UTC month and day, February of a leap year included', () => {
    expect(periodBounds('month', Date.UTC(2028, 1, 10, 12))).toEqual({
      startMs: Date.UTC(2028, 1, 1),
      lengthMs: 29 * 86_400_000,
    });
    expect(periodBounds('day', Date.UTC(2026, 11, 2, 23, 59))).toEqual({
      startMs: Date.UTC(2026, 11, 2),
      lengthMs: 86_400_000,
    });
  });
});

describe('PeriodBaseline', () => {
  it('counts everything in the first month, then the growth since the month changed', () => {
    const month = new PeriodBaseline('month');
    expect(month.sinceStart(5, Date.UTC(2026, 10, 30, 23))).toBe(5);
    expect(month.sinceStart(7, Date.UTC(2026, 11, 1, 0, 1))).toBe(0);
    expect(month.sinceStart(9.5, Date.UTC(2026, 11, 2))).toBe(2.5);
  });
});
