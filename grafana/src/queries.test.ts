import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DASHBOARDS } from './dashboards/index.js';
import { alertQueries, panelQueries } from './queries.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

interface DashboardJson {
  uid: string;
  panels: { id: number; targets: { refId: string; expr: string }[] }[];
}

/** `uid/panelId/refId` → expr, from the committed JSON. */
function committedTargets(): Map<string, string> {
  const targets = new Map<string, string>();
  for (const spec of DASHBOARDS) {
    const json = JSON.parse(readFileSync(join(packageDir, 'dashboards', spec.file), 'utf8')) as DashboardJson;
    for (const panel of json.panels) {
      for (const target of panel.targets) targets.set(`${json.uid}/${panel.id}/${target.refId}`, target.expr);
    }
  }
  return targets;
}

describe('panelQueries', () => {
  const queries = panelQueries();

  it('lists exactly the targets of the committed dashboard JSON', () => {
    const committed = committedTargets();
    expect(queries).toHaveLength(committed.size);
    for (const query of queries) {
      expect(query.expr).toBe(committed.get(`${query.dashboardUid}/${query.panelId}/${query.refId}`));
    }
  });

  it('names each query by dashboard, panel and refId', () => {
    expect(queries[0]).toMatchObject({
      dashboardUid: 'groqmeter-overview',
      panelId: 1,
      panelTitle: 'Month-to-date spend',
      refId: 'A',
      instant: true,
      expect: 'spend',
    });
    expect(
      queries.find((query) => query.panelTitle === 'Operation duration' && query.refId === 'C'),
    ).toMatchObject({
      dashboardUid: 'groqmeter-latency',
      instant: false,
    });
  });

  it('marks the spend, token and headroom panels with the value they must show', () => {
    const expected = queries
      .filter((query) => query.expect !== undefined)
      .map((query) => `${query.panelTitle}: ${query.expect}`);
    expect(expected).toEqual(
      expect.arrayContaining([
        'Month-to-date spend: spend',
        'Input tokens: input_tokens',
        'Output tokens: output_tokens',
        'Lowest rate-limit headroom: lowest_headroom',
        'Headroom by model and resource: headroom',
        'Cumulative spend by model: spend',
        'Tokens by model and type: tokens_by_model_and_type',
      ]),
    );
  });
});

describe('alertQueries', () => {
  it('lists every alert expression by group', () => {
    expect(alertQueries().map((query) => `${query.group}/${query.alert}`)).toEqual([
      'groqmeter-budget/GroqSpendForecastOverBudget',
      'groqmeter-budget/GroqBudgetBurnRateFast',
      'groqmeter-budget/GroqBudgetBurnRateSlow',
      'groqmeter-rate-limits/GroqRateLimitHeadroomLow',
      'groqmeter-rate-limits/GroqRateLimited',
      'groqmeter-latency/GroqLatencySLOBreached',
      'groqmeter-latency/GroqTimeToFirstTokenSLOBreached',
    ]);
  });
});
