import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import {
  MeterProvider,
  type MetricProducer,
  MetricReader,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';

/** Accepts every batch and drops it: the export's network cost is not what is measured. */
export class DiscardingSpanExporter implements SpanExporter {
  export(_spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    done({ code: ExportResultCode.SUCCESS });
  }
  async shutdown(): Promise<void> {}
}

/** Counts ended spans, so a benchmark can prove which variant recorded. */
class EndedSpanCounter implements SpanProcessor {
  ended = 0;
  onStart(): void {}
  onEnd(): void {
    this.ended++;
  }
  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}

/** A reader collected on demand: points aggregate on every record, as in production. */
export class OnDemandMetricReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

/** The OTel SDK every contender records into, registered globally. */
export interface OtelPipeline {
  /** Spans ended so far, by anyone in this process. */
  spansEnded(): number;
  /** Names of the metrics with data points in the global meter provider's instruments. */
  metricNames(): Promise<string[]>;
}

/** Names of the metrics of `collected` that have at least one data point. */
export function metricNamesWithPoints(collected: ResourceMetrics): string[] {
  return collected.scopeMetrics.flatMap((scope) =>
    scope.metrics.filter((metric) => metric.dataPoints.length > 0).map((metric) => metric.descriptor.name),
  );
}

/**
 * Names of the metrics with data points in `producer` alone. A benchmark that runs several
 * instrumented variants in one process gives each its own producer and counts it this way, so a
 * variant's count does not include what earlier variants recorded.
 */
export async function producerMetricNames(producer: MetricProducer): Promise<string[]> {
  return metricNamesWithPoints((await producer.collect()).resourceMetrics);
}

/** Names of the metrics with points that `reader` collects now. */
async function readerMetricNames(reader: OnDemandMetricReader): Promise<string[]> {
  return metricNamesWithPoints((await reader.collect()).resourceMetrics);
}

/** A meter provider of its own, with a reader collected on demand to count metric names. */
export interface CountedMeterProvider {
  meterProvider: MeterProvider;
  metricNames(): Promise<string[]>;
}

/**
 * A meter provider with one view that matches no instrument: it changes no metric, but groqmeter
 * attaches no metric producer to a provider with views, so its recorders keep the fallback (SDK
 * instruments), as with a user's provider that has views.
 */
export function meterProviderWithView(): CountedMeterProvider {
  const reader = new OnDemandMetricReader();
  return {
    meterProvider: new MeterProvider({
      readers: [reader],
      views: [{ instrumentName: 'bench.no_such_instrument' }],
    }),
    metricNames: () => readerMetricNames(reader),
  };
}

/**
 * Registers the same SDK setup for every contender, as an app would: async-hooks context,
 * a tracer provider with the production-default batch span processor (exporting nowhere), and a
 * meter provider whose reader aggregates every point (collected only on demand, to count metric
 * names). groqmeter's recorders without a producer of their own attach one to that reader (as
 * they would to an app's); the producers the bench passes to them explicitly are collected only
 * to count, which {@link producerMetricNames} does for one producer at a time.
 */
export function installOtelPipeline(): OtelPipeline {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const counter = new EndedSpanCounter();
  trace.setGlobalTracerProvider(
    new BasicTracerProvider({
      spanProcessors: [counter, new BatchSpanProcessor(new DiscardingSpanExporter())],
    }),
  );
  const reader = new OnDemandMetricReader();
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
  return {
    spansEnded: () => counter.ended,
    metricNames: () => readerMetricNames(reader),
  };
}
