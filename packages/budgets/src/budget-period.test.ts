import { describe, expect, it } from 'vitest';
import { periodBounds } from './budget-period.js';

const at = (iso: string) => Date.parse(iso);

describe('periodBounds', () => {
  it('in UTC: a day from midnight, a month from the 1st, a week from Monday', () => {
    // Tuesday 10 February 2026, 15:30 UTC.
    const now = at('2026-02-10T15:30:00Z');
    expect(periodBounds('day', 'UTC', now)).toEqual({
      startMs: at('2026-02-10T00:00:00Z'),
      endMs: at('2026-02-11T00:00:00Z'),
    });
    expect(periodBounds('week', 'UTC', now)).toEqual({
      startMs: at('2026-02-09T00:00:00Z'),
      endMs: at('2026-02-16T00:00:00Z'),
    });
    expect(periodBounds('month', 'UTC', now)).toEqual({
      startMs: at('2026-02-01T00:00:00Z'),
      endMs: at('2026-03-01T00:00:00Z'),
    });
  });

  it('a Sunday belongs to the week that began the Monday before; December ends with the year', () => {
    const sunday = at('2026-03-01T23:59:59Z');
    expect(periodBounds('week', 'UTC', sunday)).toEqual({
      startMs: at('2026-02-23T00:00:00Z'),
      endMs: at('2026-03-02T00:00:00Z'),
    });
    expect(periodBounds('month', 'UTC', at('2026-12-31T12:00:00Z'))).toEqual({
      startMs: at('2026-12-01T00:00:00Z'),
      endMs: at('2027-01-01T00:00:00Z'),
    });
  });

  it('starts periods at midnight of the time zone', () => {
    // 23:30 UTC on 31 January is already 1 February in Berlin (UTC+1 in winter).
    expect(periodBounds('month', 'Europe/Berlin', at('2026-01-31T23:30:00Z'))).toEqual({
      startMs: at('2026-01-31T23:00:00Z'),
      endMs: at('2026-02-28T23:00:00Z'),
    });
  });

  it('a day on which the clocks change is 23 or 25 hours long', () => {
    // New York moves from UTC-5 to UTC-4 on 8 March 2026, and back on 1 November.
    expect(periodBounds('day', 'America/New_York', at('2026-03-08T12:00:00Z'))).toEqual({
      startMs: at('2026-03-08T05:00:00Z'),
      endMs: at('2026-03-09T04:00:00Z'),
    });
    expect(periodBounds('day', 'America/New_York', at('2026-11-01T12:00:00Z'))).toEqual({
      startMs: at('2026-11-01T04:00:00Z'),
      endMs: at('2026-11-02T05:00:00Z'),
    });
  });
});
