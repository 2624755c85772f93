/**
 * The demo's budgets file, relative to the repository root: a month's budget of all spend (the
 * Overview's "Budget used this month"), a daily support-chat budget whose 50% warning fires within
 * about three minutes of `pnpm start`, and an enforced market-research budget exceeded within about
 * ten (the proxy refuses its requests then).
 */
export const DEMO_BUDGETS_FILE = 'apps/demo/budgets.yaml';
