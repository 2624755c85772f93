import { describe, expect, it } from 'vitest';
import { createLogger } from '../log/logger.js';
import { countExporterSeries } from '../store/exporter-series.js';
import { MetricStore } from '../store/metric-store.js';
import { ExporterBudgets } from './exporter-budgets.js';

const NOW = Date.parse('2026-02-10T15:30:00Z');

describe('ExporterBudgets.uses', () => {
  it("forecasts each budget's period from the spend so far and the spend rate it saw", () => {
    const store = new MetricStore({ seriesCap: 100, staleAfterMs: 900_000 });
    const budgets = new ExporterBudgets({
      store,
      shorthand: [{ scope: 'all', period: 'month', usd: 10 }],
      logger: createLogger('silent'),
    });
    const spend = (usd: number) =>
      countExporterSeries(store, 'groq_cost_usd_total', 'cost', [['model', 'openai/gpt-oss-20b']], usd);
    spend(1);
    budgets.update(NOW);
    expect(budgets.uses()[0]).toMatchObject({
      spentUsd: 1,
      ratePerSecond: undefined,
      forecastUsd: undefined,
    });
    spend(0.5);
    budgets.update(NOW + 60_000);
    // $0.50 in 60 s; from 15:31 on 10 February to 1 March is 1,585,740 s: $1.50 + $13,214.50.
    expect(budgets.uses()[0]).toMatchObject({
      budget: { name: 'all-month' },
      spentUsd: 1.5,
      ratePerSecond: 0.5 / 60,
      forecastUsd: 13_216,
    });
    budgets.close();
  });
});
