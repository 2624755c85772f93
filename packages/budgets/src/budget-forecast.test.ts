import { describe, expect, it } from 'vitest';
import { FORECAST_RATE_WINDOW_MS, forecastSpendUsd, SpendRate } from './budget-forecast.js';

const MINUTE = 60_000;

describe('forecastSpendUsd', () => {
  it('is the spend so far plus the rest of the period at the rate', () => {
    // $230.40 so far, $1.20 an hour, 552 hours (1,987,200 s) left: $230.40 + $662.40.
    expect(forecastSpendUsd(230.4, 1.2 / 3600, 0, 1_987_200_000)).toBeCloseTo(892.8, 10);
  });

  it('adds nothing once the period is over', () => {
    expect(forecastSpendUsd(12, 0.5, 2_000, 1_000)).toBe(12);
  });
});

describe('SpendRate', () => {
  it('has no rate before two readings', () => {
    const rate = new SpendRate();
    expect(rate.perSecond('a')).toBeUndefined();
    rate.observe('a', 1, 0);
    expect(rate.perSecond('a')).toBeUndefined();
  });

  it('averages the increase over the time the readings span', () => {
    const rate = new SpendRate();
    rate.observe('a', 0, 0);
    rate.observe('a', 0.3, 1 * MINUTE);
    rate.observe('a', 0.6, 2 * MINUTE);
    // $0.60 in 120 s.
    expect(rate.perSecond('a')).toBe(0.6 / 120);
  });

  it('counts a new period from 0, as rate() counts a counter reset', () => {
    const rate = new SpendRate();
    rate.observe('a', 0, 0);
    rate.observe('a', 4, 20 * MINUTE);
    rate.observe('a', 1, 40 * MINUTE);
    // $4 in the old period and $1 in the new one, over 2,400 s.
    expect(rate.perSecond('a')).toBe(5 / 2400);
  });

  it('forgets readings older than the 7-day window', () => {
    const rate = new SpendRate();
    rate.observe('a', 0, 0);
    rate.observe('a', 100, 20 * MINUTE);
    rate.observe('a', 100, FORECAST_RATE_WINDOW_MS + 30 * MINUTE);
    rate.observe('a', 107, FORECAST_RATE_WINDOW_MS + 50 * MINUTE);
    // The readings of the first 20 minutes are out of the window: $7 in the 20 minutes since.
    expect(rate.perSecond('a')).toBe(7 / 1200);
  });
});
