import type { Attributes } from '@opentelemetry/api';
import {
  DataPointType,
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
import { createGroqmeterMetricProducer, type GroqmeterMetricProducer } from '../metric-producer.js';

/** A metric reader whose only job is to hand over the current metrics when a test asks. */
class OnDemandMetricReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

/** The instrument name of the `sdkInstruments` option's view: no instrument has it. */
const UNMATCHED_INSTRUMENT = 'groqmeter.telemetry_harness.no_instrument';

/** A histogram point reduced to what most assertions compare: how many observations, and their sum. */
export interface HistogramSummary {
  count: number;
  /** Undefined only when the histogram saw negative values (the SDK then keeps no sum). */
  sum: number | undefined;
}

/** One metric point, for `toEqual`: a counter's or gauge's value, or a histogram's count and sum. */
export interface MetricPoint {
  attributes: Attributes;
  value: number | HistogramSummary;
}

/** One histogram point in full: buckets (boundaries and counts), count, sum, min and max. */
export interface HistogramPoint {
  attributes: Attributes;
  value: Histogram;
}

/** Options of {@link createTelemetryHarness}. */
export interface TelemetryHarnessOptions {
  /**
   * The order of the points a metric returns: `recorded` (default: the order in which the label
   * sets first appeared) or `attributes` (sorted by their attributes, for assertions that must
   * not depend on which call finished first).
   */
  pointOrder?: 'recorded' | 'attributes';
  /**
   * Attach a groqmeter metric producer to the harness's reader (see
   * {@link TelemetryHarness.metricProducer}), to test recorders that report through it.
   */
  metricProducer?: boolean;
  /**
   * Keep recorders without a `metricProducer` on SDK instruments (the fallback): the harness's
   * provider gets a view that matches no groqmeter instrument, and a provider with views is never
   * given an attached producer. Default: such recorders attach a producer to the harness's reader.
   */
  sdkInstruments?: boolean;
}

/**
 * In-memory OpenTelemetry providers for tests: pass `tracerProvider` and `meterProvider` to
 * `createRecorder` (or to any groqmeter adapter), run the code under test, then read the finished
 * spans and the metric points it produced.
 */
export interface TelemetryHarness {
  readonly tracerProvider: BasicTracerProvider;
  /** The current meter provider; {@link TelemetryHarness.reset} replaces it with a fresh one. */
  readonly meterProvider: MeterProvider;
  /**
   * With the `metricProducer` option: the producer attached to the harness's reader, for
   * recorders' `metricProducer` option (replaced by a fresh one on {@link TelemetryHarness.reset}).
   */
  readonly metricProducer: GroqmeterMetricProducer | undefined;
  /** Every finished span, in the order they ended. */
  spans(): ReadableSpan[];
  /** The one finished span; throws when there is not exactly one. */
  onlySpan(): ReadableSpan;
  /** Every metric with at least one point, collected now (cumulative). */
  metrics(): Promise<MetricData[]>;
  /** The sorted names of every metric with at least one point. */
  metricNames(): Promise<string[]>;
  /** The points of one metric (empty when it has none): values, or histograms' count and sum. */
  points(name: string): Promise<MetricPoint[]>;
  /** The points of one histogram metric in full (empty when it has none). */
  histogramPoints(name: string): Promise<HistogramPoint[]>;
  /** Everything exported so far (span names, attributes, status, events; metrics) as JSON, to scan for leaks. */
  exportedText(): Promise<string>;
  /** Forget every span and metric: the spans are cleared and the meter provider is replaced. */
  reset(): Promise<void>;
  shutdown(): Promise<void>;
}

function byAttributes<P extends { attributes: Attributes }>(points: P[]): P[] {
  return points
    .map((point) => ({ point, key: JSON.stringify(point.attributes) }))
    .sort((a, b) => a.key.localeCompare(b.key))
    .map(({ point }) => point);
}

/** Create in-memory span and metric pipelines (see {@link TelemetryHarness}). */
export function createTelemetryHarness(options: TelemetryHarnessOptions = {}): TelemetryHarness {
  const spanExporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spanExporter)] });
  const newProducer = (): GroqmeterMetricProducer | undefined =>
    options.metricProducer === true ? createGroqmeterMetricProducer() : undefined;
  const newReader = (producer: GroqmeterMetricProducer | undefined): OnDemandMetricReader =>
    new OnDemandMetricReader(producer === undefined ? {} : { metricProducers: [producer] });
  let metricProducer = newProducer();
  let reader = newReader(metricProducer);
  const newMeterProvider = (): MeterProvider =>
    new MeterProvider({
      readers: [reader],
      views: options.sdkInstruments === true ? [{ instrumentName: UNMATCHED_INSTRUMENT }] : [],
    });
  let meterProvider = newMeterProvider();
  const ordered = <P extends { attributes: Attributes }>(points: P[]): P[] =>
    options.pointOrder === 'attributes' ? byAttributes(points) : points;

  const metrics = async (): Promise<MetricData[]> => {
    const { resourceMetrics, errors } = await reader.collect();
    if (errors.length > 0) throw new AggregateError(errors, 'collecting the test metrics failed');
    return resourceMetrics.scopeMetrics
      .flatMap((scope) => scope.metrics)
      .filter((metric) => metric.dataPoints.length > 0);
  };
  const metric = async (name: string): Promise<MetricData | undefined> =>
    (await metrics()).find((candidate) => candidate.descriptor.name === name);

  return {
    tracerProvider,
    get meterProvider() {
      return meterProvider;
    },
    get metricProducer() {
      return metricProducer;
    },
    spans: () => spanExporter.getFinishedSpans(),
    onlySpan: () => {
      const spans = spanExporter.getFinishedSpans();
      if (spans.length !== 1) {
        throw new Error(
          `expected exactly one finished span, got ${spans.length}` +
            (spans.length > 0 ? `: ${spans.map((span) => JSON.stringify(span.name)).join(', ')}` : ''),
        );
      }
      return spans[0]!;
    },
    metrics,
    metricNames: async () => (await metrics()).map((found) => found.descriptor.name).sort(),
    points: async (name) => {
      const found = await metric(name);
      const points = (found?.dataPoints ?? []).map(
        (point): MetricPoint => ({
          attributes: point.attributes,
          value:
            typeof point.value === 'number'
              ? point.value
              : { count: (point.value as Histogram).count, sum: (point.value as Histogram).sum },
        }),
      );
      return ordered(points);
    },
    histogramPoints: async (name) => {
      const found = await metric(name);
      if (found === undefined) return [];
      if (found.dataPointType !== DataPointType.HISTOGRAM) {
        throw new Error(`${name} is not a histogram metric; read its points with points('${name}')`);
      }
      return ordered(found.dataPoints.map((point) => ({ attributes: point.attributes, value: point.value })));
    },
    exportedText: async () =>
      JSON.stringify({
        spans: spanExporter.getFinishedSpans().map((span) => ({
          name: span.name,
          attributes: span.attributes,
          status: span.status,
          events: span.events,
        })),
        metrics: await metrics(),
      }),
    reset: async () => {
      spanExporter.reset();
      await meterProvider.shutdown();
      metricProducer = newProducer();
      reader = newReader(metricProducer);
      meterProvider = newMeterProvider();
    },
    shutdown: async () => {
      await meterProvider.shutdown();
      await tracerProvider.shutdown();
    },
  };
}
