/**
 * @groqmeter/exporter: receives OTLP metrics from groqmeter-instrumented apps (many instances,
 * pushing) and serves them to Prometheus with the names of the groqmeter telemetry contract.
 */

export type { BudgetDefinition, BudgetsDocument } from './budgets/budget-definition.js';
export { BUDGET_PERIODS } from './budgets/budget-definition.js';
export { FORECAST_RATE_WINDOW_MS, forecastSpendUsd, SpendRate } from './budgets/budget-forecast.js';
export { type PeriodBounds, periodBounds } from './budgets/budget-period.js';
export { scopeMatches, scopeText } from './budgets/budget-scope.js';
export { BudgetFamily, type BudgetUse } from './budgets/budget-series.js';
export { BudgetsFileError, parseBudgets, readBudgetsFile } from './budgets/read-budgets-file.js';
export { RELOAD_DEBOUNCE_MS, watchBudgetsFile } from './budgets/watch-budgets-file.js';
export {
  type Budget,
  type BudgetPeriod,
  DEFAULT_EXPORTER_CONFIG,
  type ExporterConfig,
  type LogLevel,
} from './config/exporter-config.js';
export { ExporterConfigError, loadExporterConfig } from './config/load-exporter-config.js';
export { type ExporterOptions, type RunningExporter, startExporter } from './start-exporter.js';
