import type { Budget } from './config/exporter-config.js';
import { Family } from './contract-names.js';
import { setExporterGauge } from './store/exporter-series.js';
import type { MetricStore } from './store/metric-store.js';

const HELP = 'Configured spending budget in USD per scope and period';

/** Serves the configured budgets as `groqmeter_budget_usd{scope, period}`. */
export function publishBudgets(store: MetricStore, budgets: readonly Budget[]): void {
  for (const { scope, period, usd } of budgets) {
    setExporterGauge(
      store,
      Family.budget,
      HELP,
      [
        ['scope', scope],
        ['period', period],
      ],
      usd,
    );
  }
}
