import {
  COMPLETION_TOKENS_HEADER,
  countPromptTokens,
  FAULT_COUNT_HEADER,
  FAULT_HEADER,
} from '@groqmeter/groq-simulator';
import { parseGoDuration, withGroqAttributes } from '@groqmeter/recorder';
import { installAsyncContext } from '@groqmeter/recorder/testing';
import { context, SpanStatusCode } from '@opentelemetry/api';
import Groq from 'groq-sdk';
import { describe, expect, it } from 'vitest';
import {
  CHAT_MODEL,
  CHAT_MODEL_REASONING_TOKENS,
  retryingImmediately,
  spyOnSdkMethod,
  withoutUsage,
} from './groq-fixture.js';
import { costAttributes, priced, pricedUsd, useSimulatorSuite } from './simulator-suite.js';

const UNKNOWN_MODEL = 'acme/private-llm';
const messages = [{ role: 'user' as const, content: 'Which of our rate limits is closest to running out?' }];
const PROMPT_TOKENS = countPromptTokens(messages);
const completionTokens = (tokens: number) => ({ headers: { [COMPLETION_TOKENS_HEADER]: String(tokens) } });

const suite = useSimulatorSuite({ models: { [UNKNOWN_MODEL]: { reasoningTokens: 0 } } });
const instrumentedClient = suite.instrumentedClient;
const onlySpan = suite.onlySpan;

const chatLabels = { model: CHAT_MODEL, operation: 'chat', provider: 'groq' };
const semconvLabels = () => ({
  'gen_ai.operation.name': 'chat',
  'gen_ai.provider.name': 'groq',
  'gen_ai.request.model': CHAT_MODEL,
  'server.address': '127.0.0.1',
  'server.port': suite.simulator.port,
});

