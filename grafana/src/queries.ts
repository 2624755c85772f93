/**
 * Every query the dashboards and alert rules run, listed for tools that evaluate them (the
 * end-to-end proof in `e2e/` runs each PromQL query against a real Prometheus; the ledger's tests
 * run each SQL query against a real PostgreSQL).
 */
import { RULE_GROUPS } from './alerts.js';
import { buildDashboard, type DashboardSpec, type PostgresDashboardSpec } from './build-dashboard.js';
import { refIdOf } from './build-panel.js';
import { DASHBOARDS } from './dashboards/index.js';
import {
  isInstant,
  type PanelKind,
  type PanelSpec,
  type Quantity,
  type SqlTargetSpec,
  type TargetSpec,
  type ThresholdStep,
} from './panel-spec.js';

/** Where a query sits in the generated JSON. */
interface QueryPlace {
  dashboardUid: string;
  panelId: number;
  panelTitle: string;
  refId: string;
}

/** One PromQL query of one dashboard panel, as it appears in the generated JSON. */
export interface PanelQuery extends QueryPlace {
  /** The expression with Grafana's variables still in it (`$job`, `$__range`, ...). */
  expr: string;
  /** Grafana runs it as an instant query (stat, gauge, table) or a range query (time series). */
  instant: boolean;
  /** What the end-to-end proof compares the result with, when it can compute it. */
  expect?: Quantity;
}

/** One SQL query of one panel of a PostgreSQL dashboard, as it appears in the generated JSON. */
export interface SqlPanelQuery extends QueryPlace {
  panelKind: PanelKind;
  /** The SQL with Grafana's macros still in it (`$__timeFrom()`, `$__timeTo()`). */
  rawSql: string;
  format: SqlTargetSpec['format'];
}

/** One alert rule's expression. */
export interface AlertQuery {
  group: string;
  alert: string;
  expr: string;
}

/** Each target of each panel of `spec`, in panel order, with the id its panel has in the built dashboard. */
function eachTarget<Target, Query>(
  spec: DashboardSpec & { rows: PanelSpec<Target>[][] },
  query: (place: QueryPlace, target: Target, panel: PanelSpec<Target>) => Query,
): Query[] {
  const panels = buildDashboard(spec).panels ?? [];
  return spec.rows.flat().flatMap((panelSpec, index) => {
    const panel = panels[index];
    if (panel === undefined || panel.type === 'row') {
      throw new Error(`Dashboard ${spec.uid} has no built panel for "${panelSpec.title}"`);
    }
    return panelSpec.targets.map((target, targetIndex) =>
      query(
        {
          dashboardUid: spec.uid,
          panelId: panel.id ?? 0,
          panelTitle: panelSpec.title,
          refId: refIdOf(targetIndex),
        },
        target,
        panelSpec,
      ),
    );
  });
}

/** Every PromQL panel query of every Prometheus dashboard, in dashboard and panel order. */
export function panelQueries(): PanelQuery[] {
  return DASHBOARDS.flatMap((spec) =>
    spec.datasource === 'prometheus'
      ? eachTarget(spec, (place, target, panel) => ({
          ...place,
          expr: target.expr,
          instant: isInstant(panel.kind),
          ...(target.expect === undefined ? {} : { expect: target.expect }),
        }))
      : [],
  );
}

/** Every SQL panel query of every PostgreSQL dashboard (the ledger's), in dashboard and panel order. */
export function sqlPanelQueries(): SqlPanelQuery[] {
  return DASHBOARDS.filter((spec): spec is PostgresDashboardSpec => spec.datasource === 'postgres').flatMap(
    (spec) =>
      eachTarget(spec, (place, target, panel) => ({
        ...place,
        panelKind: panel.kind,
        rawSql: target.rawSql,
        format: target.format,
      })),
  );
}

/** Every alert rule expression. */
export function alertQueries(): AlertQuery[] {
  return RULE_GROUPS.flatMap((group) =>
    group.rules.map((rule) => ({ group: group.name, alert: rule.alert, expr: rule.expr })),
  );
}

/**
 * One panel of a Prometheus dashboard as its spec declares it, for charting the same series
 * outside Grafana (the exporter's own pages): its targets with Grafana's variables still in them.
 */
export interface DashboardPanel {
  dashboardUid: string;
  title: string;
  kind: PanelKind;
  /** The Grafana unit id (`currencyUSD`, `s`, `percentunit`, `suffix: tok/s`, ...). */
  unit: string;
  /** Instant query (stat, gauge, table) or range query (time series). */
  instant: boolean;
  thresholds: readonly ThresholdStep[];
  targets: readonly TargetSpec[];
  /** Panel relative time (`now/M`), when the panel overrides the dashboard range. */
  timeFrom?: string;
  /** Minimum query step (`1d`), when the panel sets one. */
  interval?: string;
}

/**
 * The panel titled `title` on the Prometheus dashboard `dashboardUid`, read from the dashboard
 * specs without building Grafana JSON, so that a consumer runs exactly the dashboards' PromQL.
 *
 * @example
 * dashboardPanel('groqmeter-spend', 'Spend per hour by model').targets[0].expr
 * // 'sum by (model) (rate(groq_cost_usd_total{job=~"$job", ...}[$__rate_interval])) * 3600'
 * @throws when the dashboard or the panel does not exist (a renamed panel must fail loudly).
 */
export function dashboardPanel(dashboardUid: string, title: string): DashboardPanel {
  const spec = DASHBOARDS.find((dashboard) => dashboard.uid === dashboardUid);
  if (spec === undefined || spec.datasource !== 'prometheus') {
    throw new Error(`No Prometheus dashboard with uid ${dashboardUid}`);
  }
  const panel = spec.rows.flat().find((candidate) => candidate.title === title);
  if (panel === undefined) throw new Error(`Dashboard ${dashboardUid} has no panel titled "${title}"`);
  return {
    dashboardUid,
    title,
    kind: panel.kind,
    unit: panel.unit,
    instant: isInstant(panel.kind),
    thresholds: panel.thresholds,
    targets: panel.targets,
    ...(panel.timeFrom === undefined ? {} : { timeFrom: panel.timeFrom }),
    ...(panel.interval === undefined ? {} : { interval: panel.interval }),
  };
}
