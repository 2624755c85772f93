import * as bargauge from '@grafana/grafana-foundation-sdk/bargauge';
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as gauge from '@grafana/grafana-foundation-sdk/gauge';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as table from '@grafana/grafana-foundation-sdk/table';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { isInstant, type PanelSpec } from './panel-spec.js';

/** Every panel and query reads the datasource the user picked in the `datasource` variable. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable syntax, not a JS template.
export const DATASOURCE: common.DataSourceRef = { type: 'prometheus', uid: '${datasource}' };

/** Where a panel sits on the 24-column grid. */
export interface Placement {
  id: number;
  x: number;
  y: number;
}

/** The refId of a panel's n-th query: A, B, C, ... */
export function refIdOf(index: number): string {
  return String.fromCharCode(65 + index);
}

type AnyPanelBuilder =
  | stat.PanelBuilder
  | gauge.PanelBuilder
  | timeseries.PanelBuilder
  | table.PanelBuilder
  | bargauge.PanelBuilder;

/** Turn a panel spec into a Grafana panel at `placement`. */
export function buildPanel(spec: PanelSpec, placement: Placement): cog.Builder<dashboard.Panel> {
  const builder = visualisation(spec);
  builder
    .id(placement.id)
    .title(spec.title)
    .description(spec.description)
    .unit(spec.unit)
    .datasource(DATASOURCE)
    .gridPos({ x: placement.x, y: placement.y, w: spec.width, h: spec.height })
    .thresholds(
      new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps(spec.thresholds),
    )
    .targets(
      spec.targets.map((target, index) => {
        const query = new prometheus.DataqueryBuilder()
          .datasource(DATASOURCE)
          .refId(refIdOf(index))
          .expr(target.expr)
          .legendFormat(target.legend ?? '__auto');
        if (isInstant(spec.kind)) query.instant().format(prometheus.PromQueryFormat.Table);
        else query.range();
        return query;
      }),
    );
  if (spec.timeFrom !== undefined) builder.timeFrom(spec.timeFrom);
  if (spec.interval !== undefined) builder.interval(spec.interval);
  if (spec.decimals !== undefined) builder.decimals(spec.decimals);
  if (spec.min !== undefined) builder.min(spec.min);
  if (spec.max !== undefined) builder.max(spec.max);
  return builder;
}

function lastValue(): common.ReduceDataOptionsBuilder {
  return new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false);
}

function visualisation(spec: PanelSpec): AnyPanelBuilder {
  switch (spec.kind) {
    case 'stat':
      return new stat.PanelBuilder()
        .reduceOptions(lastValue())
        .graphMode(common.BigValueGraphMode.None)
        .colorMode(common.BigValueColorMode.Value);
    case 'gauge':
      return new gauge.PanelBuilder().reduceOptions(lastValue()).showThresholdMarkers(true);
    case 'bargauge':
      return new bargauge.PanelBuilder()
        .reduceOptions(lastValue())
        .orientation(common.VizOrientation.Horizontal)
        .displayMode(common.BarGaugeDisplayMode.Gradient);
    case 'table':
      return new table.PanelBuilder().transformations([
        { id: 'merge', options: {} },
        { id: 'organize', options: { excludeByName: { Time: true } } },
      ]);
    case 'timeseries':
      return new timeseries.PanelBuilder()
        .drawStyle(spec.bars ? common.GraphDrawStyle.Bars : common.GraphDrawStyle.Line)
        .fillOpacity(spec.bars ? 80 : 10)
        .legend(
          new common.VizLegendOptionsBuilder()
            .showLegend(true)
            .displayMode(common.LegendDisplayMode.List)
            .placement(common.LegendPlacement.Bottom)
            .calcs([]),
        )
        .tooltip(
          new common.VizTooltipOptionsBuilder()
            .mode(common.TooltipDisplayMode.Multi)
            .sort(common.SortOrder.Descending),
        );
  }
}
