/**
 * Runs dashboard panel queries the way Grafana does, against a Prometheus that saw some traffic:
 * the end-to-end proof and the demo's panel check share it.
 */
import { interpolate, type PanelQuery, panelQueries, type QueryVariables } from '@groqmeter/grafana';
import type { ResultValue } from './compare-results.js';
import type { RunningPrometheus } from './prometheus-server.js';

/** Where and when the panels are evaluated: the dashboard range ends at `evaluationTime`. */
export interface PanelWindow {
  prometheus: RunningPrometheus;
  /** Seconds since the epoch. */
  evaluationTime: number;
  /** `$__range`, a whole number of steps. */
  rangeSeconds: number;
  /** Step of the range queries (time series panels). */
  stepSeconds: number;
}

/** The dashboard variables: `$job` (a regex or a list of jobs), `$model`, the others All. */
export function panelVariables(
  window: PanelWindow,
  job: string | string[],
  model: string | string[] = '.*',
): QueryVariables {
  return {
    filters: { job, model, operation: '.*', feature: '.*' },
    rangeSeconds: window.rangeSeconds,
    rateIntervalSeconds: window.rangeSeconds,
    intervalSeconds: 15,
  };
}

/** A panel query's result as Grafana would get it: instant, or the last value of each range series. */
export async function evaluatePanelQuery(
  window: PanelWindow,
  query: PanelQuery,
  variables: QueryVariables,
): Promise<ResultValue[]> {
  const expr = interpolate(query.expr, variables);
  const { prometheus, evaluationTime, rangeSeconds, stepSeconds } = window;
  if (query.instant) return prometheus.query(expr, evaluationTime);
  const series = await prometheus.queryRange(
    expr,
    evaluationTime - rangeSeconds,
    evaluationTime,
    stepSeconds,
  );
  return series.map((item) => ({
    metric: item.metric,
    value: item.values[item.values.length - 1] ?? Number.NaN,
  }));
}

/** `dashboard / panel (refId)`, as failures name a query. */
export const panelLabel = (query: PanelQuery) =>
  `${query.dashboardUid} / ${query.panelTitle} (${query.refId})`;

/** The queries of every Prometheus panel that return no finite value, by {@link panelLabel}. */
export async function panelsWithoutData(window: PanelWindow, variables: QueryVariables): Promise<string[]> {
  const empty: string[] = [];
  for (const query of panelQueries()) {
    const result = await evaluatePanelQuery(window, query, variables);
    if (!result.some((series) => Number.isFinite(series.value))) empty.push(panelLabel(query));
  }
  return empty;
}
