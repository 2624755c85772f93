import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DASHBOARDS } from './dashboards/index.js';
import { alertQueries, dashboardPanel, panelQueries, sqlPanelQueries } from './queries.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

interface DashboardJson {
  uid: string;
  panels: { id: number; targets: { refId: string; expr?: string; rawSql?: string }[] }[];
}

/** `uid/panelId/refId` → PromQL or SQL, from the committed JSON of the dashboards on `datasource`. */
function committedTargets(datasource: 'prometheus' | 'postgres'): Map<string, string | undefined> {
  const targets = new Map<string, string | undefined>();
  for (const spec of DASHBOARDS.filter((dashboard) => dashboard.datasource === datasource)) {
    const json = JSON.parse(readFileSync(join(packageDir, 'dashboards', spec.file), 'utf8')) as DashboardJson;
    for (const panel of json.panels) {
      for (const target of panel.targets) {
        targets.set(`${json.uid}/${panel.id}/${target.refId}`, target.expr ?? target.rawSql);
      }
    }
  }
  return targets;
}

describe('panelQueries', () => {
  const queries = panelQueries();

  it('lists exactly the targets of the committed Prometheus dashboard JSON', () => {
    const committed = committedTargets('prometheus');
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

describe('sqlPanelQueries', () => {
  const queries = sqlPanelQueries();

  it('lists exactly the targets of the committed ledger dashboard JSON', () => {
    const committed = committedTargets('postgres');
    expect(queries).toHaveLength(committed.size);
    for (const query of queries) {
      expect(query.rawSql).toBe(committed.get(`${query.dashboardUid}/${query.panelId}/${query.refId}`));
    }
  });

  it('names each query by dashboard, panel and refId, with the panel type and result format', () => {
    expect(
      queries.map((query) => [query.panelId, query.panelTitle, query.refId, query.panelKind, query.format]),
    ).toEqual([
      [1, 'Spend', 'A', 'stat', 'table'],
      [2, 'Operations', 'A', 'stat', 'table'],
      [3, 'Saved versus baseline', 'A', 'stat', 'table'],
      [4, 'Users', 'A', 'stat', 'table'],
      [5, 'Top users by spend', 'A', 'table', 'table'],
      [6, 'Top features by spend', 'A', 'table', 'table'],
      [7, 'Daily spend by model', 'A', 'timeseries', 'time_series'],
      [8, 'Cost per request distribution', 'A', 'histogram', 'table'],
      [9, 'Cost per request by model', 'A', 'table', 'table'],
      [10, 'Most expensive operations', 'A', 'table', 'table'],
    ]);
    expect(queries[0]).toEqual({
      dashboardUid: 'groqmeter-ledger',
      panelId: 1,
      panelTitle: 'Spend',
      refId: 'A',
      panelKind: 'stat',
      format: 'table',
      rawSql:
        'SELECT COALESCE(SUM(cost_usd), 0) AS "spend" FROM groq_operations WHERE start_time >= $__timeFrom() AND start_time < $__timeTo()',
    });
  });

  it('are not among the PromQL queries', () => {
    expect(panelQueries().some((query) => query.dashboardUid === 'groqmeter-ledger')).toBe(false);
  });
});

describe('alertQueries', () => {
  it('lists every alert expression by group', () => {
    expect(alertQueries().map((query) => `${query.group}/${query.alert}`)).toEqual([
      'groqmeter-budget/GroqSpendForecastOverBudget',
      'groqmeter-budget/GroqBudgetWarning',
      'groqmeter-budget/GroqBudgetExceeded',
      'groqmeter-budget/GroqBudgetBurnRateFast',
      'groqmeter-budget/GroqBudgetBurnRateSlow',
      'groqmeter-rate-limits/GroqRateLimitHeadroomLow',
      'groqmeter-rate-limits/GroqRateLimited',
      'groqmeter-pricing/GroqSpendNotFullyPriced',
      'groqmeter-latency/GroqLatencySLOBreached',
      'groqmeter-latency/GroqTimeToFirstTokenSLOBreached',
    ]);
  });
});

describe('dashboardPanel', () => {
  it('gives the PromQL of the built panel of that title, variables still in it', () => {
    const panel = dashboardPanel('groqmeter-spend', 'Spend per hour by model');
    const built = panelQueries().find(
      (query) => query.dashboardUid === 'groqmeter-spend' && query.panelTitle === 'Spend per hour by model',
    );
    expect(panel).toMatchObject({ kind: 'timeseries', unit: 'currencyUSD', instant: false });
    expect(panel.targets.map((target) => target.expr)).toEqual([built?.expr]);
    expect(panel.targets[0]?.expr).toBe(
      'sum by (model) (rate(groq_cost_usd_total{job=~"$job", model=~"$model", operation=~"$operation", feature=~"$feature"}[$__rate_interval])) * 3600',
    );
  });

  it('keeps the panel time and thresholds of a stat', () => {
    const panel = dashboardPanel('groqmeter-overview', 'Month-to-date spend');
    expect(panel).toMatchObject({ kind: 'stat', instant: true, timeFrom: 'now/M' });
    expect(dashboardPanel('groqmeter-overview', 'Availability').thresholds).toEqual([
      { value: null, color: 'red' },
      { value: 0.99, color: 'yellow' },
      { value: 0.999, color: 'green' },
    ]);
  });

  it('fails loudly on a panel that is not there', () => {
    expect(() => dashboardPanel('groqmeter-spend', 'No such panel')).toThrow(
      'Dashboard groqmeter-spend has no panel titled "No such panel"',
    );
    expect(() => dashboardPanel('groqmeter-ledger', 'Daily spend by model')).toThrow(
      'No Prometheus dashboard with uid groqmeter-ledger',
    );
  });
});

describe('the migration view', () => {
  it('has spend per provider, Groq shares, realized savings and the OpenAI spend left', () => {
    expect(
      panelQueries()
        .filter((query) => query.dashboardUid === 'groqmeter-migration')
        .map((query) => query.panelTitle),
    ).toEqual([
      'AI spend in range',
      'Groq share of AI spend',
      'Groq share of operations',
      'Realized savings',
      'OpenAI spend left',
      'Spend per hour by provider',
      'Groq share over time',
      'Groq share over time',
      'Realized savings per hour',
      'Spend and operations by provider and operation',
      'Spend and operations by provider and operation',
      'OpenAI spend left by operation',
      'OpenAI spend left by feature',
      'OpenAI spend left by model',
    ]);
    expect(dashboardPanel('groqmeter-migration', 'Spend per hour by provider').targets[0]?.expr).toBe(
      'sum by (provider) (rate(groq_cost_usd_total{job=~"$job", model=~"$model", operation=~"$operation", feature=~"$feature"}[$__rate_interval])) * 3600',
    );
    const share = dashboardPanel('groqmeter-migration', 'Groq share of AI spend').targets[0]?.expr ?? '';
    // Groq's growth (senders older than the provider label were all Groq's) over all AI spend.
    expect(
      share.startsWith(
        '(sum((((last_over_time(groq_cost_usd_total{job=~"$job", model=~"$model", operation=~"$operation", feature=~"$feature", provider!="openai"}[$__range])',
      ),
    ).toBe(true);
    expect(share).toContain(') or vector(0)) / sum(');
    // A ratio of rates: no per-hour factor on either side.
    expect(dashboardPanel('groqmeter-migration', 'Groq share over time').targets[0]?.expr).toBe(
      '(sum(rate(groq_cost_usd_total{job=~"$job", model=~"$model", operation=~"$operation", feature=~"$feature", provider!="openai"}[$__rate_interval])) or vector(0)) / sum(rate(groq_cost_usd_total{job=~"$job", model=~"$model", operation=~"$operation", feature=~"$feature"}[$__rate_interval]))',
    );
    expect(dashboardPanel('groqmeter-overview', 'Realized savings').targets[0]?.expr).toBe(
      dashboardPanel('groqmeter-migration', 'Realized savings').targets[0]?.expr,
    );
    expect(dashboardPanel('groqmeter-spend', 'Savings vs OpenAI baseline').targets[0]?.expr).toBe(
      dashboardPanel('groqmeter-migration', 'Realized savings').targets[0]?.expr,
    );
  });
});
