import { type RunningSimulator, startSimulator } from '@groqmeter/groq-simulator';
import { defaultPriceBook, toUsdNumber } from '@groqmeter/pricing';
import { withGroqAttributes } from '@groqmeter/recorder';
import { useTelemetryHarness } from '@groqmeter/recorder/testing';
import { registerConfigureHook, setContextVariable } from '@langchain/core/context';
import { type AIMessageChunk, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { ChatGroq } from '@langchain/groq';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  GroqmeterCallbackHandler,
  type GroqmeterCallbackHandlerOptions,
  instrumentChatGroq,
} from '../src/index.js';

const API_KEY = 'gsk_langchainTestKeyThatMustNeverBeExported';
const MODEL = 'openai/gpt-oss-20b';
const NOW = Date.parse('2026-11-21T12:00:00Z');
const labels = { model: MODEL, operation: 'chat', provider: 'groq' };
const success = { ...labels, outcome: 'success', error_type: '', status_code: '' };

const telemetry = useTelemetryHarness({ beforeAll, beforeEach, afterAll }, { pointOrder: 'attributes' });
let simulator: RunningSimulator;

beforeAll(async () => {
  simulator = await startSimulator({ port: 0, now: () => NOW });
});
afterAll(() => simulator.close());
beforeEach(() => simulator.reset());

function handler(options: GroqmeterCallbackHandlerOptions = {}) {
  return new GroqmeterCallbackHandler({
    tracerProvider: telemetry.tracerProvider,
    meterProvider: telemetry.meterProvider,
    ...options,
  });
}

function chatGroq(fields: Partial<ConstructorParameters<typeof ChatGroq>[0]> = {}) {
  return new ChatGroq({ model: MODEL, apiKey: API_KEY, baseUrl: simulator.url, maxRetries: 0, ...fields });
}

/** Answer with exactly this many completion tokens. */
function completionTokens(count: number): Record<string, string> {
  return { 'x-simulator-completion-tokens': String(count) };
}

/** LangChain retries with a backoff of at least a second: run `call` on fake timers instead. */
async function withoutBackoff<T>(call: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  try {
    let settled = false;
    const pending = call().finally(() => {
      settled = true;
    });
    while (!settled) await vi.advanceTimersByTimeAsync(250);
    return await pending;
  } finally {
    vi.useRealTimers();
  }
}

