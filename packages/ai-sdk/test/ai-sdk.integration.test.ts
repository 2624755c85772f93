import { createGroq } from '@ai-sdk/groq';
import { defaultPriceBook, toUsdNumber } from '@groqmeter/pricing';
import { withGroqAttributes } from '@groqmeter/recorder';
import { useTelemetryHarness } from '@groqmeter/recorder/testing';
import {
  generateObject,
  generateText,
  jsonSchema,
  RetryError,
  stepCountIs,
  streamObject,
  streamText,
  tool,
  wrapLanguageModel,
} from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type GroqmeterOptions, groqmeter } from '../src/index.js';
import {
  expectOneOperationPerToolStep,
  WEATHER_INPUT_SCHEMA,
  type WeatherInput,
  weatherTool,
} from './ai-sdk-major-suite.js';
import { completionTokens, fault, labels, MODEL, tokenPoints, useGroqSimulator } from './simulator-calls.js';

const API_KEY = 'gsk_integrationTestKeyThatMustNeverBeExported';
const NOW = Date.parse('2026-11-21T12:00:00Z');

const telemetry = useTelemetryHarness({ beforeAll, beforeEach, afterAll }, { pointOrder: 'attributes' });
const simulator = useGroqSimulator({ now: () => NOW });

function meteredModel(options: GroqmeterOptions = {}) {
  const groq = createGroq({ apiKey: API_KEY, baseURL: simulator().openaiBaseURL });
  return wrapLanguageModel({
    model: groq(MODEL),
    middleware: groqmeter({
      tracerProvider: telemetry.tracerProvider,
      meterProvider: telemetry.meterProvider,
      ...options,
    }),
  });
}

function spanAttributes() {
  return telemetry.spans().map((span) => ({ name: span.name, attributes: span.attributes }));
}

