import type { RunningSimulator } from '@groqmeter/groq-simulator';
import { type TelemetryHarness, useTelemetryHarness } from '@groqmeter/recorder/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type GroqmeterMiddleware, groqmeter } from '../src/index.js';
import { completionTokens, fault, labels, MODEL, tokenPoints, useGroqSimulator } from './simulator-calls.js';

/** The options of one text call every major accepts alike. */
export interface TextCall {
  prompt: string;
  headers?: Record<string, string>;
  maxRetries?: number;
}

/**
 * The functions of an `ai` module the suite calls, typed structurally so that the module
 * namespaces of every major fit: `G` is the major's Groq model type, `M` its wrapped model type.
 */
export interface AiModule<G, M> {
  wrapLanguageModel(options: { model: G; middleware: GroqmeterMiddleware }): M;
  generateText(options: TextCall & { model: M }): PromiseLike<unknown>;
  streamText(options: TextCall & { model: M }): { fullStream: AsyncIterable<{ type: string }> };
}

/** The input of {@link weatherTool}. */
export interface WeatherInput {
  city: string;
}

/** The weather tool, to be passed to each major's own `tool()` with its own `jsonSchema()`. */
export const weatherTool = {
  description: 'The weather in a city',
  execute: async ({ city }: WeatherInput) => ({ city, temperature: 21 }),
};

/** The JSON schema of {@link weatherTool}'s input. */
export const WEATHER_INPUT_SCHEMA = {
  type: 'object' as const,
  properties: { city: { type: 'string' as const } },
  required: ['city'],
};

/** One `ai` major with its `@ai-sdk/groq`, as far as the shared suite calls it. */
export interface AiSdkMajor<G, M> {
  ai: AiModule<G, M>;
  /** This major's `createGroq({ apiKey, baseURL })(MODEL)`. */
  groqModel(baseURL: string): G;
  /**
   * A `generateText` run with {@link weatherTool}, up to 3 steps: its step count and the run's
   * input tokens. Per major, because `tool()` and the usage of a run differ between majors.
   */
  toolRun(model: M, prompt: string): Promise<{ steps: number; inputTokens: number | undefined }>;
}

/**
 * Asserts what a two-step weather-tool run records: one span per model call (the first ending
 * in `tool_calls`), both with the tool, two successes, and the simulator's prompt tokens, which
 * are also the run's input tokens as the AI SDK reports them.
 */
export async function expectOneOperationPerToolStep(
  telemetry: TelemetryHarness,
  simulator: RunningSimulator,
  runInputTokens: number | undefined,
): Promise<void> {
  const spans = telemetry.spans();
  expect(spans.map((span) => span.attributes['gen_ai.response.finish_reasons'])).toEqual([
    ['tool_calls'],
    ['stop'],
  ]);
  expect(spans.map((span) => span.attributes['groq.request.tools_count'])).toEqual([1, 1]);
  const stats = simulator.stats().models[MODEL]?.chat;
  const input = (await telemetry.points('groq.tokens')).find((point) => point.attributes.type === 'input');
  expect(input?.value).toBe(stats?.promptTokens);
  expect(input?.value).toBe(runInputTokens);
  expect(await telemetry.points('groq.requests')).toEqual([
    { attributes: { ...labels, outcome: 'success', error_type: '', status_code: '' }, value: 2 },
  ]);
}

/**
 * The simulator tests every older or newer `ai` major runs beside the full `ai` 6 suite:
 * generateText, streamText, a tool run and a retried 429, each with exact values.
 */
export function describeAiSdkMajor<G, M>(title: string, major: AiSdkMajor<G, M>): void {
  const telemetry = useTelemetryHarness({ beforeAll, beforeEach, afterAll }, { pointOrder: 'attributes' });
  const simulator = useGroqSimulator();
  const meteredModel = () =>
    major.ai.wrapLanguageModel({
      model: major.groqModel(simulator().openaiBaseURL),
      middleware: groqmeter({
        tracerProvider: telemetry.tracerProvider,
        meterProvider: telemetry.meterProvider,
      }),
    });

  describe(title, () => {
    it('generateText: usage, finish reason, cost, rate-limit headers and server timings', async () => {
      await major.ai.generateText({
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

    it('streamText: time to first chunk and usage from the finish part, raw parts hidden', async () => {
      const result = major.ai.streamText({
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

    it('a tool run records one operation per model call', async () => {
      const run = await major.toolRun(meteredModel(), 'What is the weather in Paris?');

      expect(run.steps).toBe(2);
      await expectOneOperationPerToolStep(telemetry, simulator(), run.inputTokens);
    });

    it('a retried 429 counts one hit, one failed and one successful attempt', async () => {
      await major.ai.generateText({
        model: meteredModel(),
        prompt: 'Hello there',
        maxRetries: 1,
        headers: fault('429', 1, `${title}-retry`),
      });
      expect(await telemetry.points('groq.ratelimit.hits')).toEqual([
        { attributes: { model: MODEL }, value: 1 },
      ]);
      expect(await telemetry.points('groq.requests')).toEqual([
        {
          attributes: { ...labels, outcome: 'error', error_type: 'rate_limit_exceeded', status_code: '429' },
          value: 1,
        },
        { attributes: { ...labels, outcome: 'success', error_type: '', status_code: '' }, value: 1 },
      ]);
    });
  });
}
