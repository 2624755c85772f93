/**
 * The `openai` SDK pointed at Groq (here the simulator's OpenAI-compatible base URL): the same
 * telemetry as groq-sdk, `groqmeter.source="openai"`, the Responses API included; calls to a base
 * URL that is not Groq's are OpenAI's (`provider="openai"`, see openai-provider.test.ts).
 */
import { countPromptTokens } from '@groqmeter/groq-simulator';
import { createTelemetryHarness, type TelemetryHarness } from '@groqmeter/recorder/testing';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { instrumentOpenAI } from '../src/index.js';
import { API_KEY, CHAT_MODEL, spyOnSdkMethod } from './groq-fixture.js';
import { costAttributes, pricedUsd, useSimulatorSuite } from './simulator-suite.js';

const suite = useSimulatorSuite();
let telemetry: TelemetryHarness | undefined;
afterEach(async () => {
  await telemetry?.shutdown();
  telemetry = undefined;
});

const messages = [{ role: 'user' as const, content: 'Which of our rate limits is closest to running out?' }];

function openaiClient(groqBaseURLs?: string[]): { client: OpenAI; telemetry: TelemetryHarness } {
  telemetry = createTelemetryHarness();
  const client = new OpenAI({ apiKey: API_KEY, baseURL: suite.simulator.openaiBaseURL, maxRetries: 0 });
  return {
    client: instrumentOpenAI(client, {
      tracerProvider: telemetry.tracerProvider,
      meterProvider: telemetry.meterProvider,
      groqBaseURLs: groqBaseURLs ?? [suite.simulator.openaiBaseURL],
    }),
    telemetry,
  };
}

/** The usage the simulator reported, as groqmeter prices it. */
function chatUsage(usage: OpenAI.CompletionUsage | undefined) {
  return {
    inputTokens: usage?.prompt_tokens ?? -1,
    cachedInputTokens: usage?.prompt_tokens_details?.cached_tokens ?? 0,
    outputTokens: usage?.completion_tokens ?? -1,
    reasoningTokens: usage?.completion_tokens_details?.reasoning_tokens ?? 0,
  };
}

