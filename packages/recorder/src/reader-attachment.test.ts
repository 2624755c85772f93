import type { MeterProvider as ApiMeterProvider } from '@opentelemetry/api';
import {
  AggregationTemporality,
  AggregationType,
  type Histogram,
  InstrumentType,
  MeterProvider,
  type MeterProviderOptions,
  type MetricData,
  type MetricProducer,
  MetricReader,
  type MetricReaderOptions,
} from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { chatStart, T0, USAGE } from '../test/fixtures.js';
import { createGroqmeterMetricProducer } from './metric-producer.js';
import { createRecorder } from './recorder.js';
import { RECORDER_SCOPE_NAME } from './version.js';

class TestReader extends MetricReader {
  constructor(options: MetricReaderOptions = {}) {
    super(options);
  }
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

/** Producers on a reader (the SDK's field the attachment writes to). */
function producersOf(reader: TestReader): unknown[] {
  return (reader as unknown as { _metricProducers: unknown[] })._metricProducers;
}

/** One streamed chat of two chunks with usage, through a recorder on `meterProvider`. */
function chat(meterProvider: ApiMeterProvider): void {
  const operation = createRecorder({ meterProvider, tracing: false }).start(chatStart({ stream: true }));
  operation.chunk(T0 + 100);
  operation.chunk(T0 + 150);
  operation.end({ usage: USAGE }, T0 + 500);
}

/** The groqmeter metrics `reader` collects, by name, each reported once at most. */
async function collected(reader: TestReader): Promise<Map<string, MetricData>> {
  const { resourceMetrics, errors } = await reader.collect();
  expect(errors).toEqual([]);
  const metrics = new Map<string, MetricData>();
  for (const scope of resourceMetrics.scopeMetrics) {
    if (scope.scope.name !== RECORDER_SCOPE_NAME) continue;
    for (const metric of scope.metrics) {
      expect(metrics.has(metric.descriptor.name), `${metric.descriptor.name} reported twice`).toBe(false);
      metrics.set(metric.descriptor.name, metric);
    }
  }
  return metrics;
}

/** The values of the points of `name`: a number, or a histogram's count and sum. */
function values(metrics: Map<string, MetricData>, name: string): unknown[] {
  return (metrics.get(name)?.dataPoints ?? []).map((point) =>
    typeof point.value === 'number'
      ? point.value
      : { count: (point.value as Histogram).count, sum: (point.value as Histogram).sum },
  );
}

/** What {@link chat} makes, once: both streamed chunk timings and the token counts. */
async function expectOneChat(reader: TestReader): Promise<void> {
  const metrics = await collected(reader);
  expect(values(metrics, 'gen_ai.client.operation.time_to_first_chunk')).toEqual([{ count: 1, sum: 0.1 }]);
  expect(values(metrics, 'gen_ai.client.operation.time_per_output_chunk')).toEqual([{ count: 1, sum: 0.05 }]);
  expect(values(metrics, 'groq.tokens')).toEqual([1000, 200, 500, 100]);
}

function providerWith(reader: TestReader, options: MeterProviderOptions = {}): MeterProvider {
  return new MeterProvider({ ...options, readers: [reader] });
}

describe('a recorder without a metric producer', () => {
  it("attaches one to a plain SDK provider's cumulative reader, and records nothing through SDK instruments", async () => {
    const reader = new TestReader();
    const provider = providerWith(reader);
    chat(provider);
    expect(producersOf(reader)).toHaveLength(1);
    await expectOneChat(reader);
    // The SDK's own collection holds no groqmeter instrument: every point came from the producer.
    const sdkOnly = await (
      reader as unknown as {
        _sdkMetricProducer: { collect(): Promise<{ resourceMetrics: { scopeMetrics: unknown[] } }> };
      }
    )._sdkMetricProducer.collect();
    expect(sdkOnly.resourceMetrics.scopeMetrics).toEqual([]);
  });

  it('shares one producer between every recorder on the provider, so their values add up in one series', async () => {
    const reader = new TestReader();
    const provider = providerWith(reader);
    chat(provider);
    chat(provider);
    expect(producersOf(reader)).toHaveLength(1);
    expect(values(await collected(reader), 'groq.tokens')).toEqual([2000, 400, 1000, 200]);
  });

  it('attaches the same producer to every reader when there are several, each seeing every value', async () => {
    const first = new TestReader();
    const second = new TestReader();
    const provider = new MeterProvider({ readers: [first, second] });
    chat(provider);
    expect(producersOf(first)).toEqual(producersOf(second));
    await expectOneChat(first);
    await expectOneChat(second);
  });

  it("leaves the app's own producer list alone, even when two readers were given the same one", async () => {
    const shared: MetricProducer[] = [];
    const first = new TestReader({ metricProducers: shared });
    const second = new TestReader({ metricProducers: shared });
    chat(new MeterProvider({ readers: [first, second] }));
    expect(shared).toEqual([]);
    expect(producersOf(first)).toHaveLength(1);
    await expectOneChat(first);
    await expectOneChat(second);
  });

  it('reports through a groqmeter producer already on the reader rather than adding a second', async () => {
    const producer = createGroqmeterMetricProducer();
    const reader = new TestReader({ metricProducers: [producer] });
    chat(providerWith(reader));
    expect(producersOf(reader)).toEqual([producer]);
    await expectOneChat(reader);
  });

  it.each<[string, () => { reader: TestReader; provider: MeterProvider }]>([
    [
      'a view',
      () => {
        const reader = new TestReader();
        return { reader, provider: providerWith(reader, { views: [{ instrumentName: 'other.metric' }] }) };
      },
    ],
    [
      'a delta reader beside a cumulative one',
      () => {
        const reader = new TestReader({ aggregationTemporalitySelector: () => AggregationTemporality.DELTA });
        return { reader, provider: new MeterProvider({ readers: [reader, new TestReader()] }) };
      },
    ],
    [
      'two delta readers',
      () => {
        const delta = { aggregationTemporalitySelector: () => AggregationTemporality.DELTA };
        const reader = new TestReader(delta);
        return { reader, provider: new MeterProvider({ readers: [reader, new TestReader(delta)] }) };
      },
    ],
    [
      'a reader choosing its own aggregation',
      () => {
        const reader = new TestReader({
          aggregationSelector: (type) =>
            type === InstrumentType.HISTOGRAM
              ? { type: AggregationType.EXPLICIT_BUCKET_HISTOGRAM, options: { boundaries: [1, 10] } }
              : { type: AggregationType.DEFAULT },
        });
        return { reader, provider: providerWith(reader) };
      },
    ],
  ])('keeps SDK instruments for a provider with %s, and its points are still exact', async (_, make) => {
    const { reader, provider } = make();
    chat(provider);
    expect(producersOf(reader)).toEqual([]);
    await expectOneChat(reader);
  });

  it("attaches one to a single delta reader, taking the reader's temporality per instrument type", async () => {
    // The OTLP exporters' `lowmemory` preference: synchronous counters and histograms delta, gauges cumulative.
    const reader = new TestReader({
      aggregationTemporalitySelector: (type) =>
        type === InstrumentType.COUNTER || type === InstrumentType.HISTOGRAM
          ? AggregationTemporality.DELTA
          : AggregationTemporality.CUMULATIVE,
    });
    const provider = providerWith(reader);
    const recorder = createRecorder({ meterProvider: provider, tracing: false });
    const operation = recorder.start(chatStart());
    operation.attempt({ status: 200, headers: { 'x-ratelimit-remaining-tokens': '17000' } });
    operation.end({ usage: USAGE }, T0 + 500);
    expect(producersOf(reader)).toHaveLength(1);

    const first = await collected(reader);
    expect(first.get('groq.tokens')?.aggregationTemporality).toBe(AggregationTemporality.DELTA);
    expect(values(first, 'groq.tokens')).toEqual([1000, 200, 500, 100]);
    expect(values(first, 'gen_ai.client.operation.duration')).toEqual([{ count: 1, sum: 0.5 }]);
    expect(values(first, 'groq.ratelimit.remaining')).toEqual([17000]);

    // Nothing recorded since: the delta series are left out, the gauge is reported again.
    const idle = await collected(reader);
    expect(values(idle, 'groq.tokens')).toEqual([]);
    expect(values(idle, 'gen_ai.client.operation.duration')).toEqual([]);
    expect(values(idle, 'groq.ratelimit.remaining')).toEqual([17000]);

    chat(provider);
    expect(values(await collected(reader), 'groq.tokens')).toEqual([1000, 200, 500, 100]);
  });

  it("keeps SDK instruments when a reader's selector throws while attaching, and its points are exact", async () => {
    // Throws once: at the attachment's question, which comes before the SDK's own for its instruments.
    let calls = 0;
    const reader = new TestReader({
      aggregationSelector: () => {
        calls += 1;
        if (calls === 1) throw new Error('selector failed');
        return { type: AggregationType.DEFAULT };
      },
    });
    chat(providerWith(reader));
    expect(calls).toBeGreaterThan(1);
    expect(producersOf(reader)).toEqual([]);
    await expectOneChat(reader);
  });

  it('keeps SDK instruments when the readers carry different groqmeter producers', async () => {
    const first = new TestReader({ metricProducers: [createGroqmeterMetricProducer()] });
    const second = new TestReader({ metricProducers: [createGroqmeterMetricProducer()] });
    const provider = new MeterProvider({ readers: [first, second] });
    chat(provider);
    expect(producersOf(first)).toHaveLength(1);
    const metrics = await collected(first);
    expect(values(metrics, 'groq.tokens')).toEqual([1000, 200, 500, 100]);
  });

  it('keeps SDK instruments on a provider that is not the SDK’s own (a wrapper around it)', async () => {
    const reader = new TestReader();
    const inner = providerWith(reader);
    const wrapper: ApiMeterProvider = { getMeter: (...args) => inner.getMeter(...args) };
    chat(wrapper);
    expect(producersOf(reader)).toEqual([]);
    await expectOneChat(reader);
  });

  it('keeps SDK instruments when given a meter', async () => {
    const reader = new TestReader();
    const provider = providerWith(reader);
    const recorder = createRecorder({ meter: provider.getMeter('mine'), meterProvider: provider });
    recorder.start(chatStart()).end({ usage: USAGE }, T0 + 500);
    expect(producersOf(reader)).toEqual([]);
    const { resourceMetrics } = await reader.collect();
    const tokens = resourceMetrics.scopeMetrics
      .filter((scope) => scope.scope.name === 'mine')
      .flatMap((scope) => scope.metrics)
      .find((metric) => metric.descriptor.name === 'groq.tokens');
    expect(tokens?.dataPoints.map((point) => point.value)).toEqual([1000, 200, 500, 100]);
  });
});
