import type { Budget, BudgetPeriod } from './exporter-config.js';

const PERIODS: readonly BudgetPeriod[] = ['day', 'week', 'month'];
const USD = /^\d+(\.\d+)?$/;

/**
 * Parses `scope:period:usd` (`all:month:500`, `feature=support-chat:day:5`). The scope may itself contain colons: the last
 * two fields are the period and the amount.
 *
 * @throws {Error} saying what was wrong and what is expected.
 */
export function parseBudget(text: string): Budget {
  const parts = text.split(':');
  const usdText = parts.pop() ?? '';
  const period = parts.pop() ?? '';
  const scope = parts.join(':');
  if (scope === '' || period === '') {
    throw new Error(
      `budget ${JSON.stringify(text)} is not scope:period:usd, e.g. all:month:500 or feature=support-chat:day:5`,
    );
  }
  return { scope, period: parsePeriod(period, text), usd: parseUsd(usdText, text) };
}

/** Checks a budget given as an object (config file). */
export function readBudget(value: unknown): Budget {
  if (typeof value === 'string') return parseBudget(value);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('a budget is "scope:period:usd" or { "scope": ..., "period": ..., "usd": ... }');
  }
  const { scope, period, usd } = value as Record<string, unknown>;
  const text = JSON.stringify(value);
  if (typeof scope !== 'string' || scope === '') throw new Error(`budget ${text} needs a non-empty "scope"`);
  if (typeof period !== 'string') throw new Error(`budget ${text} needs a "period" of day, week or month`);
  if (typeof usd !== 'number' && typeof usd !== 'string') {
    throw new Error(`budget ${text} needs a "usd" amount`);
  }
  return { scope, period: parsePeriod(period, text), usd: parseUsd(String(usd), text) };
}

function parsePeriod(period: string, budget: string): BudgetPeriod {
  const found = PERIODS.find((known) => known === period);
  if (!found) {
    throw new Error(
      `budget ${JSON.stringify(budget)}: period must be day, week or month, got ${JSON.stringify(period)}`,
    );
  }
  return found;
}

function parseUsd(usd: string, budget: string): number {
  if (!USD.test(usd)) {
    throw new Error(
      `budget ${JSON.stringify(budget)}: the amount must be a plain USD number such as 500 or 12.5, got ${JSON.stringify(usd)}`,
    );
  }
  return Number(usd);
}
