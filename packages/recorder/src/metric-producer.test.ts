import {
  AggregationTemporality,
  DataPointType,
  type Histogram,
  InstrumentType,
  MeterProvider,
  type MetricData,
  MetricReader,
  type MetricReaderOptions,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { chatStart, T0, USAGE } from '../test/fixtures.js';
import { METRIC_FAMILIES } from './instruments.js';
import {
  createGroqmeterMetricProducer,
  type GroqmeterMetricProducer,
  producerTemporalityFor,
} from './metric-producer.js';
import { createRecorder } from './recorder.js';
import { SEMCONV_SCHEMA_URL } from './semconv.js';
import { createTelemetryHarness } from './testing/telemetry-harness.js';
import type { RecorderOptions } from './types.js';
import { RECORDER_SCOPE_NAME, RECORDER_VERSION } from './version.js';

class TestReader extends MetricReader {
  constructor(options: MetricReaderOptions) {
    super(options);
  }
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

/** A reader with `producer` attached, bound to a meter provider as any reader is. */
function readerOf(producer: GroqmeterMetricProducer): TestReader {
  const reader = new TestReader({ metricProducers: [producer] });
  new MeterProvider({ readers: [reader] });
  return reader;
}

function metricsOf(resourceMetrics: ResourceMetrics): Map<string, MetricData> {
  return new Map(
    resourceMetrics.scopeMetrics
      .flatMap((scope) => scope.metrics)
      .map((metric) => [metric.descriptor.name, metric]),
  );
}

/** The values of one metric, by its points' `type` (or `outcome`) label. */
function valuesOf(metric: MetricData | undefined): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const point of metric?.dataPoints ?? []) {
    const label = String(point.attributes.type ?? point.attributes.outcome ?? point.attributes.reason ?? '');
    values[label] =
      typeof point.value === 'number'
        ? point.value
        : { count: (point.value as Histogram).count, sum: (point.value as Histogram).sum };
  }
  return values;
}

function chat(producer: GroqmeterMetricProducer, options: RecorderOptions = {}, chunks: number[] = []): void {
  const recorder = createRecorder({ metricProducer: producer, tracing: false, ...options });
  const operation = recorder.start(chatStart({ stream: chunks.length > 0 }));
  for (const offset of chunks) operation.chunk(T0 + offset);
  operation.end({ usage: USAGE }, T0 + 500);
}