describe('LangChain handler against the Groq simulator', () => {
  it('invoke: exact tokens, cost, server timings, attribution and span', async () => {
    await chatGroq().invoke('Hello there', {
      callbacks: [handler()],
      headers: completionTokens(5),
      metadata: { feature: 'greeting', 'user.id': 'user-42' },
      tags: ['beta'],
      runName: 'greet',
    });

    const attribution = { feature: 'greeting' };
    expect(await telemetry.points('groq.tokens')).toEqual([
      { attributes: { ...attribution, ...labels, type: 'cached_input' }, value: 0 },
      { attributes: { ...attribution, ...labels, type: 'input' }, value: 7 },
      { attributes: { ...attribution, ...labels, type: 'output' }, value: 5 },
      { attributes: { ...attribution, ...labels, type: 'reasoning' }, value: 4 },
    ]);
    const costLabels = { ...attribution, ...labels, service_tier: 'on_demand', batch: 'false' };
    const price = defaultPriceBook.price(MODEL, { inputTokens: 7, outputTokens: 5, reasoningTokens: 4 });
    expect(price.known && price.lines.map((line) => [line.component, toUsdNumber(line.amount)])).toEqual([
      ['input', 0.000000525],
      ['output', 0.0000015],
    ]);
    expect(await telemetry.points('groq.cost.usd')).toEqual([
      { attributes: { ...costLabels, component: 'input' }, value: 0.000000525 },
      { attributes: { ...costLabels, component: 'output' }, value: 0.0000015 },
    ]);
    expect(await telemetry.points('groq.requests')).toEqual([
      { attributes: { ...attribution, ...success }, value: 1 },
    ]);
    expect(await telemetry.points('groq.server.prompt_time.seconds')).toEqual([
      { attributes: labels, value: { count: 1, sum: 0.1 } },
    ]);
    // Without instrumentChatGroq no response headers reach LangChain callbacks.
    expect(await telemetry.points('groq.ratelimit.remaining')).toEqual([]);

    expect(telemetry.spans().map((span) => [span.name, span.attributes])).toEqual([
      [
        `chat ${MODEL}`,
        {
          feature: 'greeting',
          'langchain.run.id': expect.any(String),
          'langchain.run.name': 'greet',
          'langchain.run.tags': 'beta',
          'gen_ai.operation.name': 'chat',
          'gen_ai.provider.name': 'groq',
          'gen_ai.request.model': MODEL,
          'gen_ai.request.temperature': 0.7,
          'groqmeter.source': 'langchain',
          'groqmeter.operation.type': 'chat',
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
        },
      ],
    ]);
  });

  it('stream(): exact tokens although LangChain doubles the merged usage, and time to first token', async () => {
    let merged: AIMessageChunk | undefined;
    const stream = await chatGroq().stream('Hello there', {
      callbacks: [handler()],
      headers: completionTokens(4),
    });
    for await (const chunk of stream) merged = merged === undefined ? chunk : merged.concat(chunk);

    // The simulator sends usage twice, like Groq with stream_options.include_usage.
    expect(merged?.response_metadata).toMatchObject({ usage: { total_tokens: 22 } });
    expect(await telemetry.points('groq.tokens')).toEqual([
      { attributes: { ...labels, type: 'cached_input' }, value: 0 },
      { attributes: { ...labels, type: 'input' }, value: 7 },
      { attributes: { ...labels, type: 'output' }, value: 4 },
      { attributes: { ...labels, type: 'reasoning' }, value: 3 },
    ]);
    const semconv = {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'groq',
      'gen_ai.request.model': MODEL,
    };
    expect(await telemetry.points('gen_ai.client.operation.time_to_first_chunk')).toEqual([
      { attributes: semconv, value: { count: 1, sum: expect.any(Number) } },
    ]);
    expect(telemetry.spans()[0]?.attributes).toMatchObject({
      'gen_ai.request.stream': true,
      'groq.server.completion_time': 0.004,
      'groq.cost.usd': '0.000001725000',
    });
  });

  it('a streaming model, with the handler attached per model', async () => {
    const model = chatGroq({ streaming: true, callbacks: [handler()] });
    await model.invoke('Hello there', { headers: completionTokens(6) });
    expect(
      (await telemetry.points('groq.tokens')).map((point) => [point.attributes.type, point.value]),
    ).toEqual([
      ['cached_input', 0],
      ['input', 7],
      ['output', 6],
      ['reasoning', 5],
    ]);
    expect(telemetry.spans()[0]?.attributes['gen_ai.request.stream']).toBe(true);
  });

  it('batch: one operation per input, tokens as the server counted them', async () => {
    await chatGroq().batch(['One', 'Two two', 'Three three three'], {
      callbacks: [handler()],
      headers: completionTokens(3),
    });
    const stats = simulator.stats().models[MODEL]?.chat;
    expect(stats?.requests).toEqual({ '200': 3 });
    const tokens = await telemetry.points('groq.tokens');
    expect(tokens.find((point) => point.attributes.type === 'input')?.value).toBe(stats?.promptTokens);
    expect(tokens.find((point) => point.attributes.type === 'output')?.value).toBe(9);
    expect(await telemetry.points('groq.requests')).toEqual([{ attributes: success, value: 3 }]);
  });

  it('a tool-calling agent loop records one operation per model call', async () => {
    const weather = {
      type: 'function' as const,
      function: {
        name: 'weather',
        description: 'The weather in a city',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
    };
    const model = chatGroq({ callbacks: [handler()] }).bindTools([weather]);
    const question = new HumanMessage('What is the weather in Paris?');
    const call = await model.invoke([question]);
    const toolCall = call.tool_calls?.[0];
    expect(toolCall?.name).toBe('weather');
    const answer = await model.invoke([
      question,
      call,
      new ToolMessage({ tool_call_id: toolCall?.id ?? '', content: '{"temperature":21}' }),
    ]);
    expect(typeof answer.content).toBe('string');

    const spans = telemetry.spans();
    expect(spans.map((span) => span.attributes['gen_ai.response.finish_reasons'])).toEqual([
      ['tool_calls'],
      ['stop'],
    ]);
    expect(spans.map((span) => span.attributes['groq.request.tools_count'])).toEqual([1, 1]);
    const stats = simulator.stats().models[MODEL]?.chat;
    const input = (await telemetry.points('groq.tokens')).find((point) => point.attributes.type === 'input');
    expect(input?.value).toBe(stats?.promptTokens);
  });

  it('a handler registered globally records every ChatGroq run', async () => {
    setContextVariable('groqmeter_handler', handler());
    registerConfigureHook({ contextVar: 'groqmeter_handler' });
    try {
      await chatGroq().invoke('Hello there', { headers: completionTokens(2) });
    } finally {
      setContextVariable('groqmeter_handler', undefined);
    }
    expect(await telemetry.points('groq.requests')).toEqual([{ attributes: success, value: 1 }]);
  });

  it("nests the span under the caller's active span and takes attribution from the OTel context", async () => {
    const tracer = telemetry.tracerProvider.getTracer('app');
    await tracer.startActiveSpan('handle-request', async (parent) => {
      await withGroqAttributes({ feature: 'from-context' }, () =>
        chatGroq().invoke('Hello there', { callbacks: [handler()], headers: completionTokens(2) }),
      );
      parent.end();
    });
    const [chat, parent] = telemetry.spans();
    expect(chat?.name).toBe(`chat ${MODEL}`);
    expect(chat?.parentSpanContext?.spanId).toBe(parent?.spanContext().spanId);
    expect(await telemetry.points('groq.requests')).toEqual([
      { attributes: { feature: 'from-context', ...success }, value: 1 },
    ]);
  });

  it('a 429 from Groq: LangChain does not retry it (its message mentions billing), the hit counts once', async () => {
    const model = chatGroq({ maxRetries: 2 });
    await expect(
      model.invoke('Hello there', {
        callbacks: [handler()],
        headers: { 'x-simulator-fault': '429', 'x-simulator-retry-after': '3' },
      }),
    ).rejects.toMatchObject({ status: 429 });

    expect(simulator.stats().models[MODEL]?.chat?.requests).toEqual({ '429': 1 });
    expect(await telemetry.points('groq.ratelimit.hits')).toEqual([
      { attributes: { model: MODEL }, value: 1 },
    ]);
    expect(await telemetry.points('groq.retry_after.seconds')).toEqual([
      { attributes: { model: MODEL }, value: { count: 1, sum: 3 } },
    ]);
    expect(await telemetry.points('groq.requests')).toEqual([
      {
        attributes: { ...labels, outcome: 'error', error_type: 'rate_limit_exceeded', status_code: '429' },
        value: 1,
      },
    ]);
    // The error's headers carry the rate-limit state, even without instrumentChatGroq.
    expect(await telemetry.points('groq.ratelimit.limit')).toEqual([
      { attributes: { model: MODEL, resource: 'requests' }, value: 1000 },
      { attributes: { model: MODEL, resource: 'tokens' }, value: 8000 },
    ]);
  });

  it('a stream the caller aborts is abandoned, though LangChain reports no end for it', async () => {
    const controller = new AbortController();
    const stream = await chatGroq().stream('Hello there', {
      callbacks: [handler()],
      signal: controller.signal,
      headers: completionTokens(40),
    });
    await expect(
      (async () => {
        for await (const _chunk of stream) controller.abort();
      })(),
    ).rejects.toThrow();
    expect(await telemetry.points('groq.requests')).toEqual([
      { attributes: { ...labels, outcome: 'abandoned', error_type: '', status_code: '' }, value: 1 },
    ]);
  });
});

describe('instrumentChatGroq', () => {
  it('adds the rate-limit headers of successful calls', async () => {
    const model = instrumentChatGroq(chatGroq(), handler());
    await model.invoke('Hello there', { headers: completionTokens(5) });

    expect(await telemetry.points('groq.ratelimit.remaining')).toEqual([
      { attributes: { model: MODEL, resource: 'requests' }, value: 999 },
      { attributes: { model: MODEL, resource: 'tokens' }, value: 7988 },
    ]);
    expect(await telemetry.points('groq.ratelimit.reset.seconds')).toEqual([
      { attributes: { model: MODEL, resource: 'requests' }, value: 86.4 },
      { attributes: { model: MODEL, resource: 'tokens' }, value: 0.09 },
    ]);
    expect(telemetry.spans()[0]?.attributes).toMatchObject({
      'groq.ratelimit.remaining.requests': 999,
      'groq.ratelimit.remaining.tokens': 7988,
      'groq.retries': 0,
    });
  });

  it("sees the attempts LangChain retries: one operation, every attempt's status", async () => {
    const model = instrumentChatGroq(chatGroq({ maxRetries: 1 }), handler());
    await withoutBackoff(() =>
      model.invoke('Hello there', {
        headers: {
          ...completionTokens(5),
          'x-simulator-fault': '503',
          'x-simulator-fault-count': '1',
          'x-simulator-call-id': 'retried-503',
        },
      }),
    );

    expect(simulator.stats().models[MODEL]?.chat?.requests).toEqual({ '200': 1, '503': 1 });
    expect(await telemetry.points('groq.requests')).toEqual([{ attributes: success, value: 1 }]);
    expect(telemetry.spans().map((span) => span.attributes['groq.retries'])).toEqual([1]);
    expect(
      (await telemetry.points('groq.tokens')).find((point) => point.attributes.type === 'output')?.value,
    ).toBe(5);
  });

  it('counts a 429 that LangChain retries exactly once', async () => {
    let limited = false;
    const rateLimitedOnce = async (url: RequestInfo | URL, init?: RequestInit) => {
      if (limited) return fetch(url, init);
      limited = true;
      return new Response(
        JSON.stringify({ error: { message: 'Slow down', type: 'tokens', code: 'rate_limit_exceeded' } }),
        {
          status: 429,
          headers: {
            'content-type': 'application/json',
            'retry-after': '0',
            'x-ratelimit-limit-tokens': '8000',
            'x-ratelimit-remaining-tokens': '0',
            'x-ratelimit-reset-tokens': '7.66s',
          },
        },
      );
    };
    const model = instrumentChatGroq(chatGroq({ maxRetries: 1, fetch: rateLimitedOnce }), handler());
    await withoutBackoff(() => model.invoke('Hello there', { headers: completionTokens(3) }));

    expect(await telemetry.points('groq.ratelimit.hits')).toEqual([
      { attributes: { model: MODEL }, value: 1 },
    ]);
    expect(await telemetry.points('groq.retry_after.seconds')).toEqual([
      { attributes: { model: MODEL }, value: { count: 1, sum: 0 } },
    ]);
    expect(await telemetry.points('groq.requests')).toEqual([{ attributes: success, value: 1 }]);
    expect(telemetry.spans().map((span) => span.attributes['groq.retries'])).toEqual([1]);
  });

  it('a failed call counts its 429 once, though both the attempt and the error report it', async () => {
    const model = instrumentChatGroq(chatGroq(), handler());
    await expect(
      model.invoke('Hello there', {
        headers: { 'x-simulator-fault': '429', 'x-simulator-retry-after': '0' },
      }),
    ).rejects.toMatchObject({ status: 429 });
    expect(await telemetry.points('groq.ratelimit.hits')).toEqual([
      { attributes: { model: MODEL }, value: 1 },
    ]);
  });

  it('streams keep their attempts, chunks and usage', async () => {
    const model = instrumentChatGroq(chatGroq(), handler());
    const stream = await model.stream('Hello there', { headers: completionTokens(4) });
    for await (const _chunk of stream) {
      // read it all
    }
    expect(await telemetry.points('groq.ratelimit.remaining')).toEqual([
      { attributes: { model: MODEL, resource: 'requests' }, value: 999 },
      { attributes: { model: MODEL, resource: 'tokens' }, value: 7989 },
    ]);
    expect(telemetry.spans()[0]?.attributes).toMatchObject({
      'gen_ai.request.stream': true,
      'gen_ai.usage.input_tokens': 7,
      'gen_ai.usage.output_tokens': 4,
      'groq.retries': 0,
    });
  });

  it('a stream the caller leaves early is abandoned', async () => {
    const model = instrumentChatGroq(chatGroq(), handler());
    const stream = await model.stream('Hello there', { headers: completionTokens(40) });
    for await (const _chunk of stream) break;
    expect(await telemetry.points('groq.requests')).toEqual([
      { attributes: { ...labels, outcome: 'abandoned', error_type: '', status_code: '' }, value: 1 },
    ]);
    expect(await telemetry.points('groq.tokens')).toEqual([]);
  });

  it('a per-call handler on an instrumented model records the run once', async () => {
    const perCall = handler();
    const model = instrumentChatGroq(chatGroq(), perCall);
    await model.invoke('Hello there', { callbacks: [perCall, handler()], headers: completionTokens(2) });
    expect(await telemetry.points('groq.requests')).toEqual([{ attributes: success, value: 1 }]);
    expect(telemetry.spans()).toHaveLength(1);
  });
});

describe('secrets', () => {
  it('never exports the API key or message content', async () => {
    const model = instrumentChatGroq(chatGroq(), handler());
    const answer = await model.invoke('Secret plans for Tuesday', { headers: completionTokens(3) });
    const stream = await chatGroq().stream('Secret plans for Wednesday', { callbacks: [handler()] });
    for await (const _chunk of stream) {
      // read it all
    }
    await expect(
      model.invoke('Secret plans', { headers: { 'x-simulator-fault': '429' } }),
    ).rejects.toMatchObject({ status: 429 });

    const exported = await telemetry.exportedText();
    expect(exported).toContain(MODEL);
    for (const secret of [API_KEY, 'gsk_', 'Secret plans', String(answer.content)]) {
      expect(exported).not.toContain(secret);
    }
  });
});
