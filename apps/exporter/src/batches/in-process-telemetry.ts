import type { LedgerTraceSink } from '@groqmeter/ledger';
import { decodeMetricsRequest, type MetricsRequest } from '@groqmeter/otlp';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { JsonMetricsSerializer, JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  MeterProvider,
  PeriodicExportingMetricReader,
  type PushMetricExporter,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';

/** `service.name` of what the exporter meters itself: Prometheus's `job` label of those series. */
export const BATCHES_SERVICE_NAME = 'groqmeter-batches';

/** Where the in-process telemetry goes: the exporter's own ingest path and ledger. */
export interface InProcessTelemetryTargets {
  /** The function `POST /v1/metrics` hands its decoded requests to. */
  ingestMetrics(request: MetricsRequest): void;
  /** The ledger's sink, as `POST /v1/traces` uses it; without one, spans go nowhere. */
  traceSink: LedgerTraceSink | undefined;
}

/** OTel providers whose output lands in the exporter itself. */
export interface InProcessTelemetry {
  meterProvider: MeterProvider;
  tracerProvider: BasicTracerProvider;
  /** Writes everything recorded so far. */
  flush(): Promise<void>;
  /** Flushes and stops both providers (no timer is left). */
  shutdown(): Promise<void>;
}

/**
 * A MeterProvider and a TracerProvider whose exports are serialised to OTLP/JSON by the same
 * serializer as OTel's OTLP/HTTP JSON exporters and handed to the exporter's own ingest (metrics:
 * decoded by `@groqmeter/otlp` exactly as a push is; spans: to the ledger's sink). So what the
 * exporter meters itself becomes the same series and rows as an app's push, with no network hop.
 */
export function createInProcessTelemetry(targets: InProcessTelemetryTargets): InProcessTelemetry {
  const resource = resourceFromAttributes({ 'service.name': BATCHES_SERVICE_NAME });
  const reader = new PeriodicExportingMetricReader({
    exporter: new IngestMetricExporter(targets.ingestMetrics),
    // Flushed after each poll that metered a batch; the periodic export (cumulative, as an app's)
    // keeps this sender alive for the store's staleness sweep (15 minutes by default) between batches.
    exportIntervalMillis: 60_000,
  });
  const meterProvider = new MeterProvider({ resource, readers: [reader] });
  const { traceSink } = targets;
  const tracerProvider = new BasicTracerProvider({
    resource,
    spanProcessors:
      traceSink === undefined ? [] : [new SimpleSpanProcessor(new LedgerSpanExporter(traceSink))],
  });
  return {
    meterProvider,
    tracerProvider,
    async flush() {
      await Promise.all([tracerProvider.forceFlush(), meterProvider.forceFlush()]);
    },
    async shutdown() {
      await Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]);
    },
  };
}

const SUCCESS: ExportResult = { code: ExportResultCode.SUCCESS };

function failed(error: unknown): ExportResult {
  return { code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) };
}

/** Cumulative metrics, as the apps push them, into the ingest function. */
class IngestMetricExporter implements PushMetricExporter {
  constructor(private readonly ingest: (request: MetricsRequest) => void) {}

  export(metrics: ResourceMetrics, done: (result: ExportResult) => void): void {
    try {
      const body = JsonMetricsSerializer.serializeRequest(metrics);
      if (body === undefined) throw new Error('the OTLP JSON serializer produced nothing');
      this.ingest(decodeMetricsRequest(body, 'json'));
      done(SUCCESS);
    } catch (error) {
      done(failed(error));
    }
  }

  async forceFlush(): Promise<void> {}

  async shutdown(): Promise<void> {}
}

/** Spans into the ledger's sink, as an OTLP/JSON `POST /v1/traces` body. */
class LedgerSpanExporter implements SpanExporter {
  constructor(private readonly sink: LedgerTraceSink) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    const body = JsonTraceSerializer.serializeRequest(spans);
    if (body === undefined) {
      done(failed('the OTLP JSON serializer produced nothing'));
      return;
    }
    this.sink.handle(body, 'application/json').then(
      (answer) => done(answer.status === 200 ? SUCCESS : failed(answer.message ?? `HTTP ${answer.status}`)),
      (error: unknown) => done(failed(error)),
    );
  }

  async shutdown(): Promise<void> {}
}
