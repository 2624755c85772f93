import { SERIES, select } from './promql.js';

/**
 * The exporter's budget scope that covers all Groq spend: start it with `--budget all:month:500`.
 * Other scopes (a team, a feature) have no matching spend label, so the panels and alerts leave
 * them alone.
 */
export const TOTAL_BUDGET_SCOPE = 'all';

/**
 * The monthly budget of all spend. `max`, not `sum`: every exporter replica publishes the same
 * budget.
 */
export const MONTHLY_BUDGET = `max(${select(SERIES.budget, {
  unfiltered: true,
  where: [`scope="${TOTAL_BUDGET_SCOPE}"`, 'period="month"'],
})})`;
