import { BUDGET_PERIODS, type BudgetPeriod, type PeriodBounds, periodBounds } from '@groqmeter/budgets';
import { labelValueIn, scopeMatchesText } from '../prometheus/label-in-text.js';

/**
 * A counter series as the store serves it: its label text (`a="x",b="y"`, its key in the store,
 * the same string) and current value.
 */
export interface CounterReading {
  labelText: string;
  value: number;
}

interface PeriodState extends PeriodBounds {
  /** Growth in the period by series label text: the store's own strings, nothing parsed. */
  bySeries: Map<string, number>;
}

/**
 * How much each series of one counter family (`groq_cost_usd_total`) grew since the current day,
 * week and month started, from successive readings of the exporter's store.
 *
 * Growth is the difference between two readings; a series seen for the first time counts whole
 * and a smaller reading is a reset that counts whole too. The readings are what the store
 * received since it started (`MonotonicSeries.received`): an app whose counters outlive an
 * exporter restart counts from the restart on, not its whole life. A series that expires keeps what it added to the period. So the
 * growth of a period is the spend the exporter received in it, attributed to the period in
 * which a reading first saw it (readings happen on every scrape).
 */
export class PeriodGrowth {
  private last = new Map<string, number>();
  private readonly periods = new Map<BudgetPeriod, PeriodState>();

  constructor(private timeZone: string) {}

  /** Periods start in this zone from the next reading on; a change starts every period afresh. */
  setTimeZone(timeZone: string): void {
    this.timeZone = timeZone;
  }

  /** Takes a reading of every series of the family at `nowMs`. */
  observe(readings: Iterable<CounterReading>, nowMs: number): void {
    for (const period of BUDGET_PERIODS) {
      const bounds = periodBounds(period, this.timeZone, nowMs);
      const current = this.periods.get(period);
      if (current?.startMs !== bounds.startMs) this.periods.set(period, { ...bounds, bySeries: new Map() });
    }
    // The readings of the series still served: those that expired are forgotten.
    const next = new Map<string, number>();
    for (const { labelText, value } of readings) {
      next.set(labelText, value);
      const previous = this.last.get(labelText);
      const growth = previous === undefined || value < previous ? value : value - previous;
      if (growth <= 0) continue;
      for (const state of this.periods.values()) {
        state.bySeries.set(labelText, (state.bySeries.get(labelText) ?? 0) + growth);
      }
    }
    this.last = next;
  }

  /** The current bounds of a period (as of the last reading). */
  bounds(period: BudgetPeriod): PeriodBounds | undefined {
    const state = this.periods.get(period);
    return state && { startMs: state.startMs, endMs: state.endMs };
  }

  /**
   * Growth in the current `period` of the series within `scope`, optionally summed per the value
   * of one more label (`pricing`): returns `{ "": total }` without `by`.
   */
  growth(period: BudgetPeriod, scope: Readonly<Record<string, string>>, by?: string): Map<string, number> {
    const totals = new Map<string, number>();
    for (const [labelText, growth] of this.periods.get(period)?.bySeries ?? []) {
      if (!scopeMatchesText(scope, labelText)) continue;
      const group = by === undefined ? '' : (labelValueIn(labelText, by) ?? '');
      totals.set(group, (totals.get(group) ?? 0) + growth);
    }
    return totals;
  }
}
