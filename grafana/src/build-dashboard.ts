import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { buildPanel } from './build-panel.js';
import type { PanelSpec } from './panel-spec.js';
import { templateVariables } from './variables.js';

/** Grafana's grid is 24 columns wide. */
export const GRID_COLUMNS = 24;

/** A dashboard as declared in `dashboards/*.ts`. */
export interface DashboardSpec {
  uid: string;
  title: string;
  description: string;
  /** File name under `grafana/dashboards/`. */
  file: string;
  /**
   * Rows of panels, top to bottom; each row's widths add up to at most {@link GRID_COLUMNS}.
   * Panel ids follow the reading order, starting at 1.
   */
  rows: PanelSpec[][];
  /** Dashboard time zone; `utc` where panels align to calendar months as PromQL does. */
  timezone?: 'utc' | 'browser';
}

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
    .time({ from: 'now-24h', to: 'now' })
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
    .variables(templateVariables());

  let id = 1;
  let y = 0;
  for (const row of spec.rows) {
    let x = 0;
    for (const panel of row) {
      builder.withPanel(buildPanel(panel, { id, x, y }));
      id += 1;
      x += panel.width;
    }
    y += Math.max(...row.map((panel) => panel.height));
  }
  return builder.build();
}
