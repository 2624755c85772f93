import type { Attributes } from '@opentelemetry/api';
import type { TelemetryHarness } from '../../src/testing/telemetry-harness.js';

/** One metric data point: its attributes and its whole value (a histogram's buckets included). */
export interface SnapshotPoint {
  attributes: Attributes;
  value: unknown;
}

/** One metric: what an exporter sends of it, minus the collection timestamps. */
export interface SnapshotMetric {
  name: string;
  description: string;
  unit: string;
  valueType: number;
  dataPointType: number;
  aggregationTemporality: number;
  isMonotonic: boolean | undefined;
  points: SnapshotPoint[];
}

/** One finished span: everything but its random ids, its parent named instead. */
export interface SnapshotSpan {
  name: string;
  kind: number;
  scope: string;
  parent: string | undefined;
  startTime: [number, number];
  endTime: [number, number];
  status: { code: number; message?: string };
  attributes: Attributes;
  events: { name: string; attributes: Attributes | undefined }[];
}

/** Everything a workload exported, in an order that does not depend on how the SDK stores series. */
export interface TelemetrySnapshot {
  metrics: SnapshotMetric[];
  spans: SnapshotSpan[];
}

const byKey = (a: { key: string }, b: { key: string }): number =>
  a.key < b.key ? -1 : a.key > b.key ? 1 : 0;

/** Attributes with their keys sorted, so that two equal label sets print the same. */
function sortedAttributes(attributes: Attributes): Attributes {
  const sorted: Attributes = {};
  for (const key of Object.keys(attributes).sort()) sorted[key] = attributes[key];
  return sorted;
}

/** Collect the harness's metrics and spans into a {@link TelemetrySnapshot}. */
export async function telemetrySnapshot(harness: TelemetryHarness): Promise<TelemetrySnapshot> {
  const metrics = (await harness.metrics())
    .map((metric): SnapshotMetric => {
      const points = metric.dataPoints
        .map((point) => {
          const attributes = sortedAttributes(point.attributes);
          return { key: JSON.stringify(attributes), point: { attributes, value: point.value } };
        })
        .sort(byKey)
        .map(({ point }) => point);
      return {
        name: metric.descriptor.name,
        description: metric.descriptor.description,
        unit: metric.descriptor.unit,
        valueType: metric.descriptor.valueType,
        dataPointType: metric.dataPointType,
        aggregationTemporality: metric.aggregationTemporality,
        isMonotonic: 'isMonotonic' in metric ? metric.isMonotonic : undefined,
        points,
      };
    })
    .sort((a, b) => byKey({ key: a.name }, { key: b.name }));
  const spans = harness.spans();
  const names = new Map(spans.map((span) => [span.spanContext().spanId, span.name]));
  return {
    metrics,
    spans: spans.map((span) => ({
      name: span.name,
      kind: span.kind,
      scope: span.instrumentationScope.name,
      parent:
        span.parentSpanContext === undefined
          ? undefined
          : (names.get(span.parentSpanContext.spanId) ?? 'outside'),
      startTime: span.startTime,
      endTime: span.endTime,
      status: span.status,
      attributes: sortedAttributes(span.attributes),
      events: span.events.map((event) => ({ name: event.name, attributes: event.attributes })),
    })),
  };
}
