/** A calendar period in UTC, as the Overview dashboard counts "this month". */
export type CalendarPeriod = 'day' | 'month';

/** The start of the UTC day or month `timeMs` falls in, and the length of that period. */
export function periodBounds(period: CalendarPeriod, timeMs: number): { startMs: number; lengthMs: number } {
  const date = new Date(timeMs);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  if (period === 'month') {
    const startMs = Date.UTC(year, month, 1);
    return { startMs, lengthMs: Date.UTC(year, month + 1, 1) - startMs };
  }
  return { startMs: Date.UTC(year, month, date.getUTCDate()), lengthMs: 86_400_000 };
}

/**
 * What a cumulative total has grown by since the current UTC period began, as far as this
 * process saw it: everything counted in the period the exporter started in, then the growth from
 * the total at the first look after each period change. A total that fell (series expired) resets
 * the baseline to it.
 */
export class PeriodBaseline {
  private periodStartMs: number | undefined;
  private baseline = 0;

  constructor(readonly period: CalendarPeriod) {}

  /** The growth of `total` in the period of `nowMs`. */
  sinceStart(total: number, nowMs: number): number {
    const { startMs } = periodBounds(this.period, nowMs);
    if (this.periodStartMs !== undefined && this.periodStartMs !== startMs) this.baseline = total;
    this.periodStartMs = startMs;
    if (total < this.baseline) this.baseline = total;
    return total - this.baseline;
  }
}
