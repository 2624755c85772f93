import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { MeterProvider, type MetricProducer, MetricReader } from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';

/** Accepts every batch and drops it: the export's network cost is not what is measured. */
class DiscardingSpanExporter implements SpanExporter {
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
class OnDemandMetricReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

/** The OTel SDK every contender records into, registered globally. */
export interface OtelPipeline {
  /** Spans ended so far, by anyone in this process. */
  spansEnded(): number;
  /** Names of the metrics that have data points. */
  metricNames(): Promise<string[]>;
}

/**
 * Registers the same SDK setup for every contender, as an app would: async-hooks context,
 * a tracer provider with the production-default batch span processor (exporting nowhere), and a
 * meter provider whose reader aggregates every point (collected only on demand), reading
 * `metricProducers` too (a groqmeter metric producer, as the register entry attaches one).
 */
export function installOtelPipeline(metricProducers: MetricProducer[] = []): OtelPipeline {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const counter = new EndedSpanCounter();
  trace.setGlobalTracerProvider(
    new BasicTracerProvider({
      spanProcessors: [counter, new BatchSpanProcessor(new DiscardingSpanExporter())],
    }),
  );
  const reader = new OnDemandMetricReader({ metricProducers });
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
  return {
    spansEnded: () => counter.ended,
    async metricNames() {
      const { resourceMetrics } = await reader.collect();
      return resourceMetrics.scopeMetrics.flatMap((scope) =>
        scope.metrics
          .filter((metric) => metric.dataPoints.length > 0)
          .map((metric) => metric.descriptor.name),
      );
    },
  };
}
