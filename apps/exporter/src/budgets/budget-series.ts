import { type BudgetDefinition, type PeriodBounds, scopeText } from '@groqmeter/budgets';
import { countExporterSeries, setExporterGauge } from '../store/exporter-series.js';
import type { MetricStore } from '../store/metric-store.js';
import type { Labels } from '../store/series.js';

/** The Prometheus families of the budgets (docs/telemetry.md, "Budgets"). */
export const BudgetFamily = {
  usd: 'groqmeter_budget_usd',
  warnRatio: 'groqmeter_budget_warn_ratio',
  periodStart: 'groqmeter_budget_period_start_timestamp_seconds',
  periodEnd: 'groqmeter_budget_period_end_timestamp_seconds',
  spent: 'groqmeter_budget_spent_usd_total',
  operations: 'groqmeter_budget_operations_total',
  reloads: 'groqmeter_exporter_budget_reloads_total',
} as const;

const HELP: Record<keyof typeof BudgetFamily, string> = {
  usd: 'Budget in USD per period, by budget name, period, scope (label=value pairs, or all) and whether a gateway enforces it',
  warnRatio: 'Fraction of a budget whose crossing raises a warning',
  periodStart: 'Start of the budget period in progress, Unix seconds',
  periodEnd: 'End of the budget period in progress (when the budget resets), Unix seconds',
  spent: 'Spend in USD within the budget scope since its period started; resets to 0 when a period starts',
  operations:
    'Groq operations within the budget scope since its period started, by pricing outcome; resets when a period starts',
  reloads: 'Budgets file reloads, by outcome (applied, rejected: the last good budgets stay)',
};

/** The families {@link BudgetSeries.publish} rewrites (all but the reload counter). */
const PERIOD_FAMILIES = ['usd', 'warnRatio', 'periodStart', 'periodEnd', 'spent', 'operations'] as const;

/** What a budget has used of its current period. */
export interface BudgetUse {
  budget: BudgetDefinition;
  bounds: PeriodBounds;
  spentUsd: number;
  /** Spend per second over the forecast's 7-day window; `undefined` until the exporter has two readings. */
  ratePerSecond: number | undefined;
  /** `forecastSpendUsd` of the period: spend so far plus the rest of the period at `ratePerSecond`. */
  forecastUsd: number | undefined;
  /** Operations of the period by `pricing` outcome (`exact`, `partial`, `unpriced`, …). */
  operations: ReadonlyMap<string, number>;
}

/** Serves each budget's definition and use as the `groqmeter_budget_*` series. */
export class BudgetSeries {
  constructor(private readonly store: MetricStore) {}

  /**
   * Serves the budgets' current use. Every budget series is written afresh, so that the series
   * of a budget or threshold no longer configured go, and each period counter restarts from the
   * period's own total (the store keeps counters monotonic across a sender's restarts).
   */
  publish(uses: readonly BudgetUse[]): void {
    for (const family of PERIOD_FAMILIES) this.store.clearFamily(BudgetFamily[family]);
    for (const { budget, bounds, spentUsd, operations } of uses) {
      const name: [string, string] = ['budget', budget.name];
      this.gauge(
        'usd',
        [
          name,
          ['enforce', String(budget.enforce)],
          ['period', budget.period],
          ['scope', scopeText(budget.scope)],
        ],
        budget.usd,
      );
      for (const threshold of budget.warn)
        this.gauge('warnRatio', [name, ['threshold', String(threshold)]], threshold);
      this.gauge('periodStart', [name], bounds.startMs / 1000);
      this.gauge('periodEnd', [name], bounds.endMs / 1000);
      this.periodCounter('spent', [name], spentUsd);
      for (const [pricing, count] of operations)
        this.periodCounter('operations', [name, ['pricing', pricing]], count);
    }
  }

  /** Counts a reload of the budgets file. */
  countReload(outcome: 'applied' | 'rejected'): void {
    countExporterSeries(this.store, BudgetFamily.reloads, HELP.reloads, [['outcome', outcome]], 1);
  }

  private gauge(family: keyof typeof BudgetFamily, labels: Labels, value: number): void {
    setExporterGauge(this.store, BudgetFamily[family], HELP[family], labels, value);
  }

  /** A counter of the period so far (its series was cleared by {@link publish}). */
  private periodCounter(family: keyof typeof BudgetFamily, labels: Labels, value: number): void {
    countExporterSeries(this.store, BudgetFamily[family], HELP[family], labels, value);
  }
}
