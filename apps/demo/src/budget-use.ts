import type { MetricSample } from './prometheus-text.js';

/** One budget of the exporter's budgets file, with what its period has used so far. */
export interface BudgetUse {
  budget: string;
  /** `all`, or the budget's `label=value` pairs. */
  scope: string;
  period: string;
  usd: number;
  spentUsd: number;
  /** `spentUsd / usd`. */
  used: number;
  /** The warning fractions crossed so far, ascending. */
  warningsCrossed: number[];
  /** `enforce: true`: the groqmeter proxy refuses the scope's requests while it is over. */
  enforced: boolean;
}

const BUDGET = 'groqmeter_budget_usd';
const SPENT = 'groqmeter_budget_spent_usd_total';
const WARN = 'groqmeter_budget_warn_ratio';

/**
 * Each budget the exporter serves (`groqmeter_budget_*`), most used first: the same numbers as the
 * `GroqBudgetWarning` and `GroqBudgetExceeded` alerts compare.
 */
export function budgetUseOf(samples: readonly MetricSample[]): BudgetUse[] {
  const of = (name: string, budget: string) =>
    samples.filter((sample) => sample.name === name && sample.labels.budget === budget);
  return samples
    .filter((sample) => sample.name === BUDGET && sample.labels.budget !== undefined)
    .map((sample): BudgetUse => {
      const budget = sample.labels.budget as string;
      const usd = sample.value;
      const spentUsd = of(SPENT, budget).reduce((total, spent) => total + spent.value, 0);
      const used = usd > 0 ? spentUsd / usd : 0;
      return {
        budget,
        scope: sample.labels.scope ?? 'all',
        period: sample.labels.period ?? '',
        usd,
        spentUsd,
        used,
        warningsCrossed: of(WARN, budget)
          .map((warn) => warn.value)
          .filter((threshold) => used >= threshold)
          .sort((a, b) => a - b),
        enforced: sample.labels.enforce === 'true',
      };
    })
    .sort((a, b) => b.used - a.used || (a.budget < b.budget ? -1 : 1));
}
