import { describe, expect, it } from 'vitest';
import { parseBudget, readBudget } from './parse-budget.js';

describe('parseBudget', () => {
  it('reads scope:period:usd, allowing colons in the scope', () => {
    expect(parseBudget('team-a:month:500')).toEqual({ scope: 'team-a', period: 'month', usd: 500 });
    expect(parseBudget('feature:search:day:12.5')).toEqual({
      scope: 'feature:search',
      period: 'day',
      usd: 12.5,
    });
  });

  it('says what is wrong', () => {
    expect(() => parseBudget('500')).toThrow(
      'budget "500" is not scope:period:usd, e.g. all:month:500 or feature=support-chat:day:5',
    );
    expect(() => parseBudget('a:year:5')).toThrow(
      'budget "a:year:5": period must be day, week or month, got "year"',
    );
    expect(() => parseBudget('a:day:-5')).toThrow(
      'budget "a:day:-5": the amount must be a plain USD number such as 500 or 12.5, got "-5"',
    );
  });
});

describe('readBudget', () => {
  it('reads config-file budgets given as objects or strings', () => {
    expect(readBudget({ scope: 'all', period: 'day', usd: 20 })).toEqual({
      scope: 'all',
      period: 'day',
      usd: 20,
    });
    expect(readBudget('all:month:600')).toEqual({ scope: 'all', period: 'month', usd: 600 });
    expect(() => readBudget({ period: 'day', usd: 1 })).toThrow('needs a non-empty "scope"');
    expect(() => readBudget(5)).toThrow(
      'a budget is "scope:period:usd" or { "scope": ..., "period": ..., "usd": ... }',
    );
  });
});
