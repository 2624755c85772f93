import { type Attributes, context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { type DataPoint, type Histogram, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';

class CollectingReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

/** One data point of a collected metric: its attributes and its value (a histogram's count and sum). */
export interface Point {
  attributes: Attributes;
  value: number | { count: number; sum: number | undefined };
}

/** In-memory spans and metrics for one test file, with an async context manager like the OTel Node SDK's. */
export interface TestTelemetry {
  tracerProvider: BasicTracerProvider;
  meterProvider: MeterProvider;
  spans: InMemorySpanExporter;
  /** Every data point of a metric, sorted by attributes so that `toEqual` is order-independent. */
  points(name: string): Promise<Point[]>;
  /** The JSON of everything exported so far (spans and metrics), to scan for leaks. */
  exportedText(): Promise<string>;
  reset(): Promise<void>;
  shutdown(): Promise<void>;
}

function pointValue(point: DataPoint<unknown>): Point['value'] {
  if (typeof point.value === 'number') return point.value;
  const histogram = point.value as Histogram;
  return { count: histogram.count, sum: histogram.sum };
}

export function createTestTelemetry(): TestTelemetry {
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  const spans = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
  let reader = new CollectingReader();
  let meterProvider = new MeterProvider({ readers: [reader] });
  const collect = async () =>
    (await reader.collect()).resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics);
  const telemetry: TestTelemetry = {
    tracerProvider,
    get meterProvider() {
      return meterProvider;
    },
    spans,
    async points(name) {
      const metric = (await collect()).find((candidate) => candidate.descriptor.name === name);
      const points = (metric?.dataPoints ?? []) as DataPoint<unknown>[];
      return points
        .map((point) => ({ attributes: point.attributes, value: pointValue(point) }))
        .sort((a, b) => JSON.stringify(a.attributes).localeCompare(JSON.stringify(b.attributes)));
    },
    async exportedText() {
      return JSON.stringify({
        spans: spans.getFinishedSpans().map((span) => ({
          name: span.name,
          attributes: span.attributes,
          status: span.status,
          events: span.events,
        })),
        metrics: await collect(),
      });
    },
    async reset() {
      spans.reset();
      await meterProvider.shutdown();
      reader = new CollectingReader();
      meterProvider = new MeterProvider({ readers: [reader] });
    },
    async shutdown() {
      await meterProvider.shutdown();
      await tracerProvider.shutdown();
      contextManager.disable();
      context.disable();
    },
  };
  return telemetry;
}