describe('createGroqmeterMetricProducer', () => {
  it('reports cumulative points by default: the totals so far at every collection', async () => {
    const producer = createGroqmeterMetricProducer();
    const reader = readerOf(producer);
    chat(producer);
    const first = metricsOf((await reader.collect()).resourceMetrics);
    expect(first.get('groq.tokens')?.aggregationTemporality).toBe(AggregationTemporality.CUMULATIVE);
    expect(valuesOf(first.get('groq.tokens'))).toEqual({
      input: 1000,
      cached_input: 200,
      output: 500,
      reasoning: 100,
    });
    expect(valuesOf(first.get('groq.requests'))).toEqual({ success: 1 });
    expect(valuesOf(first.get('gen_ai.client.operation.duration'))).toEqual({ '': { count: 1, sum: 0.5 } });
    // Nothing new: the same totals again.
    expect(
      metricsOf((await reader.collect()).resourceMetrics).get('groq.requests')?.dataPoints[0]?.value,
    ).toBe(1);
    chat(producer);
    const third = metricsOf((await reader.collect()).resourceMetrics);
    expect(valuesOf(third.get('groq.tokens'))).toEqual({
      input: 2000,
      cached_input: 400,
      output: 1000,
      reasoning: 200,
    });
    expect(valuesOf(third.get('gen_ai.client.operation.duration'))).toEqual({ '': { count: 2, sum: 1 } });
  });

  it('hands out copies: a collected histogram does not change with later records', async () => {
    const producer = createGroqmeterMetricProducer();
    const reader = readerOf(producer);
    chat(producer);
    const collected = metricsOf((await reader.collect()).resourceMetrics).get(
      'gen_ai.client.operation.duration',
    )!;
    chat(producer);
    expect((collected.dataPoints[0]!.value as Histogram).buckets.counts.reduce((a, b) => a + b)).toBe(1);
  });

  it('reports deltas when the selector asks for them: each value goes to exactly one collection', async () => {
    const producer = createGroqmeterMetricProducer({
      aggregationTemporalitySelector: () => AggregationTemporality.DELTA,
    });
    const reader = readerOf(producer);
    chat(producer, {}, [100, 150, 250]);
    const first = metricsOf((await reader.collect()).resourceMetrics);
    expect(first.get('groq.tokens')?.aggregationTemporality).toBe(AggregationTemporality.DELTA);
    expect(valuesOf(first.get('groq.tokens'))).toEqual({
      input: 1000,
      cached_input: 200,
      output: 500,
      reasoning: 100,
    });
    expect(valuesOf(first.get('gen_ai.client.operation.time_per_output_chunk'))).toEqual({
      '': { count: 2, sum: expect.closeTo(0.15, 10) },
    });
    // No operation since: no groqmeter points at all (the SDK leaves out a metric without points).
    expect((await reader.collect()).resourceMetrics.scopeMetrics).toEqual([]);
    chat(producer);
    const third = metricsOf((await reader.collect()).resourceMetrics);
    expect(valuesOf(third.get('groq.requests'))).toEqual({ success: 1 });
    expect(valuesOf(third.get('gen_ai.client.operation.duration'))).toEqual({ '': { count: 1, sum: 0.5 } });
    expect(third.has('gen_ai.client.operation.time_per_output_chunk')).toBe(false);
  });

  it('asks the selector per instrument type, as an exporter with a lowmemory preference would answer', async () => {
    const asked: string[] = [];
    const producer = createGroqmeterMetricProducer({
      aggregationTemporalitySelector: (type) => {
        asked.push(type);
        return type === 'GAUGE' ? AggregationTemporality.CUMULATIVE : AggregationTemporality.DELTA;
      },
    });
    expect(asked.sort()).toEqual(['COUNTER', 'GAUGE', 'HISTOGRAM']);
    const reader = readerOf(producer);
    const recorder = createRecorder({ metricProducer: producer, tracing: false });
    const operation = recorder.start(chatStart());
    operation.attempt({ status: 200, headers: { 'x-ratelimit-remaining-requests': '10' } });
    operation.end({ usage: USAGE }, T0 + 10);
    await reader.collect();
    const second = metricsOf((await reader.collect()).resourceMetrics);
    expect([...second.keys()]).toEqual(['groq.ratelimit.remaining']);
    expect(second.get('groq.ratelimit.remaining')?.dataPoints[0]?.value).toBe(10);
  });

  it('serves two overlapping collections without losing or repeating a delta', async () => {
    const producer = createGroqmeterMetricProducer({
      aggregationTemporalitySelector: () => AggregationTemporality.DELTA,
    });
    chat(producer);
    chat(producer);
    const results = await Promise.all([producer.collect(), producer.collect()]);
    const requests = results.map((result) =>
      valuesOf(metricsOf(result.resourceMetrics).get('groq.requests')),
    );
    expect(requests).toEqual([{ success: 2 }, {}]);
    const cumulative = createGroqmeterMetricProducer();
    chat(cumulative);
    const both = await Promise.all([cumulative.collect(), cumulative.collect()]);
    expect(both.map((result) => valuesOf(metricsOf(result.resourceMetrics).get('groq.requests')))).toEqual([
      { success: 1 },
      { success: 1 },
    ]);
  });

  it("emits the recorder's scope and the same descriptors, buckets and points as the SDK instruments", async () => {
    const producer = createGroqmeterMetricProducer();
    chat(producer, {}, [100, 300]);
    const { resourceMetrics } = await producer.collect();
    expect(resourceMetrics.scopeMetrics.map((scope) => scope.scope)).toEqual([
      { name: RECORDER_SCOPE_NAME, version: RECORDER_VERSION, schemaUrl: SEMCONV_SCHEMA_URL },
    ]);
    const harness = createTelemetryHarness();
    const recorder = createRecorder({ meterProvider: harness.meterProvider, tracing: false });
    const operation = recorder.start(chatStart({ stream: true }));
    operation.chunk(T0 + 100);
    operation.chunk(T0 + 300);
    operation.end({ usage: USAGE }, T0 + 500);
    const sdk = new Map((await harness.metrics()).map((metric) => [metric.descriptor.name, metric]));
    const ours = metricsOf(resourceMetrics);
    expect([...ours.keys()].sort()).toEqual([...sdk.keys()].sort());
    for (const [name, metric] of ours) {
      const expected = sdk.get(name)!;
      const { name: n, description, unit, valueType } = expected.descriptor;
      expect(metric.descriptor, name).toEqual({ name: n, description, unit, valueType });
      expect(metric.dataPointType, name).toBe(expected.dataPointType);
      expect(metric.aggregationTemporality, name).toBe(expected.aggregationTemporality);
      expect(
        metric.dataPoints.map(({ attributes, value }) => ({ attributes, value })),
        name,
      ).toEqual(expected.dataPoints.map(({ attributes, value }) => ({ attributes, value })));
    }
    const duration = ours.get('gen_ai.client.operation.duration')!;
    expect(duration.dataPointType).toBe(DataPointType.HISTOGRAM);
    expect((duration.dataPoints[0]!.value as Histogram).buckets.boundaries).toEqual(
      METRIC_FAMILIES.operationDuration.boundaries,
    );
    await harness.shutdown();
  });

  it('bounds attribution labels by the series cap, counting each value past it as dropped', async () => {
    const producer = createGroqmeterMetricProducer();
    const recorder = createRecorder({ metricProducer: producer, tracing: false, seriesCap: 1 });
    for (const feature of ['a', 'b', 'c']) {
      recorder.start(chatStart({ attributes: { feature } })).end({}, T0 + 10);
    }
    const metrics = metricsOf((await producer.collect()).resourceMetrics);
    const requests = metrics
      .get('groq.requests')!
      .dataPoints.map((point) => [point.attributes.feature, point.value]);
    expect(requests).toEqual([
      ['a', 1],
      ['__overflow__', 2],
    ]);
    // Two operations past the cap, each overflowing `groq.requests`, the duration and the
    // usage_missing pricing series once.
    expect(valuesOf(metrics.get('groqmeter.dropped'))).toEqual({ usage_missing: 3, series_cap: 6 });
  });

  it('accumulates for a recorder with no reader yet, and never touches the SDK meter', async () => {
    const producer = createGroqmeterMetricProducer();
    const harness = createTelemetryHarness();
    const recorder = createRecorder({ metricProducer: producer, meterProvider: harness.meterProvider });
    recorder.start(chatStart()).end({ usage: USAGE }, T0 + 10);
    expect(await harness.metrics()).toEqual([]);
    const reader = readerOf(producer);
    expect(valuesOf(metricsOf((await reader.collect()).resourceMetrics).get('groq.requests'))).toEqual({
      success: 1,
    });
    await harness.shutdown();
  });

  it('hands every cost it adds to onCost, with the attributes of its series', () => {
    const costs: Array<[number, unknown]> = [];
    const recorder = createRecorder({
      metricProducer: createGroqmeterMetricProducer(),
      tracing: false,
      attributes: { feature: 'budgeted' },
      onCost: (usd, attributes) => costs.push([usd, attributes.component]),
    });
    recorder.start(chatStart()).end({ usage: USAGE }, T0 + 10);
    expect(costs).toEqual([
      [0.00006, 'input'],
      [0.0000075, 'cached_input'],
      [0.00015, 'output'],
    ]);
  });

  it('refuses a producer that it did not create', () => {
    const foreign = { collect: async () => ({}) } as unknown as GroqmeterMetricProducer;
    expect(() => createRecorder({ metricProducer: foreign })).toThrow(/createGroqmeterMetricProducer/);
  });
});

