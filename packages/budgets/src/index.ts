/**
 * @groqmeter/budgets: the budgets of groqmeter, shared by the exporter (which serves them as
 * `groqmeter_budget_*` series) and the proxy (which enforces them): the budgets file and its
 * watch, period bounds, scope matching and spend forecasts. Nothing here starts a server.
 */
export {
  BUDGET_PERIODS,
  type BudgetDefinition,
  type BudgetPeriod,
  type BudgetsDocument,
} from './budget-definition.js';
export { FORECAST_RATE_WINDOW_MS, forecastSpendUsd, SpendRate } from './budget-forecast.js';
export { type PeriodBounds, periodBounds } from './budget-period.js';
export { type LabelPairs, scopeMatches, scopeText } from './budget-scope.js';
export { MAX_BUDGETS, MAX_SCOPE_LABELS, MAX_WARN_THRESHOLDS } from './budgets-schema.js';
export { BudgetsFileError, parseBudgets, readBudgetsFile } from './read-budgets-file.js';
export { RELOAD_DEBOUNCE_MS, watchBudgetsFile } from './watch-budgets-file.js';
