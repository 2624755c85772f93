import { context, metrics } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';

/** Where a workload process sends its metrics and as which service. */
export interface WorkerTelemetryOptions {
  serviceName: string;
  otlpMetricsUrl: string;
  exportIntervalMs: number;
}

/** The OTel set-up of a workload process. */
export interface WorkerTelemetry {
  /** Exports what is pending and stops the exporter; call before the process exits. */
  shutdown(): Promise<void>;
}

/**
 * Registers a context manager (so `withGroqAttributes` follows async work) and a global meter
 * provider that pushes OTLP/HTTP to the exporter every `exportIntervalMs`, as an app would.
 */
export function startWorkerTelemetry(options: WorkerTelemetryOptions): WorkerTelemetry {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const provider = new MeterProvider({
    resource: resourceFromAttributes({
      'service.name': options.serviceName,
      'service.instance.id': `${options.serviceName}-${process.pid}`,
    }),
    readers: [
      new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter({ url: options.otlpMetricsUrl }),
        exportIntervalMillis: options.exportIntervalMs,
        exportTimeoutMillis: Math.min(options.exportIntervalMs, 10_000),
      }),
    ],
  });
  metrics.setGlobalMeterProvider(provider);
  return { shutdown: () => provider.shutdown() };
}