describe('chat.completions.create, not streamed', () => {
  it('records one span with the request, response, usage, cost and rate-limit facts', async () => {
    const groq = instrumentedClient();
    const tools = [
      { type: 'function' as const, function: { name: 'lookup_limits', parameters: { type: 'object' } } },
    ];
    const promptTokens = countPromptTokens(messages, tools);
    const { data: completion, response } = await groq.chat.completions
      .create(
        {
          model: CHAT_MODEL,
          messages,
          temperature: 0.2,
          max_completion_tokens: 200,
          top_p: 0.9,
          stop: 'END',
          seed: 7,
          n: 1,
          response_format: { type: 'json_object' },
          service_tier: 'on_demand',
          reasoning_effort: 'low',
          tools,
        },
        completionTokens(40),
      )
      .withResponse();

    const usage = {
      inputTokens: promptTokens,
      cachedInputTokens: 0,
      outputTokens: 40,
      reasoningTokens: CHAT_MODEL_REASONING_TOKENS,
    };
    expect(completion.usage?.prompt_tokens).toBe(promptTokens);
    const span = onlySpan();
    expect(span.name).toBe(`chat ${CHAT_MODEL}`);
    expect(span.attributes).toEqual({
      ...semconvLabels(),
      'groqmeter.source': 'groq-sdk',
      'groqmeter.operation.type': 'chat',
      'gen_ai.request.temperature': 0.2,
      'gen_ai.request.max_tokens': 200,
      'gen_ai.request.top_p': 0.9,
      'gen_ai.request.stop_sequences': ['END'],
      'gen_ai.request.seed': 7,
      'gen_ai.output.type': 'json',
      'groq.request.tools_count': 1,
      'groq.request.reasoning_effort': 'low',
      'groq.service_tier': 'on_demand',
      'groq.ratelimit.remaining.requests': Number(response.headers.get('x-ratelimit-remaining-requests')),
      'groq.ratelimit.remaining.tokens': Number(response.headers.get('x-ratelimit-remaining-tokens')),
      'gen_ai.response.model': CHAT_MODEL,
      'gen_ai.response.id': completion.id,
      'gen_ai.response.finish_reasons': [completion.choices[0]?.finish_reason],
      'groq.request_id': completion.x_groq?.id,
      'groq.server.queue_time': completion.usage?.queue_time,
      'groq.server.prompt_time': completion.usage?.prompt_time,
      'groq.server.completion_time': completion.usage?.completion_time,
      'groq.server.total_time': completion.usage?.total_time,
      'gen_ai.usage.input_tokens': promptTokens,
      'gen_ai.usage.output_tokens': 40,
      'gen_ai.usage.cache_read.input_tokens': 0,
      'gen_ai.usage.reasoning.output_tokens': CHAT_MODEL_REASONING_TOKENS,
      ...costAttributes(CHAT_MODEL, 'chat', usage),
      'groq.retries': 0,
    });
    expect(span.status.code).toBe(SpanStatusCode.UNSET);

    expect(await suite.telemetry.points('groq.tokens')).toEqual([
      { attributes: { ...chatLabels, type: 'input' }, value: promptTokens },
      { attributes: { ...chatLabels, type: 'cached_input' }, value: 0 },
      { attributes: { ...chatLabels, type: 'output' }, value: 40 },
      { attributes: { ...chatLabels, type: 'reasoning' }, value: CHAT_MODEL_REASONING_TOKENS },
    ]);
    const inputUsd = pricedUsd(CHAT_MODEL, { inputTokens: promptTokens });
    const outputUsd = pricedUsd(CHAT_MODEL, { outputTokens: 40 });
    const costLabels = { ...chatLabels, service_tier: 'on_demand', batch: 'false' };
    expect(await suite.telemetry.points('groq.cost.usd')).toEqual([
      { attributes: { ...costLabels, component: 'input' }, value: inputUsd },
      { attributes: { ...costLabels, component: 'output' }, value: outputUsd },
    ]);
    expect(await suite.telemetry.points('groq.requests')).toEqual([
      { attributes: { ...chatLabels, outcome: 'success', error_type: '', status_code: '' }, value: 1 },
    ]);
    expect(await suite.telemetry.points('gen_ai.client.token.usage')).toEqual([
      {
        attributes: { ...semconvLabels(), 'gen_ai.response.model': CHAT_MODEL, 'gen_ai.token.type': 'input' },
        value: { count: 1, sum: promptTokens },
      },
      {
        attributes: {
          ...semconvLabels(),
          'gen_ai.response.model': CHAT_MODEL,
          'gen_ai.token.type': 'output',
        },
        value: { count: 1, sum: 40 },
      },
    ]);
    const header = (name: string) => response.headers.get(name) ?? '';
    expect(await suite.telemetry.points('groq.ratelimit.remaining')).toEqual([
      {
        attributes: { model: CHAT_MODEL, resource: 'requests' },
        value: Number(header('x-ratelimit-remaining-requests')),
      },
      {
        attributes: { model: CHAT_MODEL, resource: 'tokens' },
        value: Number(header('x-ratelimit-remaining-tokens')),
      },
    ]);
    expect(await suite.telemetry.points('groq.ratelimit.reset.seconds')).toEqual([
      {
        attributes: { model: CHAT_MODEL, resource: 'requests' },
        value: parseGoDuration(header('x-ratelimit-reset-requests')),
      },
      {
        attributes: { model: CHAT_MODEL, resource: 'tokens' },
        value: parseGoDuration(header('x-ratelimit-reset-tokens')),
      },
    ]);
    expect(await suite.telemetry.points('groq.server.queue_time.seconds')).toEqual([
      { attributes: chatLabels, value: { count: 1, sum: completion.usage?.queue_time } },
    ]);
    expect(await suite.telemetry.points('groq.server.output_tokens_per_second')).toEqual([
      {
        attributes: { model: CHAT_MODEL },
        value: { count: 1, sum: 40 / (completion.usage?.completion_time ?? 1) },
      },
    ]);
    expect(await suite.telemetry.points('groqmeter.dropped')).toEqual([]);
  });

  it('prices cached input tokens at the cached rate', async () => {
    const groq = instrumentedClient();
    const longHistory = [
      { role: 'system' as const, content: 'You watch Groq rate limits. '.repeat(40) },
      { role: 'user' as const, content: 'How much headroom is left?' },
    ];
    await groq.chat.completions.create({ model: CHAT_MODEL, messages: longHistory }, completionTokens(20));
    const second = await groq.chat.completions.create(
      { model: CHAT_MODEL, messages: longHistory },
      completionTokens(20),
    );

    const cached = second.usage?.prompt_tokens_details?.cached_tokens ?? 0;
    expect(cached).toBeGreaterThanOrEqual(128);
    const usage = {
      inputTokens: countPromptTokens(longHistory),
      cachedInputTokens: cached,
      outputTokens: 20,
      reasoningTokens: CHAT_MODEL_REASONING_TOKENS,
    };
    const span = suite.telemetry.spans()[1]!;
    expect(span.attributes['gen_ai.usage.cache_read.input_tokens']).toBe(cached);
    expect(span.attributes['groq.cost.usd']).toBe(priced(CHAT_MODEL, usage));
    const cachedPoints = (await suite.telemetry.points('groq.cost.usd')).filter(
      (point) => point.attributes.component === 'cached_input',
    );
    expect(cachedPoints).toEqual([
      {
        attributes: { ...chatLabels, service_tier: 'on_demand', batch: 'false', component: 'cached_input' },
        value: pricedUsd(CHAT_MODEL, { inputTokens: cached, cachedInputTokens: cached }),
      },
    ]);
  });

  it('keeps .withResponse() working and records the call once', async () => {
    const groq = instrumentedClient();
    const { data, response } = await groq.chat.completions
      .create({ model: CHAT_MODEL, messages })
      .withResponse();
    expect(data.object).toBe('chat.completion');
    expect(response.status).toBe(200);
    expect(onlySpan().attributes['gen_ai.usage.input_tokens']).toBe(PROMPT_TOKENS);
  });

  it('leaves the body of .asResponse() to the caller and records the usage from a copy', async () => {
    const groq = instrumentedClient();
    const response = await groq.chat.completions
      .create({ model: CHAT_MODEL, messages }, completionTokens(12))
      .asResponse();
    expect(response.bodyUsed).toBe(false);
    const body = (await response.json()) as { usage: { prompt_tokens: number; completion_tokens: number } };
    expect(body.usage.completion_tokens).toBe(12);
    await expect.poll(() => suite.telemetry.spans().length).toBe(1);
    expect(onlySpan().attributes).toMatchObject({
      'gen_ai.usage.input_tokens': PROMPT_TOKENS,
      'gen_ai.usage.output_tokens': 12,
      'groq.cost.known': true,
    });
  });

  it('counts a 429 then success as one operation: one span, one hit, its retry-after, groq.retries = 1', async () => {
    const groq = instrumentedClient();
    const completion = await groq.chat.completions.create(
      { model: CHAT_MODEL, messages },
      { headers: { [FAULT_HEADER]: '429', [FAULT_COUNT_HEADER]: '1' } },
    );
    expect(completion.choices).toHaveLength(1);
    const span = onlySpan();
    expect(span.attributes['groq.retries']).toBe(1);
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(await suite.telemetry.points('groq.ratelimit.hits')).toEqual([
      { attributes: { model: CHAT_MODEL }, value: 1 },
    ]);
    // The simulator's 429 says `retry-after: 0` (it runs with timeScale 0, so no test waits).
    expect(await suite.telemetry.points('groq.retry_after.seconds')).toEqual([
      { attributes: { model: CHAT_MODEL }, value: { count: 1, sum: 0 } },
    ]);
    expect(await suite.telemetry.points('groq.requests')).toEqual([
      { attributes: { ...chatLabels, outcome: 'success', error_type: '', status_code: '' }, value: 1 },
    ]);
    expect(suite.simulator.stats().models[CHAT_MODEL]?.chat?.requests).toEqual({ '200': 1, '429': 1 });
  });

  it('counts a 500 then success as one successful operation with one retry', async () => {
    const groq = instrumentedClient({}, { fetch: retryingImmediately() });
    await groq.chat.completions.create(
      { model: CHAT_MODEL, messages },
      { headers: { [FAULT_HEADER]: '500', [FAULT_COUNT_HEADER]: '1' } },
    );
    expect(onlySpan().attributes['groq.retries']).toBe(1);
    expect(await suite.telemetry.points('groq.ratelimit.hits')).toEqual([]);
    expect(await suite.telemetry.points('groq.requests')).toEqual([
      { attributes: { ...chatLabels, outcome: 'success', error_type: '', status_code: '' }, value: 1 },
    ]);
    expect(suite.simulator.stats().models[CHAT_MODEL]?.chat?.requests).toEqual({ '200': 1, '500': 1 });
  });

  it('rethrows the SDK error unchanged when the retries run out, and records every 429', async () => {
    const groq = instrumentedClient({}, { maxRetries: 1 });
    const error = await groq.chat.completions
      .create({ model: CHAT_MODEL, messages }, { headers: { [FAULT_HEADER]: '429' } })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(Groq.RateLimitError);
    expect((error as InstanceType<typeof Groq.RateLimitError>).status).toBe(429);
    const span = onlySpan();
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes['error.type']).toBe('rate_limit_exceeded');
    expect(span.attributes['groq.retries']).toBe(1);
    expect(await suite.telemetry.points('groq.ratelimit.hits')).toEqual([
      { attributes: { model: CHAT_MODEL }, value: 2 },
    ]);
    expect(await suite.telemetry.points('groq.requests')).toEqual([
      {
        attributes: {
          ...chatLabels,
          outcome: 'error',
          error_type: 'rate_limit_exceeded',
          status_code: '429',
        },
        value: 1,
      },
    ]);
  });

  it('records a connection failure with its error type and no status', async () => {
    const groq = instrumentedClient({}, { baseURL: 'http://127.0.0.1:9', maxRetries: 0 });
    const error = await groq.chat.completions
      .create({ model: CHAT_MODEL, messages })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Groq.APIConnectionError);
    const span = onlySpan();
    expect(span.attributes['error.type']).toBe('APIConnectionError');
    expect(span.attributes['server.port']).toBe(9);
    expect(await suite.telemetry.points('groq.requests')).toEqual([
      {
        attributes: { ...chatLabels, outcome: 'error', error_type: 'APIConnectionError', status_code: '' },
        value: 1,
      },
    ]);
  });

  it('counts tokens of a model without a price but records its cost as unknown', async () => {
    const groq = instrumentedClient();
    await groq.chat.completions.create({ model: UNKNOWN_MODEL, messages }, completionTokens(10));
    const span = onlySpan();
    expect(span.attributes['groq.cost.known']).toBe(false);
    expect(span.attributes['groq.cost.usd']).toBeUndefined();
    expect(await suite.telemetry.points('groq.tokens')).toEqual([
      {
        attributes: { model: UNKNOWN_MODEL, operation: 'chat', provider: 'groq', type: 'input' },
        value: PROMPT_TOKENS,
      },
      {
        attributes: { model: UNKNOWN_MODEL, operation: 'chat', provider: 'groq', type: 'output' },
        value: 10,
      },
    ]);
    expect(await suite.telemetry.points('groq.cost.usd')).toEqual([]);
    expect(await suite.telemetry.points('groqmeter.dropped')).toEqual([
      { attributes: { reason: 'unknown_model' }, value: 1 },
    ]);
  });

  it('records an answer without usage as usage_missing: no tokens, no cost', async () => {
    const groq = instrumentedClient({}, { fetch: withoutUsage() });
    const completion = await groq.chat.completions.create({ model: CHAT_MODEL, messages });
    expect(completion.usage).toBeUndefined();
    const span = onlySpan();
    expect(span.attributes['gen_ai.usage.input_tokens']).toBeUndefined();
    expect(span.attributes['groq.cost.usd']).toBeUndefined();
    expect(await suite.telemetry.points('groq.tokens')).toEqual([]);
    expect(await suite.telemetry.points('groq.requests')).toEqual([
      { attributes: { ...chatLabels, outcome: 'success', error_type: '', status_code: '' }, value: 1 },
    ]);
    expect(await suite.telemetry.points('groqmeter.dropped')).toEqual([
      { attributes: { reason: 'usage_missing' }, value: 1 },
    ]);
  });

  it('labels metrics with allow-listed attribution from the client and the context, user ids on spans only', async () => {
    const groq = instrumentedClient({ attributes: { platform: 'web', team: 'growth' } });
    await withGroqAttributes({ feature: 'limits-report', 'user.id': 'u-42' }, () =>
      groq.chat.completions.create({ model: CHAT_MODEL, messages }),
    );
    const span = onlySpan();
    expect(span.attributes).toMatchObject({
      platform: 'web',
      team: 'growth',
      feature: 'limits-report',
      'user.id': 'u-42',
    });
    expect(await suite.telemetry.points('groq.requests')).toEqual([
      {
        attributes: {
          platform: 'web',
          feature: 'limits-report',
          ...chatLabels,
          outcome: 'success',
          error_type: '',
          status_code: '',
        },
        value: 1,
      },
    ]);
  });

  it('captures no message content by default, and the conventions shape when opted in', async () => {
    const quiet = instrumentedClient();
    await quiet.chat.completions.create({ model: CHAT_MODEL, messages });
    expect(Object.keys(onlySpan().attributes).filter((key) => key.includes('messages'))).toEqual([]);
    await suite.telemetry.shutdown();

    const capturing = instrumentedClient({ captureMessageContent: true });
    const completion = await capturing.chat.completions.create(
      { model: CHAT_MODEL, messages },
      completionTokens(30),
    );
    const span = onlySpan();
    expect(JSON.parse(String(span.attributes['gen_ai.input.messages']))).toEqual([
      { role: 'user', parts: [{ type: 'text', content: messages[0]?.content }] },
    ]);
    const message = completion.choices[0]?.message;
    expect(JSON.parse(String(span.attributes['gen_ai.output.messages']))).toEqual([
      {
        role: 'assistant',
        parts: [
          { type: 'reasoning', content: message?.reasoning },
          { type: 'text', content: message?.content },
        ],
        finish_reason: 'stop',
      },
    ]);
  });
});

