/**
 * @groqmeter/exporter: receives OTLP metrics from groqmeter-instrumented apps (many instances,
 * pushing) and serves them to Prometheus with the names of the groqmeter telemetry contract.
 */

export { BudgetFamily, type BudgetUse } from './budgets/budget-series.js';
export {
  type Budget,
  type BudgetPeriod,
  DEFAULT_EXPORTER_CONFIG,
  type ExporterConfig,
  type LogLevel,
} from './config/exporter-config.js';
export { ExporterConfigError, loadExporterConfig } from './config/load-exporter-config.js';
export { type ExporterOptions, type RunningExporter, startExporter } from './start-exporter.js';
