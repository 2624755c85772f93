import { type BudgetDefinition, BudgetsFileError, parseBudgets } from '@groqmeter/budgets';
import type { Budget } from '../config/exporter-config.js';

/**
 * The budget a `--budget SCOPE:PERIOD:USD` shorthand stands for: scope `all` is all spend,
 * `feature=support-chat` (pairs joined by `,`) the spend carrying those labels. It is named after
 * its scope and period (`all-month`, `feature-support-chat-day`), without warnings or enforcement.
 *
 * @throws {Error} when the scope is neither `all` nor `label=value` pairs, saying what to write.
 */
export function budgetFromShorthand(budget: Budget): BudgetDefinition {
  const scope: Record<string, string> = {};
  if (budget.scope !== 'all') {
    for (const pair of budget.scope.split(',')) {
      const [label, value, ...rest] = pair.split('=');
      if (label === undefined || value === undefined || rest.length > 0 || label === '' || value === '') {
        throw new Error(
          `budget scope ${JSON.stringify(budget.scope)} names no label: write all (all spend) or label=value pairs such as feature=support-chat or feature=chat,platform=web`,
        );
      }
      scope[label] = value;
    }
  }
  const name = `${budget.scope.replace(/[^a-z0-9_.]+/gi, '-').toLowerCase()}-${budget.period}`
    .replace(/^-+/, '')
    .slice(0, 64);
  try {
    const [definition] = parseBudgets(
      JSON.stringify({ budgets: [{ name, scope, period: budget.period, usd: budget.usd }] }),
      `--budget ${budget.scope}:${budget.period}:${budget.usd}`,
    ).budgets;
    return definition as BudgetDefinition;
  } catch (error) {
    if (error instanceof BudgetsFileError) throw new Error(error.message);
    throw error;
  }
}
