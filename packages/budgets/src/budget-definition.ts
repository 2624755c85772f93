/** How often a budget starts again: at midnight, on Monday at midnight (ISO weeks), or on the 1st. */
export type BudgetPeriod = 'day' | 'week' | 'month';

/** The budget periods, in the order the series and docs list them. */
export const BUDGET_PERIODS: readonly BudgetPeriod[] = ['day', 'week', 'month'];

/** One budget of a budgets file. */
export interface BudgetDefinition {
  /** Unique within the file; the `budget` label of every budget series. */
  name: string;
  /**
   * Label → value pairs a cost series must all carry to count (`{ feature: 'support-chat' }`);
   * `{}` counts all spend. Any label of `groq_cost_usd_total` may be named: `feature`,
   * `platform`, `model`, `operation`, or an attribution label such as a key fingerprint.
   */
  scope: Readonly<Record<string, string>>;
  period: BudgetPeriod;
  /** The budget in USD per period. */
  usd: number;
  /** Fractions of `usd` (above 0, at most 1) whose crossing raises a warning, ascending. */
  warn: readonly number[];
  /** True: a gateway (the groqmeter proxy) refuses requests of the scope while it is over `usd`. */
  enforce: boolean;
}

/** A whole budgets file (`--budgets FILE`). */
export interface BudgetsDocument {
  /** IANA time zone in which periods start (`UTC`, `Europe/Berlin`). */
  timezone: string;
  budgets: readonly BudgetDefinition[];
}
