import { BUDGET_PERIODS, type BudgetPeriod, type PeriodBounds, periodBounds } from '@groqmeter/budgets';
import { labelValueIn, scopeMatchesText } from '../prometheus/label-in-text.js';

/**
 * A counter series as the store serves it: its label text (`a="x",b="y"`, its key in the store,
 * the same string), what the store received of it since it started (its whole value less `MonotonicSeries.carriedIn`)
 * and its whole served value.
 */
export interface CounterReading {
  labelText: string;
  received: number;
  whole: number;
}

interface PeriodState extends PeriodBounds {
  /** Growth in the period by series label text: the store's own strings, nothing parsed. */
  bySeries: Map<string, number>;
}

/**
 * What {@link PeriodGrowth.saved} gives and {@link PeriodGrowth.restore} takes: each period's
 * growth so far, and each series' whole value as last read.
 */
export interface SavedPeriodGrowth {
  periods: Partial<Record<BudgetPeriod, { startMs: number; endMs: number; bySeries: [string, number][] }>>;
  wholes: [string, number][];
}

/**
 * How much each series of one counter family (`groq_cost_usd_total`) grew since the current day,
 * week and month started, from successive readings of the exporter's store.
 *
 * Growth is the difference between two readings of what the store received; a series seen for the
 * first time counts whole and a smaller reading is a reset that counts whole too. A series that
 * expires keeps what it added to the period. So the growth of a period is the spend the exporter
 * received in it, attributed to the period in which a reading first saw it (readings happen on
 * every scrape). What the store received leaves out what apps had counted before it started, so an
 * app whose counters outlive an exporter restart counts from the restart on, not its whole life;
 * when an earlier exporter's growth is restored, such a series' first reading counts instead what
 * its whole value grew since that exporter last read it.
 */
export class PeriodGrowth {
  /** The last reading of each series still served. */
  private last = new Map<string, CounterReading>();
  /** Whole values an earlier exporter last read, of the series not seen since the restore. */
  private restoredWholes = new Map<string, number>();
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
    const next = new Map<string, CounterReading>();
    for (const reading of readings) {
      const { labelText } = reading;
      next.set(labelText, reading);
      const growth = this.growthOf(reading);
      if (growth <= 0) continue;
      for (const state of this.periods.values()) {
        state.bySeries.set(labelText, (state.bySeries.get(labelText) ?? 0) + growth);
      }
    }
    this.last = next;
  }

  private growthOf({ labelText, received, whole }: CounterReading): number {
    const previous = this.last.get(labelText)?.received;
    if (previous !== undefined) return received < previous ? received : received - previous;
    const restored = this.restoredWholes.get(labelText);
    if (restored === undefined) return received;
    this.restoredWholes.delete(labelText);
    return whole < restored ? received : whole - restored;
  }

  /**
   * Each period's growth so far and the last whole values, for a later exporter (see
   * {@link restore}). Restored values of series not seen since are kept while the series has
   * spend in the current month, so that they do not pile up over restarts.
   */
  saved(): SavedPeriodGrowth {
    const periods: SavedPeriodGrowth['periods'] = {};
    for (const [period, { startMs, endMs, bySeries }] of this.periods)
      periods[period] = { startMs, endMs, bySeries: [...bySeries] };
    const month = this.periods.get('month')?.bySeries;
    const restored = [...this.restoredWholes].filter(([labelText]) => month?.has(labelText) === true);
    const read = [...this.last].map(([labelText, { whole }]): [string, number] => [labelText, whole]);
    return { periods, wholes: [...restored, ...read] };
  }

  /**
   * Takes up what an earlier exporter saved, before the first reading: a period that has since
   * ended (or began in another time zone) starts afresh at that reading, as it would have.
   */
  restore(saved: SavedPeriodGrowth): void {
    for (const period of BUDGET_PERIODS) {
      const state = saved.periods[period];
      if (state) this.periods.set(period, { ...state, bySeries: new Map(state.bySeries) });
    }
    this.restoredWholes = new Map(saved.wholes);
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
