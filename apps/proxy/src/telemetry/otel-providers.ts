import { hostname } from 'node:os';
import { createGroqmeterMetricProducer, type GroqmeterMetricProducer } from '@groqmeter/recorder';
import type {
  MeterProvider as MeterProviderApi,
  TracerProvider as TracerProviderApi,
} from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';

/** Where the proxy's spans and metrics go, and how to flush them on shutdown. */
export interface ProxyTelemetryProviders {
  tracerProvider: TracerProviderApi;
  meterProvider: MeterProviderApi;
  /**
   * groqmeter's metric producer, attached to the OTLP reader (undefined without one): the
   * recorder's metrics go through it, accumulated per label set and read at each export.
   */
  metricProducer: GroqmeterMetricProducer | undefined;
  /** Whether any span leaves the process (an OTLP span exporter, or the ledger). */
  spansExported: boolean;
  /** Export what is pending and stop the exporters (and the ledger). */
  shutdown(): Promise<void>;
}

const DEFAULT_METRIC_EXPORT_INTERVAL_MS = 60_000;

function exporterChoice(value: string | undefined, fallback: 'otlp' | 'none'): 'otlp' | 'none' {
  const words = (value ?? '').split(',').map((word) => word.trim().toLowerCase());
  if (words.includes('none')) return 'none';
  if (words.includes('otlp')) return 'otlp';
  return fallback;
}

/**
 * The OTel providers of the proxy process, configured the standard way: OTLP/HTTP to
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (default `http://localhost:4318`, the groqmeter exporter) or the
 * per-signal `OTEL_EXPORTER_OTLP_{METRICS,TRACES}_ENDPOINT`, headers from `OTEL_EXPORTER_OTLP_HEADERS`,
 * every `OTEL_METRIC_EXPORT_INTERVAL` ms (default 60000), resource from `OTEL_SERVICE_NAME` (default
 * `groqmeter-proxy`) and `OTEL_RESOURCE_ATTRIBUTES`. Metrics are exported unless
 * `OTEL_METRICS_EXPORTER=none`; spans only with `OTEL_TRACES_EXPORTER=otlp` (the groqmeter
 * exporter takes spans only with a ledger). `extraSpanProcessors` (the ledger's) get every span.
 * The OTLP reader also collects groqmeter's metric producer, for the recorder.
 */
export function createOtelProviders(
  env: Readonly<Record<string, string | undefined>>,
  extraSpanProcessors: SpanProcessor[],
): ProxyTelemetryProviders {
  const resource = resourceFromAttributes({
    'service.name': env.OTEL_SERVICE_NAME ?? 'groqmeter-proxy',
    'service.instance.id': `${hostname()}-${process.pid}`,
  }).merge(detectResources({ detectors: [envDetector] }));
  const interval = Number(env.OTEL_METRIC_EXPORT_INTERVAL);
  const exportIntervalMillis =
    Number.isFinite(interval) && interval > 0 ? interval : DEFAULT_METRIC_EXPORT_INTERVAL_MS;
  let metricProducer: GroqmeterMetricProducer | undefined;
  const readers: PeriodicExportingMetricReader[] = [];
  if (exporterChoice(env.OTEL_METRICS_EXPORTER, 'otlp') === 'otlp') {
    const exporter = new OTLPMetricExporter();
    // Cumulative or delta as OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE says, like the SDK's own points.
    metricProducer = createGroqmeterMetricProducer({
      aggregationTemporalitySelector: (type) => exporter.selectAggregationTemporality(type),
    });
    readers.push(
      new PeriodicExportingMetricReader({
        exporter,
        exportIntervalMillis,
        exportTimeoutMillis: Math.min(exportIntervalMillis, 30_000),
        metricProducers: [metricProducer],
      }),
    );
  }
  const meterProvider = new MeterProvider({ resource, readers });
  const spanProcessors: SpanProcessor[] = [...extraSpanProcessors];
  if (exporterChoice(env.OTEL_TRACES_EXPORTER, 'none') === 'otlp') {
    spanProcessors.push(new BatchSpanProcessor(new OTLPTraceExporter()));
  }
  const tracerProvider = new BasicTracerProvider({ resource, spanProcessors });
  return {
    tracerProvider,
    meterProvider,
    metricProducer,
    spansExported: spanProcessors.length > 0,
    shutdown: async () => {
      await Promise.allSettled([meterProvider.shutdown(), tracerProvider.shutdown()]);
    },
  };
}
