import {
  createGroqmeterMetricProducer,
  type GroqmeterMetricProducer,
  producerTemporalityFor,
} from '@groqmeter/recorder';
import { diag } from '@opentelemetry/api';
import { getNumberFromEnv, getStringFromEnv, getStringListFromEnv } from '@opentelemetry/core';
import { OTLPMetricExporter as GrpcMetricExporter } from '@opentelemetry/exporter-metrics-otlp-grpc';
import { OTLPMetricExporter as JsonMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtobufMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { metrics as sdkMetrics } from '@opentelemetry/sdk-node';

type IMetricReader = sdkMetrics.IMetricReader;
type PushMetricExporter = sdkMetrics.PushMetricExporter;
type InstrumentType = sdkMetrics.InstrumentType;
type AggregationTemporality = sdkMetrics.AggregationTemporality;

/** The metric readers of the register entry, and the groqmeter producer attached to each (if any). */
export interface MetricSetup {
  readers: IMetricReader[];
  /**
   * Undefined when there is no reader, or when no one producer can serve them (a delta reader
   * beside another, see `producerTemporalityFor`).
   */
  metricProducer: GroqmeterMetricProducer | undefined;
}

/** A reader to build once the producer is known, and the temporality it wants per instrument type. */
interface PlannedReader {
  selectAggregationTemporality(type: InstrumentType): AggregationTemporality;
  build(metricProducers: GroqmeterMetricProducer[]): IMetricReader;
}

/** A variable that must hold a number > 0, as the Node SDK reads it (any other is ignored). */
function getPositiveNumberFromEnv(name: string): number | undefined {
  const value = getNumberFromEnv(name);
  if (value === undefined || value > 0) return value;
  diag.warn(`${name} (${value}) is invalid, expected number greater than 0, using default.`);
  return undefined;
}

function otlpMetricExporter(): PushMetricExporter {
  const protocol =
    (
      getStringFromEnv('OTEL_EXPORTER_OTLP_METRICS_PROTOCOL') ??
      getStringFromEnv('OTEL_EXPORTER_OTLP_PROTOCOL')
    )?.trim() || 'http/protobuf';
  if (protocol === 'grpc') return new GrpcMetricExporter();
  if (protocol === 'http/json') return new JsonMetricExporter();
  if (protocol !== 'http/protobuf')
    diag.warn(`Unsupported OTLP metrics protocol: "${protocol}". Using http/protobuf.`);
  return new ProtobufMetricExporter();
}

/** `OTEL_METRIC_EXPORT_INTERVAL` and `OTEL_METRIC_EXPORT_TIMEOUT`, the timeout clamped to the interval. */
function exportTiming(): { exportIntervalMillis: number; exportTimeoutMillis: number } {
  const exportIntervalMillis = getPositiveNumberFromEnv('OTEL_METRIC_EXPORT_INTERVAL') ?? 60_000;
  const timeout = getPositiveNumberFromEnv('OTEL_METRIC_EXPORT_TIMEOUT') ?? 30_000;
  return { exportIntervalMillis, exportTimeoutMillis: Math.min(timeout, exportIntervalMillis) };
}

function periodic(exporter: PushMetricExporter, timing: boolean): PlannedReader {
  return {
    selectAggregationTemporality: (type) =>
      exporter.selectAggregationTemporality?.(type) ?? sdkMetrics.AggregationTemporality.CUMULATIVE,
    build: (metricProducers) =>
      new sdkMetrics.PeriodicExportingMetricReader({
        exporter,
        ...(timing ? exportTiming() : {}),
        metricProducers,
      }),
  };
}

/**
 * The readers the OpenTelemetry Node SDK builds from `OTEL_METRICS_EXPORTER` (`otlp` by default,
 * `console`, `prometheus`, `none`), with the same variables (`OTEL_EXPORTER_OTLP_*` read by the
 * exporters themselves, `OTEL_METRIC_EXPORT_INTERVAL`/`_TIMEOUT`), built here because the Node SDK
 * has no way to attach a metric producer to the readers it builds. One groqmeter producer serves
 * a single reader, with its temporality per instrument type (an OTLP exporter follows
 * `OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE`), or several when all are cumulative
 * (Prometheus is); otherwise there is no producer and the recorders fall back to SDK instruments,
 * which serve each reader its own temporality.
 */
export function metricSetupFromEnv(): MetricSetup {
  const names = [...new Set(getStringListFromEnv('OTEL_METRICS_EXPORTER') ?? [])];
  if (names.length === 0) names.push('otlp');
  if (names.includes('none')) return { readers: [], metricProducer: undefined };
  const planned: PlannedReader[] = [];
  for (const name of names) {
    if (name === 'otlp') planned.push(periodic(otlpMetricExporter(), true));
    else if (name === 'console') planned.push(periodic(new sdkMetrics.ConsoleMetricExporter(), false));
    else if (name === 'prometheus') {
      planned.push({
        selectAggregationTemporality: () => sdkMetrics.AggregationTemporality.CUMULATIVE,
        build: (metricProducers) => new PrometheusExporter({ metricProducers }),
      });
    } else {
      diag.warn(
        `Unsupported OTEL_METRICS_EXPORTER value: "${name}". Supported values are: otlp, console, prometheus, none.`,
      );
    }
  }
  if (planned.length === 0) return { readers: [], metricProducer: undefined };
  const aggregationTemporalitySelector = producerTemporalityFor(planned);
  const metricProducer =
    aggregationTemporalitySelector === undefined
      ? undefined
      : createGroqmeterMetricProducer({ aggregationTemporalitySelector });
  const producers = metricProducer === undefined ? [] : [metricProducer];
  return { readers: planned.map((reader) => reader.build(producers)), metricProducer };
}