describe('the APIPromise and the HTTP attempts of chat.completions.create', () => {
  const PARSING_METHODS = ['then', 'catch', 'finally', 'withResponse', 'asResponse', '_thenUnwrap'];

  /** The SDK's promises of the calls made while `run` runs, changed by `change` first. */
  async function withSdkPromises(
    groq: Groq,
    run: () => Promise<void>,
    change: (promise: Record<string, unknown>) => void = () => undefined,
  ): Promise<Record<string, unknown>[]> {
    const promises: Record<string, unknown>[] = [];
    const spy = spyOnSdkMethod(groq.chat.completions, 'create', (promise) => {
      change(promise);
      promises.push(promise);
    });
    try {
      await run();
    } finally {
      spy.restore();
    }
    return promises;
  }

  it("hands back the SDK's own APIPromise, only its parsing hooked, and records the call", async () => {
    const groq = instrumentedClient();
    let returned: unknown;
    const [own] = await withSdkPromises(groq, async () => {
      const promise = groq.chat.completions.create({ model: CHAT_MODEL, messages });
      returned = promise;
      await promise;
    });
    expect(returned).toBe(own);
    // Only asResponse is an own method (to see a caller who takes the raw response only).
    expect(PARSING_METHODS.filter((name) => Object.hasOwn(own!, name))).toEqual(['asResponse']);
    expect(onlySpan().attributes['gen_ai.usage.input_tokens']).toBe(PROMPT_TOKENS);
  });

  it('observes an APIPromise it cannot hook through a copy, with the same behaviour', async () => {
    const groq = instrumentedClient();
    const unhookable = (promise: Record<string, unknown>) =>
      Object.defineProperty(promise, 'parseResponse', { writable: false });
    let returned: unknown;
    const [own] = await withSdkPromises(
      groq,
      async () => {
        const promise = groq.chat.completions.create({ model: CHAT_MODEL, messages }, completionTokens(7));
        returned = promise;
        const { data, response } = await promise.withResponse();
        expect(data.usage?.completion_tokens).toBe(7);
        expect(response.status).toBe(200);
      },
      unhookable,
    );
    expect(returned).not.toBe(own);
    expect(onlySpan().attributes['gen_ai.usage.output_tokens']).toBe(7);

    await suite.telemetry.shutdown();
    const raw = instrumentedClient();
    await withSdkPromises(
      raw,
      async () => {
        const response = await raw.chat.completions
          .create({ model: CHAT_MODEL, messages }, completionTokens(9))
          .asResponse();
        expect(response.bodyUsed).toBe(false);
        expect(
          ((await response.json()) as { usage: { completion_tokens: number } }).usage.completion_tokens,
        ).toBe(9);
      },
      unhookable,
    );
    await expect.poll(() => suite.telemetry.spans().length).toBe(1);
    expect(onlySpan().attributes['gen_ai.usage.output_tokens']).toBe(9);

    await suite.telemetry.shutdown();
    const failing = instrumentedClient({}, { maxRetries: 0 });
    let thrown: unknown;
    await withSdkPromises(
      failing,
      async () => {
        thrown = await failing.chat.completions
          .create({ model: CHAT_MODEL, messages }, { headers: { [FAULT_HEADER]: '429' } })
          .catch((caught: unknown) => caught);
      },
      unhookable,
    );
    expect(thrown).toBeInstanceOf(Groq.RateLimitError);
    expect(onlySpan().attributes['error.type']).toBe('rate_limit_exceeded');
  });

  it('fails the operation with the same error when the answer does not parse, for .then and .withResponse', async () => {
    const broken = async () =>
      new Response('{"id": "chatcmpl-1", "choices": [', {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    const groq = instrumentedClient({}, { fetch: broken, maxRetries: 0 });
    const promise = groq.chat.completions.create({ model: CHAT_MODEL, messages });
    const thrown = await promise.catch((caught: unknown) => caught);
    expect(thrown).toBeInstanceOf(SyntaxError);
    // The body is parsed once (memoised by the SDK): withResponse() gets the same error.
    expect(await promise.withResponse().catch((caught: unknown) => caught)).toBe(thrown);
    const span = onlySpan();
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes['error.type']).toBe('SyntaxError');
  });

  /** Three calls that meet one 429 each and three that do not, all at once on one client. */
  async function concurrentCalls(groq: Groq): Promise<void> {
    const faulted = { headers: { [FAULT_HEADER]: '429', [FAULT_COUNT_HEADER]: '1' } };
    await Promise.all([
      ...[101, 102, 103].map((max_tokens) =>
        groq.chat.completions.create({ model: CHAT_MODEL, messages, max_tokens }, faulted),
      ),
      ...[201, 202, 203].map((max_tokens) =>
        groq.chat.completions.create({ model: CHAT_MODEL, messages, max_tokens }),
      ),
    ]);
  }

  async function expectAttemptsKeptApart(): Promise<void> {
    const retriesByMaxTokens = Object.fromEntries(
      suite.telemetry
        .spans()
        .map((span) => [span.attributes['gen_ai.request.max_tokens'], span.attributes['groq.retries']]),
    );
    expect(retriesByMaxTokens).toEqual({ 101: 1, 102: 1, 103: 1, 201: 0, 202: 0, 203: 0 });
    expect(await suite.telemetry.points('groq.ratelimit.hits')).toEqual([
      { attributes: { model: CHAT_MODEL }, value: 3 },
    ]);
  }

  it('keeps the attempts of concurrent calls on one client apart (through the OTel context)', async () => {
    await concurrentCalls(instrumentedClient());
    await expectAttemptsKeptApart();
  });

  it('keeps the attempts of concurrent calls apart when the app registered no context manager', async () => {
    context.disable();
    try {
      await concurrentCalls(instrumentedClient());
    } finally {
      installAsyncContext();
    }
    await expectAttemptsKeptApart();
  });
});
