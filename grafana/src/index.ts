/**
 * groqmeter's Grafana dashboards (on Prometheus, and the ledger's on PostgreSQL) and Prometheus
 * alert rules as typed code. The JSON and YAML under `dashboards/` and `prometheus/rules/` are
 * generated from here.
 */
export {
  type AlertRule,
  BURN_RATE_FAST,
  BURN_RATE_SLOW,
  type BurnRateWindow,
  FORECAST_FOR,
  HEADROOM_ACTIVITY_WINDOW,
  HEADROOM_FOR,
  HEADROOM_THRESHOLD,
  LATENCY_P95_SLO_SECONDS,
  RATE_LIMITED_FOR,
  RATE_LIMITED_SHARE,
  RATE_LIMITED_WINDOW,
  RULE_GROUPS,
  RUNBOOKS_FILE,
  type RuleGroup,
  SLO_FOR,
  SLO_WINDOW,
  TTFT_P95_SLO_SECONDS,
} from './alerts.js';
export {
  averageSpendRate,
  BUDGET_FORECAST,
  BUDGET_PERIOD_SECONDS,
  BUDGET_SERIES,
  BUDGET_SPENT,
  BUDGET_USD,
  BUDGET_USED,
  budgetSpendRate,
  FORECAST_RATE_STEP,
  FORECAST_RATE_WINDOW,
  type ForecastTerms,
  forecast,
  MONTHLY_BUDGET,
  SECONDS_TO_MONTH_END,
  type SpendRateQuery,
} from './budget.js';
export {
  buildDashboard,
  type DashboardSpec,
  type PostgresDashboardSpec,
  type PrometheusDashboardSpec,
} from './build-dashboard.js';
export { DASHBOARDS } from './dashboards/index.js';
export { BATCH_DISCOUNT } from './dashboards/spend.js';
export { type GeneratedFile, generatedFiles, RULES_FILE, renderRunbooks } from './generated-files.js';
export { escapeRegex, interpolate, type QueryVariables } from './interpolate.js';
export type { ColumnSpec, PanelSpec, Quantity, SqlTargetSpec, TargetSpec } from './panel-spec.js';
export { counterGrowth, counterSinceRangeStart, SERIES, type Series } from './promql.js';
export {
  type AlertQuery,
  alertQueries,
  type PanelQuery,
  panelQueries,
  type SqlPanelQuery,
  sqlPanelQueries,
} from './queries.js';
export { POSTGRES_DATASOURCE_TYPE } from './sql-query.js';