describe('AI SDK middleware against the Groq simulator', () => {
  it('generateText: exact tokens, cost, rate-limit headers, server timings and span', async () => {
    const result = await generateText({
      model: meteredModel(),
      prompt: 'Hello there',
      headers: completionTokens(5),
      providerOptions: { groqmeter: { feature: 'greeting', 'user.id': 'user-42' } },
    });

    // 'Hello there' is 4 + ceil(11 / 4) = 7 prompt tokens; gpt-oss reasons with all but 1 token.
    expect(result.usage.inputTokens).toBe(7);
    const attribution = { feature: 'greeting' };
    expect(await telemetry.points('groq.tokens')).toEqual(tokenPoints(7, 5, attribution));
    // gpt-oss-20b: $0.075 / 1M input tokens, $0.30 / 1M output tokens.
    const costLabels = { ...attribution, ...labels, service_tier: 'on_demand', batch: 'false' };
    expect(await telemetry.points('groq.cost.usd')).toEqual([
      { attributes: { ...costLabels, component: 'input' }, value: 0.000000525 },
      { attributes: { ...costLabels, component: 'output' }, value: 0.0000015 },
    ]);
    const price = defaultPriceBook.price(MODEL, { inputTokens: 7, outputTokens: 5, reasoningTokens: 4 });
    expect(price.known && price.lines.map((line) => toUsdNumber(line.amount))).toEqual([
      0.000000525, 0.0000015,
    ]);
    expect(await telemetry.points('groq.requests')).toEqual([
      {
        attributes: { ...attribution, ...labels, outcome: 'success', error_type: '', status_code: '' },
        value: 1,
      },
    ]);
    // The simulator's free-plan limits: 1000 requests per day, 8000 tokens per minute.
    expect(await telemetry.points('groq.ratelimit.limit')).toEqual([
      { attributes: { model: MODEL, resource: 'requests' }, value: 1000 },
      { attributes: { model: MODEL, resource: 'tokens' }, value: 8000 },
    ]);
    expect(await telemetry.points('groq.ratelimit.remaining')).toEqual([
      { attributes: { model: MODEL, resource: 'requests' }, value: 999 },
      { attributes: { model: MODEL, resource: 'tokens' }, value: 7988 },
    ]);
    // x-ratelimit-reset-requests "1m26.4s" (86400 s / 1000 requests), -tokens "90ms" (12 tokens of 8000/min).
    expect(await telemetry.points('groq.ratelimit.reset.seconds')).toEqual([
      { attributes: { model: MODEL, resource: 'requests' }, value: 86.4 },
      { attributes: { model: MODEL, resource: 'tokens' }, value: 0.09 },
    ]);
    expect(await telemetry.points('groq.server.queue_time.seconds')).toEqual([
      { attributes: labels, value: { count: 1, sum: 0.02 } },
    ]);
    expect(await telemetry.points('groq.server.output_tokens_per_second')).toEqual([
      { attributes: { model: MODEL }, value: { count: 1, sum: 1000 } },
    ]);

    expect(spanAttributes()).toEqual([
      {
        name: `chat ${MODEL}`,
        attributes: {
          feature: 'greeting',
          'user.id': 'user-42',
          'gen_ai.operation.name': 'chat',
          'gen_ai.provider.name': 'groq',
          'gen_ai.request.model': MODEL,
          'groqmeter.source': 'ai-sdk',
          'groqmeter.operation.type': 'chat',
          'groq.ratelimit.remaining.requests': 999,
          'groq.ratelimit.remaining.tokens': 7988,
          'gen_ai.response.model': MODEL,
          'gen_ai.response.id': expect.stringMatching(/^chatcmpl-/),
          'gen_ai.response.finish_reasons': ['stop'],
          'groq.request_id': expect.stringMatching(/^req_/),
          'groq.service_tier': 'on_demand',
          'groq.server.queue_time': 0.02,
          'groq.server.prompt_time': 0.1,
          'groq.server.completion_time': 0.005,
          'groq.server.total_time': 0.105,
          'gen_ai.usage.input_tokens': 7,
          'gen_ai.usage.output_tokens': 5,
          'gen_ai.usage.cache_read.input_tokens': 0,
          'gen_ai.usage.reasoning.output_tokens': 4,
          'groq.cost.usd': '0.000002025000',
          // $0.000002025 × 3.6e18 quanta per USD
          'groq.cost.quanta': '7290000000000',
          'groq.cost.known': true,
          'groq.cost.partial': false,
          'groq.cost.pricing': 'exact',
          'groq.cost.stale': false,
          'groq.cost.baseline.usd': '0.000067500000',
          'groq.cost.baseline.quanta': '243000000000000',
          'groq.cost.baseline.model': 'gpt-4o',
          'groq.retries': 0,
        },
      },
    ]);
  });

  it('prices cached input tokens at their own rate', async () => {
    const system = 'You are a careful assistant. '.repeat(20);
    const model = meteredModel();
    await generateText({ model, system, prompt: 'First question', headers: completionTokens(2) });
    await telemetry.reset();
    const second = await generateText({
      model: meteredModel(),
      system,
      prompt: 'Second question',
      headers: completionTokens(2),
    });

    // The 580-character system message is 4 + 145 tokens, one 128-token cache block; the
    // question 4 + 4 more.
    expect(second.usage.inputTokenDetails.cacheReadTokens).toBe(128);
    expect(await telemetry.points('groq.tokens')).toEqual([
      { attributes: { ...labels, type: 'cached_input' }, value: 128 },
      { attributes: { ...labels, type: 'input' }, value: 157 },
      { attributes: { ...labels, type: 'output' }, value: 2 },
      { attributes: { ...labels, type: 'reasoning' }, value: 1 },
    ]);
    const costLabels = { ...labels, service_tier: 'on_demand', batch: 'false' };
    // 29 uncached tokens at $0.075/1M, 128 cached at $0.0375/1M, 2 output at $0.30/1M.
    expect(await telemetry.points('groq.cost.usd')).toEqual([
      { attributes: { ...costLabels, component: 'cached_input' }, value: 0.0000048 },
      { attributes: { ...costLabels, component: 'input' }, value: 0.000002175 },
      { attributes: { ...costLabels, component: 'output' }, value: 0.0000006 },
    ]);
  });

  it('streamText: time to first chunk, per-chunk timing, server timings from raw chunks it hides again', async () => {
    const result = streamText({ model: meteredModel(), prompt: 'Hello there', headers: completionTokens(6) });
    const types = new Set<string>();
    for await (const part of result.fullStream) types.add(part.type);

    expect(types.has('raw')).toBe(false);
    expect(await telemetry.points('groq.tokens')).toEqual(tokenPoints(7, 6));
    const semconv = {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'groq',
      'gen_ai.request.model': MODEL,
    };
    const [firstChunk] = await telemetry.points('gen_ai.client.operation.time_to_first_chunk');
    expect(firstChunk).toEqual({ attributes: semconv, value: { count: 1, sum: expect.any(Number) } });
    // Six output chunks (five reasoning pieces and one text piece): five gaps after the first.
    expect(await telemetry.points('gen_ai.client.operation.time_per_output_chunk')).toEqual([
      { attributes: semconv, value: { count: 5, sum: expect.any(Number) } },
    ]);
    expect(await telemetry.points('groq.server.completion_time.seconds')).toEqual([
      { attributes: labels, value: { count: 1, sum: 0.006 } },
    ]);
    // The stream's response headers are its attempt's, as for generateText.
    expect(await telemetry.points('groq.ratelimit.limit')).toEqual([
      { attributes: { model: MODEL, resource: 'requests' }, value: 1000 },
      { attributes: { model: MODEL, resource: 'tokens' }, value: 8000 },
    ]);
    expect(await telemetry.points('groq.requests')).toEqual([
      { attributes: { ...labels, outcome: 'success', error_type: '', status_code: '' }, value: 1 },
    ]);
    const [span] = telemetry.spans();
    expect(span?.attributes).toMatchObject({
      'gen_ai.request.stream': true,
      'gen_ai.response.finish_reasons': ['stop'],
      'groq.request_id': expect.stringMatching(/^req_/),
      'groq.server.queue_time': 0.02,
      'groq.cost.usd': '0.000002325000',
    });
    const timeToFirstChunk = firstChunk?.value as { sum: number } | undefined;
    expect(span?.attributes['gen_ai.response.time_to_first_chunk']).toBe(timeToFirstChunk?.sum);
  });

  it('generateObject and streamObject: JSON output type, one operation each', async () => {
    const schema = jsonSchema<{ city: string }>({
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
      additionalProperties: false,
    });
    const generated = await generateObject({ model: meteredModel(), schema, prompt: 'Pick a city' });
    expect(typeof generated.object.city).toBe('string');
    const streamed = streamObject({ model: meteredModel(), schema, prompt: 'Pick a city' });
    // streamObject's promises settle only once the stream is read.
    for await (const partial of streamed.partialObjectStream) expect(typeof partial).toBe('object');
    expect(typeof (await streamed.object).city).toBe('string');

    const spans = telemetry.spans();
    expect(
      spans.map((span) => [span.attributes['gen_ai.output.type'], span.attributes['gen_ai.request.stream']]),
    ).toEqual([
      ['json', undefined],
      ['json', true],
    ]);
    const stats = simulator().stats().models[MODEL]?.chat;
    const tokens = await telemetry.points('groq.tokens');
    expect(tokens.find((point) => point.attributes.type === 'input')?.value).toBe(stats?.promptTokens);
    expect(tokens.find((point) => point.attributes.type === 'output')?.value).toBe(stats?.completionTokens);
    expect(await telemetry.points('groq.requests')).toEqual([
      { attributes: { ...labels, outcome: 'success', error_type: '', status_code: '' }, value: 2 },
    ]);
  });

  it('a multi-step tool run records one operation per model call', async () => {
    const weather = tool({ ...weatherTool, inputSchema: jsonSchema<WeatherInput>(WEATHER_INPUT_SCHEMA) });
    const result = await generateText({
      model: meteredModel(),
      tools: { weather },
      stopWhen: stepCountIs(3),
      prompt: 'What is the weather in Paris?',
    });

    expect(result.steps).toHaveLength(2);
    await expectOneOperationPerToolStep(telemetry, simulator(), result.totalUsage.inputTokens);
  });

  it('a 429 the AI SDK retries: a failed attempt and a successful one, the hit counted once', async () => {
    const result = await generateText({
      model: meteredModel(),
      prompt: 'Hello there',
      maxRetries: 1,
      headers: { ...fault('429', 1, 'retried-once'), ...completionTokens(3) },
    });

    expect(result.text.length).toBeGreaterThan(0);
    expect(simulator().stats().models[MODEL]?.chat?.requests).toEqual({ '200': 1, '429': 1 });
    expect(await telemetry.points('groq.ratelimit.hits')).toEqual([
      { attributes: { model: MODEL }, value: 1 },
    ]);
    expect(await telemetry.points('groq.retry_after.seconds')).toEqual([
      { attributes: { model: MODEL }, value: { count: 1, sum: 0 } },
    ]);
    expect(await telemetry.points('groq.requests')).toEqual([
      {
        attributes: { ...labels, outcome: 'error', error_type: 'rate_limit_exceeded', status_code: '429' },
        value: 1,
      },
      { attributes: { ...labels, outcome: 'success', error_type: '', status_code: '' }, value: 1 },
    ]);
    expect(await telemetry.points('groq.tokens')).toEqual(tokenPoints(7, 3));
    const [failed] = telemetry.spans();
    expect(failed?.attributes['error.type']).toBe('rate_limit_exceeded');
    expect(failed?.status.code).toBe(2);
  });

  it('retries exhausted: every attempt fails and every 429 counts', async () => {
    const failing = generateText({
      model: meteredModel(),
      prompt: 'Hello there',
      maxRetries: 2,
      headers: fault('429', 5, 'always-limited'),
    });
    await expect(failing).rejects.toBeInstanceOf(RetryError);

    expect(await telemetry.points('groq.ratelimit.hits')).toEqual([
      { attributes: { model: MODEL }, value: 3 },
    ]);
    expect(await telemetry.points('groq.requests')).toEqual([
      {
        attributes: { ...labels, outcome: 'error', error_type: 'rate_limit_exceeded', status_code: '429' },
        value: 3,
      },
    ]);
    // Rate-limit headers come with 429s too.
    expect(await telemetry.points('groq.ratelimit.limit')).toEqual([
      { attributes: { model: MODEL, resource: 'requests' }, value: 1000 },
      { attributes: { model: MODEL, resource: 'tokens' }, value: 8000 },
    ]);
  });

  it('a server error is a failed operation with its status', async () => {
    await expect(
      generateText({
        model: meteredModel(),
        prompt: 'Hello there',
        maxRetries: 0,
        headers: fault('500', 1, 'broken'),
      }),
    ).rejects.toMatchObject({ statusCode: 500 });
    expect(await telemetry.points('groq.requests')).toEqual([
      {
        attributes: { ...labels, outcome: 'error', error_type: expect.any(String), status_code: '500' },
        value: 1,
      },
    ]);
    expect(await telemetry.points('groq.tokens')).toEqual([]);
  });

  it('a stream aborted by the caller is abandoned, not failed', async () => {
    const controller = new AbortController();
    const result = streamText({
      model: meteredModel(),
      prompt: 'Hello there',
      abortSignal: controller.signal,
      headers: completionTokens(50),
    });
    for await (const part of result.fullStream) {
      if (part.type === 'reasoning-delta') controller.abort();
    }
    expect(await telemetry.points('groq.requests')).toEqual([
      { attributes: { ...labels, outcome: 'abandoned', error_type: '', status_code: '' }, value: 1 },
    ]);
    expect(await telemetry.points('groq.tokens')).toEqual([]);
  });

  it('attribution from the OTel context and from the middleware options reaches the labels', async () => {
    await withGroqAttributes({ feature: 'from-context' }, () =>
      generateText({
        model: meteredModel({ attributes: { platform: 'web' } }),
        prompt: 'Hi',
        headers: completionTokens(2),
      }),
    );
    expect(await telemetry.points('groq.requests')).toEqual([
      {
        attributes: {
          feature: 'from-context',
          platform: 'web',
          ...labels,
          outcome: 'success',
          error_type: '',
          status_code: '',
        },
        value: 1,
      },
    ]);
  });

  it("the AI SDK's own experimental_telemetry changes none of the groqmeter metrics", async () => {
    const run = async (isEnabled: boolean) => {
      await telemetry.reset();
      simulator().reset();
      await generateText({
        model: meteredModel(),
        prompt: 'Hello there',
        headers: completionTokens(4),
        experimental_telemetry: { isEnabled, tracer: telemetry.tracerProvider.getTracer('ai') },
      });
      const names = [
        'groq.tokens',
        'groq.cost.usd',
        'groq.requests',
        'groq.ratelimit.remaining',
        'gen_ai.client.token.usage',
      ];
      const points = await Promise.all(names.map((name) => telemetry.points(name)));
      const spanNames = telemetry.spans().map((span) => span.name);
      return { points, spanNames };
    };
    const without = await run(false);
    const withTelemetry = await run(true);

    expect(withTelemetry.points).toEqual(without.points);
    expect(without.spanNames).toEqual([`chat ${MODEL}`]);
    expect(withTelemetry.spanNames).toEqual([
      `chat ${MODEL}`,
      'ai.generateText.doGenerate',
      'ai.generateText',
    ]);
    const [ours, doGenerate] = telemetry.spans();
    expect(ours?.parentSpanContext?.spanId).toBe(doGenerate?.spanContext().spanId);
  });

  it('never exports the API key or message content', async () => {
    await generateText({
      model: meteredModel(),
      prompt: 'Secret plans for Tuesday',
      headers: completionTokens(3),
    });
    const streamed = streamText({ model: meteredModel(), prompt: 'Secret plans for Wednesday' });
    const answer = await streamed.text;
    await expect(
      generateText({
        model: meteredModel(),
        prompt: 'Secret plans',
        maxRetries: 0,
        headers: fault('429', 1, 'leak'),
      }),
    ).rejects.toThrow();

    const exported = await telemetry.exportedText();
    expect(exported).toContain('openai/gpt-oss-20b');
    for (const secret of [API_KEY, 'gsk_', 'Secret plans', answer]) expect(exported).not.toContain(secret);
  });
});
