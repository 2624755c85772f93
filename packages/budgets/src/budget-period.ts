import type { BudgetPeriod } from './budget-definition.js';

/** When the current period of a budget started and when it ends (the budget resets then). */
export interface PeriodBounds {
  /** Milliseconds since the epoch. */
  startMs: number;
  endMs: number;
}

interface WallDate {
  year: number;
  /** 1 to 12. */
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, found);
  }
  return found;
}

/** The wall clock of `timeZone` at `ms`, read as if it were UTC (milliseconds). */
function wallClockMs(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

function wallDate(ms: number, timeZone: string): WallDate {
  const wall = new Date(wallClockMs(ms, timeZone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

/**
 * The instant at which the wall clock of `timeZone` reads midnight of a date (day overflow such
 * as the 32nd rolls into the next month). The zone's offset is read at the guess and once more
 * at the answer, which settles days on which the offset changes.
 */
function midnight(date: WallDate, timeZone: string): number {
  const wallMs = Date.UTC(date.year, date.month - 1, date.day);
  let instant = wallMs;
  for (let pass = 0; pass < 2; pass++) {
    const offsetMs = wallClockMs(instant, timeZone) - Math.floor(instant / 1000) * 1000;
    instant = wallMs - offsetMs;
  }
  return instant;
}

/**
 * The bounds of the `period` that contains `nowMs` in `timeZone`: a day from midnight, a week
 * from Monday midnight (ISO 8601), a month from midnight of the 1st.
 *
 * @example periodBounds('month', 'UTC', Date.UTC(2026, 1, 10)) // { startMs: Date.UTC(2026, 1, 1), endMs: Date.UTC(2026, 2, 1) }
 */
export function periodBounds(period: BudgetPeriod, timeZone: string, nowMs: number): PeriodBounds {
  const today = wallDate(nowMs, timeZone);
  if (period === 'month') {
    return {
      startMs: midnight({ ...today, day: 1 }, timeZone),
      endMs: midnight({ ...today, month: today.month + 1, day: 1 }, timeZone),
    };
  }
  if (period === 'week') {
    // getUTCDay: Sunday 0 … Saturday 6; days since Monday:
    const sinceMonday = (new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay() + 6) % 7;
    const monday = { ...today, day: today.day - sinceMonday };
    return {
      startMs: midnight(monday, timeZone),
      endMs: midnight({ ...monday, day: monday.day + 7 }, timeZone),
    };
  }
  return { startMs: midnight(today, timeZone), endMs: midnight({ ...today, day: today.day + 1 }, timeZone) };
}
