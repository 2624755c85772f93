import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { buildPanel, PROMETHEUS_QUERIES, type QuerySource } from './build-panel.js';
import type { PanelSpec, SqlTargetSpec, TargetSpec } from './panel-spec.js';
import { POSTGRES_QUERIES } from './sql-query.js';
import { postgresVariables, templateVariables } from './variables.js';

/** Grafana's grid is 24 columns wide. */
export const GRID_COLUMNS = 24;

interface DashboardSpecOf<Target> {
  uid: string;
  title: string;
  description: string;
  /** File name under `grafana/dashboards/`. */
  file: string;
  /**
   * Rows of panels, top to bottom; each row's widths add up to at most {@link GRID_COLUMNS}.
   * Panel ids follow the reading order, starting at 1.
   */
  rows: PanelSpec<Target>[][];
  /** Dashboard time zone; `utc` where panels align to calendar months as PromQL does. */
  timezone?: 'utc' | 'browser';
  /** Start of the default time range (default `now-24h`). */
  from?: string;
}

/** A dashboard of groqmeter's metrics, read from Prometheus with PromQL. */
export interface PrometheusDashboardSpec extends DashboardSpecOf<TargetSpec> {
  datasource: 'prometheus';
}

/** A dashboard of the `@groqmeter/ledger` table, read from PostgreSQL with SQL. */
export interface PostgresDashboardSpec extends DashboardSpecOf<SqlTargetSpec> {
  datasource: 'postgres';
}

/** A dashboard as declared in `dashboards/*.ts`. */
export type DashboardSpec = PrometheusDashboardSpec | PostgresDashboardSpec;

/** Every groqmeter dashboard links to the others through this tag. */
export const DASHBOARD_TAG = 'groqmeter';

/** Build the Grafana dashboard JSON model of a spec. */
export function buildDashboard(spec: DashboardSpec): dashboard.Dashboard {
  const builder = new dashboard.DashboardBuilder(spec.title)
    .uid(spec.uid)
    .description(spec.description)
    .tags([DASHBOARD_TAG, 'groq', 'llm'])
    .timezone(spec.timezone ?? 'browser')
    .editable()
    .tooltip(dashboard.DashboardCursorSync.Crosshair)
    .refresh('1m')
    .time({ from: spec.from ?? 'now-24h', to: 'now' })
    .link(
      new dashboard.DashboardLinkBuilder('groqmeter')
        .type(dashboard.DashboardLinkType.Dashboards)
        .tags([DASHBOARD_TAG])
        .asDropdown(true)
        .includeVars(true)
        .keepTime(true),
    )
    .annotation(
      // Grafana's own annotations and alert state changes, as on any new dashboard.
      new dashboard.AnnotationQueryBuilder()
        .name('Annotations & Alerts')
        .datasource({ type: 'grafana', uid: '-- Grafana --' })
        .enable(true)
        .hide(true)
        .iconColor('rgba(0, 211, 255, 1)')
        .type('dashboard')
        .builtIn(1),
    )
    .variables(spec.datasource === 'postgres' ? postgresVariables() : templateVariables());
  const panels =
    spec.datasource === 'postgres'
      ? placePanels(spec.rows, POSTGRES_QUERIES)
      : placePanels(spec.rows, PROMETHEUS_QUERIES);
  for (const panel of panels) builder.withPanel(panel);
  return builder.build();
}

/** The panels of `rows` on the grid, left to right and top to bottom, with ids in that order. */
function placePanels<Target>(
  rows: PanelSpec<Target>[][],
  source: QuerySource<Target>,
): cog.Builder<dashboard.Panel>[] {
  const panels: cog.Builder<dashboard.Panel>[] = [];
  let y = 0;
  for (const row of rows) {
    let x = 0;
    for (const panel of row) {
      panels.push(buildPanel(panel, { id: panels.length + 1, x, y }, source));
      x += panel.width;
    }
    y += Math.max(...row.map((panel) => panel.height));
  }
  return panels;
}
