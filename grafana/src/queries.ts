/**
 * Every PromQL query the dashboards and alert rules run, listed for tools that evaluate them
 * (the end-to-end proof in `e2e/` runs each against a real Prometheus).
 */
import { RULE_GROUPS } from './alerts.js';
import { buildDashboard } from './build-dashboard.js';
import { refIdOf } from './build-panel.js';
import { DASHBOARDS } from './dashboards/index.js';
import { isInstant, type Quantity } from './panel-spec.js';

/** One query of one dashboard panel, as it appears in the generated JSON. */
export interface PanelQuery {
  dashboardUid: string;
  panelId: number;
  panelTitle: string;
  refId: string;
  /** The expression with Grafana's variables still in it (`$job`, `$__range`, ...). */
  expr: string;
  /** Grafana runs it as an instant query (stat, gauge, table) or a range query (time series). */
  instant: boolean;
  /** What the end-to-end proof compares the result with, when it can compute it. */
  expect?: Quantity;
}

/** One alert rule's expression. */
export interface AlertQuery {
  group: string;
  alert: string;
  expr: string;
}

/** Every panel query of every dashboard, in dashboard and panel order. */
export function panelQueries(): PanelQuery[] {
  return DASHBOARDS.flatMap((spec) => {
    const panels = buildDashboard(spec).panels ?? [];
    return spec.rows.flat().flatMap((panelSpec, index) => {
      const panel = panels[index];
      if (panel === undefined || panel.type === 'row') {
        throw new Error(`Dashboard ${spec.uid} has no built panel for "${panelSpec.title}"`);
      }
      return panelSpec.targets.map((target, targetIndex) => ({
        dashboardUid: spec.uid,
        panelId: panel.id ?? 0,
        panelTitle: panelSpec.title,
        refId: refIdOf(targetIndex),
        expr: target.expr,
        instant: isInstant(panelSpec.kind),
        ...(target.expect === undefined ? {} : { expect: target.expect }),
      }));
    });
  });
}

/** Every alert rule expression. */
export function alertQueries(): AlertQuery[] {
  return RULE_GROUPS.flatMap((group) =>
    group.rules.map((rule) => ({ group: group.name, alert: rule.alert, expr: rule.expr })),
  );
}
