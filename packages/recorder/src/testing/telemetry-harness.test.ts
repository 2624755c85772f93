import { afterEach, describe, expect, it } from 'vitest';
import { createRecorder } from '../recorder.js';
import { createTelemetryHarness, type TelemetryHarness } from './telemetry-harness.js';

const T0 = Date.parse('2026-11-21T10:00:00.000Z');
const MODEL = 'openai/gpt-oss-20b';

let harness: TelemetryHarness;
afterEach(async () => {
  await harness.shutdown();
});

function recordChats(models: string[]): void {
  const recorder = createRecorder({
    tracerProvider: harness.tracerProvider,
    meterProvider: harness.meterProvider,
    baselines: false,
  });
  for (const requestModel of models) {
    recorder
      .start({ operation: 'chat', source: 'groq-sdk', requestModel, startTime: T0 })
      .end({ usage: { inputTokens: 1000 } }, T0 + 250);
  }
}

describe('createTelemetryHarness', () => {
  it('reads spans, counter values and histogram counts and sums in recording order', async () => {
    harness = createTelemetryHarness();
    recordChats(['zeta/model', MODEL]);
    expect(harness.spans().map((span) => span.name)).toEqual(['chat zeta/model', `chat ${MODEL}`]);
    expect((await harness.points('groq.tokens')).map((point) => point.attributes.model)).toEqual([
      'zeta/model',
      MODEL,
    ]);
    expect(await harness.points('gen_ai.client.operation.duration')).toEqual([
      {
        attributes: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.provider.name': 'groq',
          'gen_ai.request.model': 'zeta/model',
        },
        value: { count: 1, sum: 0.25 },
      },
      {
        attributes: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.provider.name': 'groq',
          'gen_ai.request.model': MODEL,
        },
        value: { count: 1, sum: 0.25 },
      },
    ]);
    expect(await harness.points('groq.cost.usd')).toEqual([
      {
        attributes: {
          model: MODEL,
          operation: 'chat',
          provider: 'groq',
          service_tier: 'on_demand',
          batch: 'false',
          component: 'input',
        },
        value: 0.000075,
      },
    ]);
    expect(await harness.points('groq.ratelimit.hits')).toEqual([]);
  });

  it('sorts points by attributes when asked to', async () => {
    harness = createTelemetryHarness({ pointOrder: 'attributes' });
    recordChats(['zeta/model', MODEL]);
    expect((await harness.points('groq.tokens')).map((point) => point.attributes.model)).toEqual([
      MODEL,
      'zeta/model',
    ]);
  });

  it('gives histograms in full, and says so when asked for the histogram of a counter', async () => {
    harness = createTelemetryHarness();
    recordChats([MODEL]);
    const [duration] = await harness.histogramPoints('gen_ai.client.operation.duration');
    expect(duration?.value).toEqual({
      buckets: {
        boundaries: [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92],
        counts: [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      },
      count: 1,
      sum: 0.25,
      min: 0.25,
      max: 0.25,
    });
    expect(await harness.histogramPoints('groq.retry_after.seconds')).toEqual([]);
    await expect(harness.histogramPoints('groq.tokens')).rejects.toThrow(
      "groq.tokens is not a histogram metric; read its points with points('groq.tokens')",
    );
  });

  it('names the metrics with points, finds the only span, exports text and resets', async () => {
    harness = createTelemetryHarness();
    expect(() => harness.onlySpan()).toThrow('expected exactly one finished span, got 0');
    recordChats([MODEL]);
    expect(harness.onlySpan().name).toBe(`chat ${MODEL}`);
    expect(await harness.metricNames()).toEqual([
      'gen_ai.client.operation.duration',
      'gen_ai.client.token.usage',
      'groq.cost.usd',
      'groq.priced.operations',
      'groq.requests',
      'groq.tokens',
    ]);
    const exported = JSON.parse(await harness.exportedText()) as { spans: { name: string }[] };
    expect(exported.spans.map((span) => span.name)).toEqual([`chat ${MODEL}`]);
    recordChats([MODEL]);
    expect(() => harness.onlySpan()).toThrow(
      `expected exactly one finished span, got 2: "chat ${MODEL}", "chat ${MODEL}"`,
    );

    const firstMeterProvider = harness.meterProvider;
    await harness.reset();
    expect(harness.meterProvider).not.toBe(firstMeterProvider);
    expect(harness.spans()).toEqual([]);
    expect(await harness.metricNames()).toEqual([]);
    recordChats([MODEL]);
    expect(await harness.points('groq.requests')).toEqual([
      {
        attributes: {
          model: MODEL,
          operation: 'chat',
          provider: 'groq',
          outcome: 'success',
          error_type: '',
          status_code: '',
        },
        value: 1,
      },
    ]);
  });
});