describe('producerTemporalityFor', () => {
  const { CUMULATIVE, DELTA } = AggregationTemporality;
  const reader = (select: (type: InstrumentType) => unknown) => ({ selectAggregationTemporality: select });
  const cumulative = reader(() => CUMULATIVE);
  const delta = reader(() => DELTA);
  // The OTLP exporters' `lowmemory` preference: synchronous counters and histograms delta.
  const lowMemory = reader((type) =>
    type === InstrumentType.COUNTER || type === InstrumentType.HISTOGRAM ? DELTA : CUMULATIVE,
  );
  const selected = (select: ((type: InstrumentType) => AggregationTemporality) | undefined) =>
    [InstrumentType.COUNTER, InstrumentType.GAUGE, InstrumentType.HISTOGRAM].map((type) => select?.(type));

  it("takes a single reader's temporality per instrument type, delta included", () => {
    expect(selected(producerTemporalityFor([delta]))).toEqual([DELTA, DELTA, DELTA]);
    expect(selected(producerTemporalityFor([lowMemory]))).toEqual([DELTA, CUMULATIVE, DELTA]);
    expect(selected(producerTemporalityFor([cumulative]))).toEqual([CUMULATIVE, CUMULATIVE, CUMULATIVE]);
  });

  it('serves several readers only when every one is cumulative', () => {
    expect(selected(producerTemporalityFor([cumulative, cumulative]))).toEqual([
      CUMULATIVE,
      CUMULATIVE,
      CUMULATIVE,
    ]);
    expect(producerTemporalityFor([delta, delta])).toBeUndefined();
    expect(producerTemporalityFor([cumulative, lowMemory])).toBeUndefined();
  });

  it('serves no reader, and none that wants a temporality the SDK does not define', () => {
    expect(producerTemporalityFor([])).toBeUndefined();
    expect(producerTemporalityFor([reader(() => 7)])).toBeUndefined();
    expect(producerTemporalityFor([reader(() => undefined)])).toBeUndefined();
  });
});
