import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  type DataPoint,
  type Histogram,
  MeterProvider,
  type MetricData,
  MetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createRecorder } from '../src/recorder.js';
import type { Recorder, RecorderOptions } from '../src/types.js';

/** A metric reader the test collects from on demand (cumulative temporality). */
class CollectingMetricReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

/** A data point reduced to what tests compare. */
export interface Point<T = number | Histogram> {
  attributes: Record<string, unknown>;
  value: T;
}

/** In-memory span and metric pipelines, set up once per test. */
export interface TelemetryHarness {
  tracerProvider: BasicTracerProvider;
  meterProvider: MeterProvider;
  spans(): ReadableSpan[];
  /** The one finished span; fails when there is not exactly one. */
  onlySpan(): ReadableSpan;
  /** Every metric collected now, by instrument name. */
  collect(): Promise<Map<string, MetricData>>;
  /** Data points of one instrument (empty when it has none). */
  points<T = number | Histogram>(name: string): Promise<Point<T>[]>;
  shutdown(): Promise<void>;
}

export function createTelemetryHarness(): TelemetryHarness {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const reader = new CollectingMetricReader();
  const meterProvider = new MeterProvider({ readers: [reader] });

  const collect = async (): Promise<Map<string, MetricData>> => {
    const { resourceMetrics, errors } = await reader.collect();
    if (errors.length > 0) throw new AggregateError(errors, 'metric collection failed');
    const byName = new Map<string, MetricData>();
    for (const scope of resourceMetrics.scopeMetrics) {
      for (const metric of scope.metrics) byName.set(metric.descriptor.name, metric);
    }
    return byName;
  };

  return {
    tracerProvider,
    meterProvider,
    spans: () => exporter.getFinishedSpans(),
    onlySpan: () => {
      const spans = exporter.getFinishedSpans();
      if (spans.length !== 1) throw new Error(`expected exactly one finished span, got ${spans.length}`);
      return spans[0]!;
    },
    collect,
    points: async <T>(name: string) => {
      const metric = (await collect()).get(name);
      return (metric?.dataPoints ?? []).map((point: DataPoint<unknown>) => ({
        attributes: { ...point.attributes },
        value: point.value as T,
      }));
    },
    shutdown: async () => {
      await meterProvider.shutdown();
      await tracerProvider.shutdown();
    },
  };
}

/** Register AsyncLocalStorage context propagation for a test file; returns the undo. */
export function useAsyncLocalStorageContext(): () => void {
  const manager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(manager);
  return () => {
    context.disable();
  };
}

/** A fresh harness per test plus recorders wired to it, for one test file. */
export interface RecorderTestbed {
  readonly harness: TelemetryHarness;
  recorder(options?: RecorderOptions): Recorder;
}

/**
 * Register the vitest hooks of a recorder test file: AsyncLocalStorage context for the file, and a
 * fresh in-memory harness for every test.
 */
export function useRecorderTestbed(): RecorderTestbed {
  let harness: TelemetryHarness | undefined;
  let undoContext: (() => void) | undefined;
  beforeAll(() => {
    undoContext = useAsyncLocalStorageContext();
  });
  afterAll(() => undoContext?.());
  beforeEach(() => {
    harness = createTelemetryHarness();
  });
  afterEach(async () => {
    await harness?.shutdown();
  });
  const current = (): TelemetryHarness => {
    if (harness === undefined) throw new Error('the telemetry harness exists only inside a test');
    return harness;
  };
  return {
    get harness() {
      return current();
    },
    recorder: (options = {}) =>
      createRecorder({
        tracerProvider: current().tracerProvider,
        meterProvider: current().meterProvider,
        ...options,
      }),
  };
}
