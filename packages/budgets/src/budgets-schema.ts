import { z } from 'zod';
import { BUDGET_PERIODS } from './budget-definition.js';

/** Budget names are label values: short, and safe in URLs and file names. */
const BUDGET_NAME = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
/** Prometheus label names, without the reserved `__` prefix. */
const LABEL_NAME = /^(?!__)[a-zA-Z_][a-zA-Z0-9_]*$/;

// Bounds that keep every budget series' label set small.
/** The most budgets one budgets file may hold. */
export const MAX_BUDGETS = 100;
/** The most `label=value` pairs one budget's scope may name. */
export const MAX_SCOPE_LABELS = 8;
/** The most warning fractions one budget may have. */
export const MAX_WARN_THRESHOLDS = 5;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const budgetSchema = z.strictObject({
  name: z
    .string()
    .regex(
      BUDGET_NAME,
      'expected 1 to 64 characters of a-z, 0-9, "_", "." and "-", starting with a letter or digit (e.g. support-monthly)',
    ),
  scope: z
    .record(
      z
        .string()
        .regex(LABEL_NAME, 'a scope key must be a Prometheus label name such as feature, platform or model'),
      z.string().min(1, 'a scope value must not be empty'),
    )
    .refine((scope) => Object.keys(scope).length <= MAX_SCOPE_LABELS, {
      message: `at most ${MAX_SCOPE_LABELS} labels per scope`,
    })
    .default({}),
  period: z.enum(BUDGET_PERIODS as ['day', 'week', 'month']),
  usd: z.number().positive('expected an amount above 0 USD').finite(),
  warn: z
    .array(z.number().gt(0, 'expected a fraction above 0').lte(1, 'expected a fraction of at most 1'))
    .max(MAX_WARN_THRESHOLDS)
    .refine((warn) => new Set(warn).size === warn.length, { message: 'warning fractions must differ' })
    .transform((warn) => [...warn].sort((a, b) => a - b))
    .default([]),
  enforce: z.boolean().default(false),
});

/** The schema of a budgets file; see `BudgetsDocument`. */
export const budgetsSchema = z
  .strictObject({
    timezone: z
      .string()
      .refine(isTimeZone, { message: 'expected an IANA time zone such as UTC or Europe/Berlin' })
      .default('UTC'),
    budgets: z.array(budgetSchema).max(MAX_BUDGETS),
  })
  .superRefine((document, context) => {
    const seen = new Set<string>();
    document.budgets.forEach((budget, index) => {
      if (seen.has(budget.name)) {
        context.addIssue({
          code: 'custom',
          path: ['budgets', index, 'name'],
          message: `the name ${JSON.stringify(budget.name)} is already used by an earlier budget`,
        });
      }
      seen.add(budget.name);
    });
  });
