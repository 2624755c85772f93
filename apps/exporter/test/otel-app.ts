import type { Meter } from '@opentelemetry/api';
import { OTLPMetricExporter as JsonExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtobufExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AggregationTemporality,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';

/** The semconv bucket advice for operation seconds (docs/telemetry.md). */
export const OPERATION_SECONDS_BUCKETS = [
  0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
];

export interface OtelAppOptions {
  /** The exporter's OTLP URL (`.../v1/metrics`). */
  url: string;
  protocol: 'json' | 'protobuf';
  resource: Record<string, string>;
  temporality?: 'cumulative' | 'delta';
  headers?: Record<string, string>;
  gzip?: boolean;
}

/** An instrumented app: its meter, and its reader's flush and shutdown. */
export interface OtelApp {
  meter: Meter;
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * An app instrumented with the real OTel SDK, pushing with the real OTLP/HTTP exporters (JSON or
 * protobuf). The reader never exports on its own; tests call `flush()`.
 */
export function otelApp(options: OtelAppOptions): OtelApp {
  const exporterOptions = {
    url: options.url,
    headers: options.headers,
    temporalityPreference:
      options.temporality === 'delta' ? AggregationTemporality.DELTA : AggregationTemporality.CUMULATIVE,
    compression: options.gzip ? CompressionAlgorithm.GZIP : CompressionAlgorithm.NONE,
  };
  const exporter =
    options.protocol === 'json' ? new JsonExporter(exporterOptions) : new ProtobufExporter(exporterOptions);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  const provider = new MeterProvider({
    resource: resourceFromAttributes(options.resource),
    readers: [reader],
  });
  const meter = provider.getMeter('@groqmeter/recorder', '0.1.0');
  return {
    meter,
    flush: () => reader.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}
