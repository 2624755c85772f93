import { ValueType } from '@opentelemetry/api';
import { DataPointType, type Histogram as HistogramValue } from '@opentelemetry/sdk-metrics';
import { afterEach, describe, expect, it } from 'vitest';
import { fallbackStore } from './metric-fallback.js';
import { FAMILY_IDS } from './metric-store.js';
import { createTelemetryHarness, type TelemetryHarness } from './testing/telemetry-harness.js';

const OPERATION_SECONDS = [
  0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
];
const TOKENS = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];
const SERVER_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const RETRY_AFTER = [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 86400];
const TOKENS_PER_SECOND = [10, 25, 50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000];

/** The instrument table of docs/telemetry.md: name, kind, unit, value type, bucket boundaries. */
const CONTRACT: Array<[string, DataPointType, string, ValueType, number[]?]> = [
  ['gen_ai.client.token.usage', DataPointType.HISTOGRAM, '{token}', ValueType.INT, TOKENS],
  ['gen_ai.client.operation.duration', DataPointType.HISTOGRAM, 's', ValueType.DOUBLE, OPERATION_SECONDS],
  [
    'gen_ai.client.operation.time_to_first_chunk',
    DataPointType.HISTOGRAM,
    's',
    ValueType.DOUBLE,
    OPERATION_SECONDS,
  ],
  [
    'gen_ai.client.operation.time_per_output_chunk',
    DataPointType.HISTOGRAM,
    's',
    ValueType.DOUBLE,
    OPERATION_SECONDS,
  ],
  ['groq.tokens', DataPointType.SUM, '{token}', ValueType.INT],
  ['groq.cost.usd', DataPointType.SUM, 'USD', ValueType.DOUBLE],
  ['groq.cost.baseline.usd', DataPointType.SUM, 'USD', ValueType.DOUBLE],
  ['groq.requests', DataPointType.SUM, '{request}', ValueType.INT],
  ['groq.ratelimit.limit', DataPointType.GAUGE, '{request_or_token}', ValueType.DOUBLE],
  ['groq.ratelimit.remaining', DataPointType.GAUGE, '{request_or_token}', ValueType.DOUBLE],
  ['groq.ratelimit.reset.seconds', DataPointType.GAUGE, 's', ValueType.DOUBLE],
  ['groq.ratelimit.hits', DataPointType.SUM, '{response}', ValueType.INT],
  ['groq.retry_after.seconds', DataPointType.HISTOGRAM, 's', ValueType.DOUBLE, RETRY_AFTER],
  ['groq.server.queue_time.seconds', DataPointType.HISTOGRAM, 's', ValueType.DOUBLE, SERVER_SECONDS],
  ['groq.server.prompt_time.seconds', DataPointType.HISTOGRAM, 's', ValueType.DOUBLE, SERVER_SECONDS],
  ['groq.server.completion_time.seconds', DataPointType.HISTOGRAM, 's', ValueType.DOUBLE, SERVER_SECONDS],
  [
    'groq.server.output_tokens_per_second',
    DataPointType.HISTOGRAM,
    '{token}/s',
    ValueType.DOUBLE,
    TOKENS_PER_SECOND,
  ],
  ['groq.audio.billed.seconds', DataPointType.SUM, 's', ValueType.DOUBLE],
  ['groq.speech.characters', DataPointType.SUM, '{character}', ValueType.INT],
  ['groq.tool.calls', DataPointType.SUM, '{call}', ValueType.INT],
  ['groqmeter.dropped', DataPointType.SUM, '{event}', ValueType.INT],
  ['groq.priced.operations', DataPointType.SUM, '{operation}', ValueType.INT],
  ['groqmeter.usage.reconciled', DataPointType.SUM, '{operation}', ValueType.INT],
];

describe('the metric families', () => {
  let harness: TelemetryHarness;
  afterEach(async () => {
    await harness.shutdown();
  });

  it('are the instruments of the telemetry contract, each with help text and bucket advice', async () => {
    harness = createTelemetryHarness();
    const store = fallbackStore(harness.meterProvider.getMeter('test'));
    for (const family of FAMILY_IDS) store.series(family, {}).record(1);
    const collected = new Map((await harness.metrics()).map((metric) => [metric.descriptor.name, metric]));

    expect([...collected.keys()].sort()).toEqual(CONTRACT.map(([name]) => name).sort());
    for (const [name, dataPointType, unit, valueType, boundaries] of CONTRACT) {
      const metric = collected.get(name)!;
      expect({
        name,
        type: metric.dataPointType,
        unit: metric.descriptor.unit,
        valueType: metric.descriptor.valueType,
      }).toEqual({ name, type: dataPointType, unit, valueType });
      expect(metric.descriptor.description, name).toMatch(/^[A-Z].{20,}\.$/);
      if (boundaries !== undefined) {
        expect((metric.dataPoints[0]!.value as HistogramValue).buckets.boundaries, name).toEqual(boundaries);
      }
    }
  });
});
