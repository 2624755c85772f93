import * as bargauge from '@grafana/grafana-foundation-sdk/bargauge';
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as gauge from '@grafana/grafana-foundation-sdk/gauge';
import * as histogram from '@grafana/grafana-foundation-sdk/histogram';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as table from '@grafana/grafana-foundation-sdk/table';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { isInstant, type PanelKind, type PanelSpec, type TargetSpec } from './panel-spec.js';

/** Every panel and query reads the datasource the user picked in the `datasource` variable. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable syntax, not a JS template.
export const DATASOURCE: common.DataSourceRef = { type: 'prometheus', uid: '${datasource}' };

/** Buckets of a histogram panel: enough to show the shape of a cost distribution. */
const HISTOGRAM_BUCKETS = 30;

/** Where a dashboard's panels read their data, and how one of their targets becomes a query. */
export interface QuerySource<Target> {
  datasource: common.DataSourceRef;
  query(target: Target, refId: string, kind: PanelKind): cog.Builder<cog.Dataquery>;
}

/** PromQL targets, as instant queries for single-value and table panels and range queries otherwise. */
export const PROMETHEUS_QUERIES: QuerySource<TargetSpec> = {
  datasource: DATASOURCE,
  query(target, refId, kind) {
    const query = new prometheus.DataqueryBuilder()
      .datasource(DATASOURCE)
      .refId(refId)
      .expr(target.expr)
      .legendFormat(target.legend ?? '__auto');
    if (isInstant(kind)) query.instant().format(prometheus.PromQueryFormat.Table);
    else query.range();
    return query;
  },
};

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
  | bargauge.PanelBuilder
  | histogram.PanelBuilder;

/** Turn a panel spec into a Grafana panel at `placement`, its targets read from `source`. */
export function buildPanel<Target>(
  spec: PanelSpec<Target>,
  placement: Placement,
  source: QuerySource<Target>,
): cog.Builder<dashboard.Panel> {
  const builder = visualisation(spec);
  builder
    .id(placement.id)
    .title(spec.title)
    .description(spec.description)
    .unit(spec.unit)
    .datasource(source.datasource)
    .gridPos({ x: placement.x, y: placement.y, w: spec.width, h: spec.height })
    .thresholds(
      new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps(spec.thresholds),
    )
    .targets(spec.targets.map((target, index) => source.query(target, refIdOf(index), spec.kind)));
  for (const [column, { unit, decimals }] of Object.entries(spec.columns ?? {})) {
    const properties: dashboard.DynamicConfigValue[] = [];
    if (unit !== undefined) properties.push({ id: 'unit', value: unit });
    if (decimals !== undefined) properties.push({ id: 'decimals', value: decimals });
    builder.overrideByName(column, properties);
  }
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

function visualisation<Target>(spec: PanelSpec<Target>): AnyPanelBuilder {
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
    case 'histogram':
      return new histogram.PanelBuilder()
        .bucketCount(HISTOGRAM_BUCKETS)
        .combine(false)
        .legend(
          new common.VizLegendOptionsBuilder()
            .showLegend(false)
            .displayMode(common.LegendDisplayMode.List)
            .placement(common.LegendPlacement.Bottom),
        );
    case 'timeseries': {
      const panel = new timeseries.PanelBuilder()
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
      if (spec.stacked) panel.stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal));
      return panel;
    }
  }
}
