import { type Attributes, context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { DataPointType, MeterProvider, type MetricData, MetricReader } from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';

/** A reader whose only job is to hand over the current metrics when a test asks. */
class OnDemandMetricReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

/** One metric point, flattened for `toEqual`: a counter's or gauge's value, a histogram's count and sum. */
export type Point =
  | { attributes: Attributes; value: number }
  | { attributes: Attributes; count: number; sum: number };

/** In-memory OTel providers for one test, and readers of what they received. */
export interface TelemetryHarness {
  readonly tracerProvider: BasicTracerProvider;
  readonly meterProvider: MeterProvider;
  spans(): ReadableSpan[];
  metrics(): Promise<MetricData[]>;
  /** Every point of one metric, in recording order. */
  points(name: string): Promise<Point[]>;
  /** The names of every metric that has at least one point. */
  metricNames(): Promise<string[]>;
  shutdown(): Promise<void>;
}

export function createTelemetryHarness(): TelemetryHarness {
  const spanExporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spanExporter)] });
  const reader = new OnDemandMetricReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  const metrics = async (): Promise<MetricData[]> => {
    const { resourceMetrics } = await reader.collect();
    return resourceMetrics.scopeMetrics
      .flatMap((scope) => scope.metrics)
      .filter((m) => m.dataPoints.length > 0);
  };
  return {
    tracerProvider,
    meterProvider,
    spans: () => spanExporter.getFinishedSpans(),
    metrics,
    points: async (name) => {
      const metric = (await metrics()).find((m) => m.descriptor.name === name);
      if (metric === undefined) return [];
      return metric.dataPoints.map((point): Point => {
        if (metric.dataPointType === DataPointType.HISTOGRAM) {
          const histogram = point.value as { count: number; sum?: number };
          return { attributes: point.attributes, count: histogram.count, sum: histogram.sum ?? 0 };
        }
        return { attributes: point.attributes, value: point.value as number };
      });
    },
    metricNames: async () => (await metrics()).map((m) => m.descriptor.name).sort(),
    shutdown: async () => {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
    },
  };
}

let contextManagerInstalled = false;

/** Register an AsyncLocalStorage context manager once per test file (attribution and suppression need one). */
export function installContextManager(): void {
  if (contextManagerInstalled) return;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  contextManagerInstalled = true;
}
