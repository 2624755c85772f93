import { type RunningSimulator, startSimulator } from '@groqmeter/groq-simulator';
import { generateText, streamText, wrapLanguageModel } from 'ai5';
import { createGroq } from 'groq-ai5';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { groqmeter } from '../src/index.js';
import { createTestTelemetry, type TestTelemetry } from './telemetry.js';

// ai 5 (spec v2: flat usage, string finish reasons) with @ai-sdk/groq 2, installed under aliases.
const MODEL = 'openai/gpt-oss-20b';
const labels = { model: MODEL, operation: 'chat' };

let simulator: RunningSimulator;
let telemetry: TestTelemetry;

beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
  telemetry = createTestTelemetry();
});

afterAll(async () => {
  await simulator.close();
  await telemetry.shutdown();
});

beforeEach(async () => {
  simulator.reset();
  await telemetry.reset();
});

function meteredModel() {
  const groq = createGroq({ apiKey: 'gsk_ai5TestKey', baseURL: simulator.openaiBaseURL });
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
      headers: { 'x-simulator-completion-tokens': '5' },
    });
    expect(await telemetry.points('groq.tokens')).toEqual([
      { attributes: { ...labels, type: 'cached_input' }, value: 0 },
      { attributes: { ...labels, type: 'input' }, value: 7 },
      { attributes: { ...labels, type: 'output' }, value: 5 },
      { attributes: { ...labels, type: 'reasoning' }, value: 4 },
    ]);
    const [span] = telemetry.spans.getFinishedSpans();
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
      headers: { 'x-simulator-completion-tokens': '6' },
    });
    const types = new Set<string>();
    for await (const part of result.fullStream) types.add(part.type);
    expect(types.has('raw')).toBe(false);
    expect(await telemetry.points('groq.tokens')).toEqual([
      { attributes: { ...labels, type: 'cached_input' }, value: 0 },
      { attributes: { ...labels, type: 'input' }, value: 7 },
      { attributes: { ...labels, type: 'output' }, value: 6 },
      { attributes: { ...labels, type: 'reasoning' }, value: 5 },
    ]);
    const [firstChunk] = await telemetry.points('gen_ai.client.operation.time_to_first_chunk');
    expect(firstChunk?.value).toEqual({ count: 1, sum: expect.any(Number) });
    expect(telemetry.spans.getFinishedSpans()[0]?.attributes['groq.server.completion_time']).toBe(0.006);
  });

  it('a retried 429 counts one hit', async () => {
    await generateText({
      model: meteredModel(),
      prompt: 'Hello there',
      maxRetries: 1,
      headers: {
        'x-simulator-fault': '429',
        'x-simulator-fault-count': '1',
        'x-simulator-call-id': 'ai5-retry',
        'x-simulator-retry-after': '0',
      },
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
