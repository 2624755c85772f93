import { useTelemetryHarness } from '@groqmeter/recorder/testing';
import { generateText, streamText, wrapLanguageModel } from 'ai5';
import { createGroq } from 'groq-ai5';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { groqmeter } from '../src/index.js';
import { completionTokens, fault, MODEL, tokenPoints, useGroqSimulator } from './simulator-calls.js';

// ai 5 (spec v2: flat usage, string finish reasons) with @ai-sdk/groq 2, installed under aliases.
const telemetry = useTelemetryHarness({ beforeAll, beforeEach, afterAll }, { pointOrder: 'attributes' });
const simulator = useGroqSimulator();

function meteredModel() {
  const groq = createGroq({ apiKey: 'gsk_ai5TestKey', baseURL: simulator().openaiBaseURL });
  return wrapLanguageModel({
    model: groq(MODEL),
    middleware: groqmeter({
      tracerProvider: telemetry.tracerProvider,
      meterProvider: telemetry.meterProvider,
    }),
  });
}

describe('AI SDK 5 middleware against the Groq simulator', () => {
  it('generateText: the flat v2 usage, finish reason and server timings', async () => {
    await generateText({
      model: meteredModel(),
      prompt: 'Hello there',
      headers: completionTokens(5),
    });
    expect(await telemetry.points('groq.tokens')).toEqual(tokenPoints(7, 5));
    const [span] = telemetry.spans();
    expect(span?.attributes).toMatchObject({
      'gen_ai.response.finish_reasons': ['stop'],
      'groq.server.queue_time': 0.02,
      'groq.cost.usd': '0.000002025000',
      'groq.ratelimit.remaining.requests': 999,
    });
  });

  it('streamText: time to first chunk and usage from the finish part', async () => {
    const result = streamText({
      model: meteredModel(),
      prompt: 'Hello there',
      headers: completionTokens(6),
    });
    const types = new Set<string>();
    for await (const part of result.fullStream) types.add(part.type);
    expect(types.has('raw')).toBe(false);
    expect(await telemetry.points('groq.tokens')).toEqual(tokenPoints(7, 6));
    const [firstChunk] = await telemetry.points('gen_ai.client.operation.time_to_first_chunk');
    expect(firstChunk?.value).toEqual({ count: 1, sum: expect.any(Number) });
    expect(telemetry.spans()[0]?.attributes['groq.server.completion_time']).toBe(0.006);
  });

  it('a retried 429 counts one hit', async () => {
    await generateText({
      model: meteredModel(),
      prompt: 'Hello there',
      maxRetries: 1,
      headers: fault('429', 1, 'ai5-retry'),
    });
    expect(await telemetry.points('groq.ratelimit.hits')).toEqual([
      { attributes: { model: MODEL }, value: 1 },
    ]);
    expect(
      (await telemetry.points('groq.requests')).map((point) => [point.attributes.outcome, point.value]),
    ).toEqual([
      ['error', 1],
      ['success', 1],
    ]);
  });
});