describe('the openai SDK pointed at Groq', () => {
  it("hands back the SDK's own APIPromise, its request id and raw response kept", async () => {
    const { client, telemetry } = openaiClient();
    const own: unknown[] = [];
    const spy = spyOnSdkMethod(client.chat.completions, 'create', (promise) => own.push(promise));
    try {
      const promise = client.chat.completions.create({ model: CHAT_MODEL, messages });
      expect(promise).toBe(own[0]);
      const { data, response } = await promise.withResponse();
      expect((data as { _request_id?: string | null })._request_id).toBe(
        response.headers.get('x-request-id'),
      );
      expect(data.object).toBe('chat.completion');
    } finally {
      spy.restore();
    }
    expect(telemetry.onlySpan().attributes['gen_ai.usage.input_tokens']).toBe(countPromptTokens(messages));
  });

  it('records chat completions as Groq operations, source openai, priced exactly', async () => {
    const { client, telemetry } = openaiClient();
    const completion = await client.chat.completions.create({ model: CHAT_MODEL, messages });
    expect(completion.usage?.prompt_tokens).toBe(countPromptTokens(messages));
    const span = telemetry.onlySpan();
    const usage = chatUsage(completion.usage);
    expect(span.name).toBe(`chat ${CHAT_MODEL}`);
    expect(span.attributes).toMatchObject({
      'groqmeter.source': 'openai',
      'groqmeter.operation.type': 'chat',
      'gen_ai.provider.name': 'groq',
      'gen_ai.usage.input_tokens': usage.inputTokens,
      'gen_ai.usage.output_tokens': usage.outputTokens,
      ...costAttributes(CHAT_MODEL, 'chat', usage),
    });
    const cost = (await telemetry.points('groq.cost.usd')).reduce(
      (total, point) => total + Number(point.value),
      0,
    );
    expect(cost).toBeCloseTo(pricedUsd(CHAT_MODEL, usage), 15);
    expect(await telemetry.points('groq.priced.operations')).toMatchObject([
      { value: 1, attributes: { model: CHAT_MODEL, operation: 'chat', provider: 'groq', pricing: 'exact' } },
    ]);
  });

  it('records a streamed chat completion once, with the usage of its usage chunk', async () => {
    const { client, telemetry } = openaiClient();
    const stream = await client.chat.completions.create({
      model: CHAT_MODEL,
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) usage = chunk.usage ?? usage;
    const span = telemetry.onlySpan();
    expect(span.attributes).toMatchObject({
      'groqmeter.source': 'openai',
      'groqmeter.operation.type': 'chat',
      'gen_ai.request.stream': true,
      ...costAttributes(CHAT_MODEL, 'chat', chatUsage(usage)),
    });
  });

  it('records the Responses API: usage with cached and reasoning tokens, priced as chat', async () => {
    const { client, telemetry } = openaiClient();
    const response = await client.responses.create({ model: CHAT_MODEL, input: 'Summarize our spend.' });
    const usage = {
      inputTokens: response.usage?.input_tokens ?? -1,
      cachedInputTokens: response.usage?.input_tokens_details.cached_tokens ?? -1,
      outputTokens: response.usage?.output_tokens ?? -1,
      reasoningTokens: response.usage?.output_tokens_details.reasoning_tokens ?? -1,
    };
    expect(usage.outputTokens).toBeGreaterThan(0);
    expect(telemetry.onlySpan().attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.response.id': response.id,
      'gen_ai.usage.input_tokens': usage.inputTokens,
      'gen_ai.usage.output_tokens': usage.outputTokens,
      'gen_ai.usage.reasoning.output_tokens': usage.reasoningTokens,
      'groqmeter.source': 'openai',
      'groqmeter.operation.type': 'chat',
      ...costAttributes(CHAT_MODEL, 'chat', usage),
    });
  });

  it('records a streamed Responses API call from its response.completed event, without changing the events', async () => {
    const { client, telemetry } = openaiClient();
    const stream = await client.responses.create({
      model: CHAT_MODEL,
      input: 'Summarize our spend.',
      stream: true,
    });
    const types: string[] = [];
    let completed: OpenAI.Responses.Response | undefined;
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.completed') completed = event.response;
    }
    expect(types[0]).toBe('response.created');
    expect(types.at(-1)).toBe('response.completed');
    const usage = completed?.usage;
    const span = telemetry.onlySpan();
    expect(span.attributes).toMatchObject({
      'gen_ai.request.stream': true,
      'gen_ai.usage.input_tokens': usage?.input_tokens,
      'gen_ai.usage.output_tokens': usage?.output_tokens,
      ...costAttributes(CHAT_MODEL, 'chat', {
        inputTokens: usage?.input_tokens ?? -1,
        cachedInputTokens: usage?.input_tokens_details.cached_tokens ?? -1,
        outputTokens: usage?.output_tokens ?? -1,
        reasoningTokens: usage?.output_tokens_details.reasoning_tokens ?? -1,
      }),
    });
    expect(typeof span.attributes['gen_ai.response.time_to_first_chunk']).toBe('number');
  });

  it('counts the built-in code interpreter of a Responses API call as a code-execution tool call, cost partial', async () => {
    const { client, telemetry } = openaiClient();
    await client.responses.create({
      model: 'openai/gpt-oss-120b',
      input: 'Compute the average of 3, 5 and 10 in Python.',
      tools: [{ type: 'code_interpreter', container: { type: 'auto' } }],
    });
    expect(await telemetry.points('groq.tool.calls')).toMatchObject([
      { value: 1, attributes: { tool: 'code_execution', model: 'openai/gpt-oss-120b' } },
    ]);
    // Groq bills code execution by the hour and the response does not say how long it ran.
    expect(telemetry.onlySpan().attributes).toMatchObject({
      'groq.cost.known': true,
      'groq.cost.pricing': 'partial',
      'groq.cost.partial_reasons': ['code_execution_seconds_unknown'],
    });
  });

  it('meters a base URL that is not Groq as OpenAI, where a Groq model id has no price', async () => {
    const { client, telemetry } = openaiClient([]);
    const completion = await client.chat.completions.create({ model: CHAT_MODEL, messages });
    expect(completion.object).toBe('chat.completion');
    expect(telemetry.onlySpan().attributes).toMatchObject({
      'gen_ai.provider.name': 'openai',
      'groq.cost.known': false,
      'groq.cost.pricing': 'unpriced',
    });
    expect(await telemetry.points('groq.ratelimit.remaining')).toEqual([]);
  });

  it('returns the SDK result unchanged, with .withResponse() working', async () => {
    const { client } = openaiClient();
    const { data, response } = await client.chat.completions
      .create({ model: CHAT_MODEL, messages })
      .withResponse();
    expect(data.object).toBe('chat.completion');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-ratelimit-limit-requests')).not.toBeNull();
  });
});
