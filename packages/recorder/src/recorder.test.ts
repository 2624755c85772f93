import { readFileSync } from 'node:fs';
import { type Histogram, type Meter, metrics, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import Groq from 'groq-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import {
  chatStart,
  MODEL,
  OPERATION_SECONDS_BOUNDARIES,
  oneIn,
  operationStart,
  RATE_LIMIT_HEADERS,
  SEMCONV,
  T0,
  USAGE,
} from '../test/fixtures.js';
import { useRecorderTestbed } from '../test/harness.js';
import { withGroqAttributes } from './attribution.js';
import { createRecorder } from './recorder.js';
import type { OperationResult } from './types.js';
import { RECORDER_VERSION } from './version.js';

const bed = useRecorderTestbed();

describe('a successful chat operation', () => {
  it('produces one CLIENT span with every attribute', () => {
    const op = bed.recorder().start(
      chatStart({
        request: {
          temperature: 0.2,
          maxTokens: 256,
          topP: 0.9,
          seed: 7,
          choiceCount: 1,
          stopSequences: ['END'],
        },
      }),
    );
    op.end(
      {
        responseModel: MODEL,
        responseId: 'chatcmpl-1',
        groqRequestId: 'req_01',
        finishReasons: ['stop'],
        usage: USAGE,
        serviceTier: 'on_demand',
        serverTiming: { queueTime: 0.012, promptTime: 0.004, completionTime: 0.25, totalTime: 0.254 },
      },
      T0 + 1500,
    );

    const span = bed.harness.onlySpan();
    expect(span.name).toBe(`chat ${MODEL}`);
    expect(span.kind).toBe(SpanKind.CLIENT);
    expect(span.status).toEqual({ code: SpanStatusCode.UNSET });
    expect(span.startTime).toEqual([Math.floor(T0 / 1000), 0]);
    expect(span.endTime).toEqual([Math.floor(T0 / 1000) + 1, 500_000_000]);
    expect(span.attributes).toEqual({
      ...SEMCONV,
      'gen_ai.request.temperature': 0.2,
      'gen_ai.request.max_tokens': 256,
      'gen_ai.request.top_p': 0.9,
      'gen_ai.request.seed': 7,
      'gen_ai.request.stop_sequences': ['END'],
      'gen_ai.response.model': MODEL,
      'gen_ai.response.id': 'chatcmpl-1',
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 1000,
      'gen_ai.usage.output_tokens': 500,
      'gen_ai.usage.cache_read.input_tokens': 200,
      'gen_ai.usage.reasoning.output_tokens': 100,
      'groq.request_id': 'req_01',
      'groq.service_tier': 'on_demand',
      'groq.server.queue_time': 0.012,
      'groq.server.prompt_time': 0.004,
      'groq.server.completion_time': 0.25,
      'groq.server.total_time': 0.254,
      'groq.cost.usd': '0.000217500000',
      // $0.0002175 × 3.6 × 10^18 quanta per USD
      'groq.cost.quanta': '783000000000000',
      'groq.cost.known': true,
      'groq.cost.partial': false,
      'groq.cost.stale': false,
      'groq.cost.pricing': 'exact',
      'groq.cost.baseline.usd': '0.007250000000',
      'groq.cost.baseline.quanta': '26100000000000000',
      'groq.cost.baseline.model': 'gpt-4o',
      'groqmeter.source': 'groq-sdk',
      'groqmeter.operation.type': 'chat',
    });
  });

  it('records tokens, cost per component, baseline, request outcome and duration', async () => {
    bed
      .recorder()
      .start(chatStart())
      .end({ responseModel: MODEL, usage: USAGE }, T0 + 1500);
    const metricAttributes = { ...SEMCONV, 'gen_ai.response.model': MODEL };
    const labels = { model: MODEL, operation: 'chat', provider: 'groq' };

    expect(await bed.harness.histogramPoints('gen_ai.client.token.usage')).toEqual([
      {
        attributes: { ...metricAttributes, 'gen_ai.token.type': 'input' },
        value: expect.objectContaining({
          sum: 1000,
          count: 1,
          min: 1000,
          max: 1000,
          buckets: expect.objectContaining({ counts: oneIn(5) }),
        }),
      },
      {
        attributes: { ...metricAttributes, 'gen_ai.token.type': 'output' },
        value: expect.objectContaining({
          sum: 500,
          count: 1,
          buckets: expect.objectContaining({ counts: oneIn(5) }),
        }),
      },
    ]);
    expect(await bed.harness.points('groq.tokens')).toEqual([
      { attributes: { ...labels, type: 'input' }, value: 1000 },
      { attributes: { ...labels, type: 'cached_input' }, value: 200 },
      { attributes: { ...labels, type: 'output' }, value: 500 },
      { attributes: { ...labels, type: 'reasoning' }, value: 100 },
    ]);

    const cost = await bed.harness.points('groq.cost.usd');
    const costLabels = { ...labels, service_tier: 'on_demand', batch: 'false' };
    expect(cost.map((point) => point.attributes)).toEqual([
      { ...costLabels, component: 'input' },
      { ...costLabels, component: 'cached_input' },
      { ...costLabels, component: 'output' },
    ]);
    // 800 uncached × $0.075/1M, 200 cached × $0.0375/1M, 500 output × $0.30/1M.
    expect(cost[0]!.value).toBeCloseTo(0.00006, 12);
    expect(cost[1]!.value).toBeCloseTo(0.0000075, 12);
    expect(cost[2]!.value).toBeCloseTo(0.00015, 12);

    const baseline = await bed.harness.points('groq.cost.baseline.usd');
    expect(baseline.map((point) => point.attributes)).toEqual([{ ...labels, baseline_model: 'gpt-4o' }]);
    // gpt-4o: 800 × $2.50/1M + 200 × $1.25/1M + 500 × $10/1M.
    expect(baseline[0]!.value).toBeCloseTo(0.00725, 12);

    expect(await bed.harness.points('groq.requests')).toEqual([
      { attributes: { ...labels, outcome: 'success', error_type: '', status_code: '' }, value: 1 },
    ]);
    const duration = await bed.harness.histogramPoints('gen_ai.client.operation.duration');
    expect(duration).toEqual([
      {
        attributes: metricAttributes,
        value: {
          buckets: { boundaries: OPERATION_SECONDS_BOUNDARIES, counts: oneIn(8) },
          sum: 1.5,
          count: 1,
          min: 1.5,
          max: 1.5,
        },
      },
    ]);
    expect(await bed.harness.points('groqmeter.dropped')).toEqual([]);
  });

  it('records Groq server timings and output tokens per second', async () => {
    bed
      .recorder()
      .start(chatStart())
      .end(
        {
          usage: { outputTokens: 500 },
          serverTiming: { queueTime: 0.012, promptTime: 0.004, completionTime: 0.25 },
        },
        T0 + 300,
      );
    const labels = { model: MODEL, operation: 'chat', provider: 'groq' };
    const queue = await bed.harness.histogramPoints('groq.server.queue_time.seconds');
    expect(queue).toEqual([
      {
        attributes: labels,
        value: {
          buckets: {
            boundaries: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
            counts: oneIn(4),
          },
          sum: 0.012,
          count: 1,
          min: 0.012,
          max: 0.012,
        },
      },
    ]);
    expect((await bed.harness.histogramPoints('groq.server.prompt_time.seconds'))[0]!.value.sum).toBe(0.004);
    expect((await bed.harness.histogramPoints('groq.server.completion_time.seconds'))[0]!.value.sum).toBe(
      0.25,
    );
    expect(await bed.harness.histogramPoints('groq.server.output_tokens_per_second')).toEqual([
      {
        attributes: { model: MODEL },
        value: expect.objectContaining({
          sum: 2000,
          count: 1,
          buckets: expect.objectContaining({ counts: oneIn(10, 14) }),
        }),
      },
    ]);
  });

  it('skips output tokens per second when completion time is zero', async () => {
    bed
      .recorder()
      .start(chatStart())
      .end({ usage: { outputTokens: 5 }, serverTiming: { completionTime: 0 } }, T0 + 10);
    expect(await bed.harness.points('groq.server.output_tokens_per_second')).toEqual([]);
  });

  it('omits server.port without server.address, choice count of 1, and names a model-less span by its operation', () => {
    bed
      .recorder()
      .start({
        operation: 'models',
        source: 'groq-sdk',
        serverPort: 443,
        request: { choiceCount: 1 },
        startTime: T0,
      })
      .end({}, T0 + 5);
    const span = bed.harness.onlySpan();
    expect(span.name).toBe('models');
    expect(span.attributes).toEqual({
      'gen_ai.operation.name': 'models',
      'gen_ai.provider.name': 'groq',
      'groqmeter.source': 'groq-sdk',
      'groqmeter.operation.type': 'models',
    });
  });

  it('maps every request parameter', () => {
    bed
      .recorder()
      .start(
        chatStart({
          stream: true,
          request: {
            topK: 40,
            frequencyPenalty: 0.5,
            presencePenalty: -0.5,
            choiceCount: 2,
            toolsCount: 3,
            outputType: 'json',
            serviceTier: 'flex',
            reasoningEffort: 'high',
            batch: true,
          },
        }),
      )
      .abandon(T0 + 1);
    expect(bed.harness.onlySpan().attributes).toEqual({
      ...SEMCONV,
      'gen_ai.request.top_k': 40,
      'gen_ai.request.frequency_penalty': 0.5,
      'gen_ai.request.presence_penalty': -0.5,
      'gen_ai.request.choice.count': 2,
      'gen_ai.request.stream': true,
      'gen_ai.output.type': 'json',
      'groq.request.tools_count': 3,
      'groq.request.reasoning_effort': 'high',
      'groq.service_tier': 'flex',
      'groq.batch': true,
      'groqmeter.source': 'groq-sdk',
      'groqmeter.operation.type': 'batch',
      'groqmeter.abandoned': true,
      'groq.cost.pricing': 'usage_missing',
    });
  });
});

describe('streaming', () => {
  it('records time to first chunk once, then the time between chunks', async () => {
    const op = bed.recorder().start(chatStart({ stream: true }));
    op.chunk(T0 + 250);
    op.chunk(T0 + 300);
    op.chunk(T0 + 330);
    op.end({ responseModel: MODEL, usage: USAGE }, T0 + 400);

    expect(bed.harness.onlySpan().attributes['gen_ai.response.time_to_first_chunk']).toBe(0.25);
    expect(bed.harness.onlySpan().attributes['gen_ai.request.stream']).toBe(true);
    expect(await bed.harness.histogramPoints('gen_ai.client.operation.time_to_first_chunk')).toEqual([
      {
        attributes: SEMCONV,
        value: {
          buckets: { boundaries: OPERATION_SECONDS_BOUNDARIES, counts: oneIn(5) },
          sum: 0.25,
          count: 1,
          min: 0.25,
          max: 0.25,
        },
      },
    ]);
    const perChunk = await bed.harness.histogramPoints('gen_ai.client.operation.time_per_output_chunk');
    expect(perChunk).toHaveLength(1);
    expect(perChunk[0]!.attributes).toEqual(SEMCONV);
    expect(perChunk[0]!.value.count).toBe(2);
    expect(perChunk[0]!.value.sum).toBeCloseTo(0.08, 12);
    expect(perChunk[0]!.value.buckets.counts).toEqual([0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('ignores chunks after the operation ended', async () => {
    const op = bed.recorder().start(chatStart({ stream: true }));
    op.end({ usage: USAGE }, T0 + 100);
    op.chunk(T0 + 200);
    expect(await bed.harness.points('gen_ai.client.operation.time_to_first_chunk')).toEqual([]);
  });
});

describe('attempts and rate limits', () => {
  it('keeps the last seen rate-limit values per model and resource', async () => {
    const op = bed.recorder().start(chatStart());
    op.attempt({ status: 200, headers: new Headers(RATE_LIMIT_HEADERS) });
    op.attempt({
      status: 200,
      headers: { 'x-ratelimit-remaining-requests': '14369', 'x-ratelimit-remaining-tokens': '17000' },
    });
    op.end({ usage: USAGE }, T0 + 10);

    const requests = { model: MODEL, resource: 'requests' };
    const tokens = { model: MODEL, resource: 'tokens' };
    expect(await bed.harness.points('groq.ratelimit.limit')).toEqual([
      { attributes: requests, value: 14400 },
      { attributes: tokens, value: 18000 },
    ]);
    expect(await bed.harness.points('groq.ratelimit.remaining')).toEqual([
      { attributes: requests, value: 14369 },
      { attributes: tokens, value: 17000 },
    ]);
    expect(await bed.harness.points('groq.ratelimit.reset.seconds')).toEqual([
      { attributes: requests, value: 179.56 },
      { attributes: tokens, value: 7.66 },
    ]);
    const attributes = bed.harness.onlySpan().attributes;
    expect(attributes['groq.ratelimit.remaining.requests']).toBe(14369);
    expect(attributes['groq.ratelimit.remaining.tokens']).toBe(17000);
    expect(attributes['groq.retries']).toBe(1);
  });

  it('counts a 429 and its retry-after, and the retry that followed', async () => {
    const op = bed.recorder().start(chatStart());
    op.attempt({ status: 429, headers: { 'retry-after': '2', ...RATE_LIMIT_HEADERS } });
    op.attempt({ status: 200, headers: RATE_LIMIT_HEADERS });
    op.end({ usage: USAGE }, T0 + 2500);

    expect(await bed.harness.points('groq.ratelimit.hits')).toEqual([
      { attributes: { model: MODEL }, value: 1 },
    ]);
    expect(await bed.harness.histogramPoints('groq.retry_after.seconds')).toEqual([
      {
        attributes: { model: MODEL },
        value: {
          buckets: {
            boundaries: [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 86400],
            counts: oneIn(2, 14),
          },
          sum: 2,
          count: 1,
          min: 2,
          max: 2,
        },
      },
    ]);
    expect(bed.harness.onlySpan().attributes['groq.retries']).toBe(1);
  });

  it('skips unparseable header values and counts them as bad_header', async () => {
    const op = bed.recorder().start(chatStart());
    op.attempt({
      status: 200,
      headers: { ...RATE_LIMIT_HEADERS, 'x-ratelimit-limit-tokens': 'lots', 'retry-after': 'soon' },
    });
    op.end({ usage: USAGE }, T0 + 10);
    expect(await bed.harness.points('groq.ratelimit.limit')).toEqual([
      { attributes: { model: MODEL, resource: 'requests' }, value: 14400 },
    ]);
    expect(await bed.harness.points('groqmeter.dropped')).toEqual([
      { attributes: { reason: 'bad_header' }, value: 2 },
    ]);
  });
});

describe('a failed operation', () => {
  const rateLimitBody = {
    error: { message: 'Rate limit reached', type: 'tokens', code: 'rate_limit_exceeded' },
  };

  it('sets error.type, an ERROR status without secrets, and counts the error', async () => {
    const error = Groq.APIError.generate(
      401,
      {
        error: {
          message: 'Invalid API Key gsk_live1234567890abcdef',
          type: 'invalid_request_error',
          code: 'invalid_api_key',
        },
      },
      undefined,
      new Headers(),
    );
    bed
      .recorder()
      .start(chatStart())
      .fail({ error }, T0 + 200);

    const span = bed.harness.onlySpan();
    // groq-sdk puts the whole error body in its message; the key is scrubbed from it.
    expect(span.status).toEqual({
      code: SpanStatusCode.ERROR,
      message:
        '401 {"error":{"message":"Invalid API Key gsk_[REDACTED]","type":"invalid_request_error","code":"invalid_api_key"}}',
    });
    expect(span.attributes).toEqual({
      ...SEMCONV,
      'error.type': 'invalid_api_key',
      'groqmeter.source': 'groq-sdk',
      'groqmeter.operation.type': 'chat',
    });
    expect(span.events).toEqual([]);
    expect(await bed.harness.points('groq.requests')).toEqual([
      {
        attributes: {
          model: MODEL,
          operation: 'chat',
          provider: 'groq',
          outcome: 'error',
          error_type: 'invalid_api_key',
          status_code: '401',
        },
        value: 1,
      },
    ]);
    const duration = await bed.harness.histogramPoints('gen_ai.client.operation.duration');
    expect(duration.map((point) => [point.attributes, point.value.sum])).toEqual([
      [{ ...SEMCONV, 'error.type': 'invalid_api_key' }, 0.2],
    ]);
    expect(await bed.harness.points('groq.tokens')).toEqual([]);
    expect(await bed.harness.points('groqmeter.dropped')).toEqual([]);
  });

  it('counts a final 429 seen only as an error once, with its headers', async () => {
    const error = Groq.APIError.generate(
      429,
      rateLimitBody,
      undefined,
      new Headers({ 'retry-after': '5', ...RATE_LIMIT_HEADERS }),
    );
    bed
      .recorder()
      .start(chatStart())
      .fail({ error }, T0 + 200);

    expect(await bed.harness.points('groq.ratelimit.hits')).toEqual([
      { attributes: { model: MODEL }, value: 1 },
    ]);
    expect((await bed.harness.histogramPoints('groq.retry_after.seconds'))[0]!.value.sum).toBe(5);
    expect(await bed.harness.points('groq.ratelimit.remaining')).toEqual([
      { attributes: { model: MODEL, resource: 'requests' }, value: 14370 },
      { attributes: { model: MODEL, resource: 'tokens' }, value: 17997 },
    ]);
    // The adapter reported no attempts, so the number of retries is unknown.
    expect(bed.harness.onlySpan().attributes['groq.retries']).toBeUndefined();
  });

  it('does not count the final 429 again when a fetch wrapper already reported it', async () => {
    const headers = new Headers({ 'retry-after': '5' });
    const op = bed.recorder().start(chatStart());
    op.attempt({ status: 429, headers });
    op.attempt({ status: 429, headers });
    op.fail({ error: Groq.APIError.generate(429, rateLimitBody, undefined, headers) }, T0 + 200);

    expect(await bed.harness.points('groq.ratelimit.hits')).toEqual([
      { attributes: { model: MODEL }, value: 2 },
    ]);
    expect((await bed.harness.histogramPoints('groq.retry_after.seconds'))[0]!.value.count).toBe(2);
    expect(bed.harness.onlySpan().attributes['groq.retries']).toBe(1);
  });

  it('records the final error as an attempt when it differs from the last reported one', async () => {
    const op = bed.recorder().start(chatStart());
    op.attempt({ status: 503 });
    op.fail({ error: new Error('rate limited'), status: 429, headers: { 'retry-after': '1' } }, T0 + 200);
    expect(await bed.harness.points('groq.ratelimit.hits')).toEqual([
      { attributes: { model: MODEL }, value: 1 },
    ]);
    expect(bed.harness.spans()[0]!.attributes['error.type']).toBe('RateLimitError');
  });

  it('records partial usage received before the failure', async () => {
    bed
      .recorder()
      .start(chatStart({ stream: true }))
      .fail(
        {
          error: new TypeError('terminated'),
          partial: { responseModel: MODEL, usage: { inputTokens: 10, outputTokens: 4 } },
        },
        T0 + 50,
      );
    expect(await bed.harness.points('groq.tokens')).toEqual([
      { attributes: { model: MODEL, operation: 'chat', provider: 'groq', type: 'input' }, value: 10 },
      { attributes: { model: MODEL, operation: 'chat', provider: 'groq', type: 'output' }, value: 4 },
    ]);
    expect(bed.harness.onlySpan().attributes).toMatchObject({
      'error.type': 'TypeError',
      'gen_ai.response.model': MODEL,
      'gen_ai.usage.input_tokens': 10,
      'groq.cost.known': true,
    });
  });
});

describe('an abandoned operation', () => {
  it('records duration and outcome, counts usage_missing and ends the span without status', async () => {
    bed
      .recorder()
      .start(chatStart({ stream: true }))
      .abandon(T0 + 700);
    const span = bed.harness.onlySpan();
    expect(span.status).toEqual({ code: SpanStatusCode.UNSET });
    expect(span.attributes).toEqual({
      ...SEMCONV,
      'gen_ai.request.stream': true,
      'groqmeter.source': 'groq-sdk',
      'groqmeter.operation.type': 'chat',
      'groqmeter.abandoned': true,
      'groq.cost.pricing': 'usage_missing',
    });
    expect(await bed.harness.points('groq.requests')).toEqual([
      {
        attributes: {
          model: MODEL,
          operation: 'chat',
          provider: 'groq',
          outcome: 'abandoned',
          error_type: '',
          status_code: '',
        },
        value: 1,
      },
    ]);
    expect((await bed.harness.histogramPoints('gen_ai.client.operation.duration'))[0]!.value.sum).toBe(0.7);
    expect(await bed.harness.points('groqmeter.dropped')).toEqual([
      { attributes: { reason: 'usage_missing' }, value: 1 },
    ]);
  });
});

describe('exactly once', () => {
  it('lets the first of end, fail and abandon win', async () => {
    const op = bed.recorder().start(chatStart());
    op.end({ usage: USAGE }, T0 + 100);
    op.fail({ error: new Error('late') }, T0 + 200);
    op.abandon(T0 + 300);
    op.end({ usage: USAGE }, T0 + 400);
    op.attempt({ status: 429 });

    expect(bed.harness.spans()).toHaveLength(1);
    expect(bed.harness.onlySpan().status.code).toBe(SpanStatusCode.UNSET);
    expect(await bed.harness.points('groq.requests')).toEqual([
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
    expect(await bed.harness.points('groq.tokens')).toHaveLength(4);
    expect((await bed.harness.histogramPoints('gen_ai.client.operation.duration'))[0]!.value.count).toBe(1);
    expect(await bed.harness.points('groq.ratelimit.hits')).toEqual([]);
  });
});

/** The one operation recorded has usage but no price: no cost at all, counted as `unknown_model`. */
async function expectUnknownCost(): Promise<void> {
  expect(await bed.harness.points('groq.cost.usd')).toEqual([]);
  expect(await bed.harness.points('groq.cost.baseline.usd')).toEqual([]);
  expect(bed.harness.onlySpan().attributes['groq.cost.known']).toBe(false);
  expect(bed.harness.onlySpan().attributes['groq.cost.usd']).toBeUndefined();
  expect(await bed.harness.points('groqmeter.dropped')).toEqual([
    { attributes: { reason: 'unknown_model' }, value: 1 },
  ]);
}

describe('pricing outcomes', () => {
  it('counts tokens but no cost for an unknown model', async () => {
    bed
      .recorder()
      .start(chatStart({ requestModel: 'acme/unknown-model' }))
      .end({ usage: USAGE }, T0 + 10);
    expect(await bed.harness.points('groq.tokens')).toHaveLength(4);
    await expectUnknownCost();
  });

  it('records no tokens or cost when the response has no usage', async () => {
    bed
      .recorder()
      .start(chatStart())
      .end({ responseModel: MODEL }, T0 + 10);
    expect(await bed.harness.points('groq.tokens')).toEqual([]);
    expect(await bed.harness.points('gen_ai.client.token.usage')).toEqual([]);
    expect(await bed.harness.points('groq.cost.usd')).toEqual([]);
    expect(bed.harness.onlySpan().attributes['groq.cost.known']).toBeUndefined();
    expect(await bed.harness.points('groqmeter.dropped')).toEqual([
      { attributes: { reason: 'usage_missing' }, value: 1 },
    ]);
  });

  it('prices the response model when the catalogue knows it, else the requested one', async () => {
    bed
      .recorder()
      .start(chatStart({ requestModel: 'my-gateway-alias' }))
      .end({ responseModel: MODEL, usage: { inputTokens: 1_000_000 } }, T0 + 10);
    bed
      .recorder()
      .start(chatStart())
      .end({ responseModel: 'acme/not-in-catalogue', usage: { inputTokens: 1_000_000 } }, T0 + 10);
    const cost = await bed.harness.points('groq.cost.usd');
    expect(cost.map((point) => [point.attributes.model, point.value])).toEqual([
      ['my-gateway-alias', 0.075],
      [MODEL, 0.075],
    ]);
  });

  it('labels service tier and batch, and prices the batch discount', async () => {
    bed
      .recorder()
      .start(chatStart({ request: { batch: true } }))
      .end({ usage: { inputTokens: 1_000_000 }, serviceTier: 'flex' }, T0 + 10);
    expect(await bed.harness.points('groq.cost.usd')).toEqual([
      {
        attributes: {
          model: MODEL,
          operation: 'chat',
          provider: 'groq',
          component: 'input',
          service_tier: 'flex',
          batch: 'true',
        },
        value: 0.0375,
      },
    ]);
  });

  it('uses a configured baseline and can turn baselines off', async () => {
    bed
      .recorder({ baselines: { chat: 'gpt-4o-mini' } })
      .start(chatStart())
      .end({ usage: { inputTokens: 1_000_000 } }, T0 + 10);
    bed
      .recorder({ baselines: false })
      .start(chatStart())
      .end({ usage: { inputTokens: 1_000_000 } }, T0 + 10);
    expect(await bed.harness.points('groq.cost.baseline.usd')).toEqual([
      {
        attributes: { model: MODEL, operation: 'chat', provider: 'groq', baseline_model: 'gpt-4o-mini' },
        value: 0.15,
      },
    ]);
  });

  it('records billed audio seconds with the 10 s minimum', async () => {
    const recorder = bed.recorder();
    recorder
      .start(operationStart('transcription', 'whisper-large-v3-turbo'))
      .end({ usage: { audioSeconds: 3 } }, T0 + 10);
    recorder
      .start(operationStart('transcription', 'whisper-large-v3-turbo'))
      .end({ usage: { audioSeconds: 25.5 } }, T0 + 10);
    expect(await bed.harness.points('groq.audio.billed.seconds')).toEqual([
      {
        attributes: { model: 'whisper-large-v3-turbo', operation: 'transcription', provider: 'groq' },
        value: 35.5,
      },
    ]);
    const cost = await bed.harness.points('groq.cost.usd');
    expect(cost.map((point) => point.attributes.component)).toEqual(['audio']);
    // $0.04 per hour × 35.5 s.
    expect(cost[0]!.value).toBeCloseTo((0.04 * 35.5) / 3600, 12);
  });

  it('records speech characters and built-in tool calls', async () => {
    const recorder = bed.recorder();
    recorder
      .start(operationStart('speech', 'canopylabs/orpheus-v1-english'))
      .end({ usage: { characters: 1200 } }, T0 + 10);
    recorder
      .start(chatStart({ requestModel: 'groq/compound' }))
      .end({ usage: { toolCalls: { web_search: 2 } } }, T0 + 10);
    expect(await bed.harness.points('groq.speech.characters')).toEqual([
      { attributes: { model: 'canopylabs/orpheus-v1-english' }, value: 1200 },
    ]);
    expect(await bed.harness.points('groq.tool.calls')).toEqual([
      { attributes: { tool: 'web_search', model: 'groq/compound' }, value: 2 },
    ]);
  });
});

describe('span facts for exact ledger rows', () => {
  /** The attributes a ledger reads to store exact costs and non-token usage. */
  function ledgerFacts(attributes: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(
      Object.entries(attributes).filter(
        ([key]) => key.startsWith('groq.cost.') || key.startsWith('groq.usage.'),
      ),
    );
  }

  it('carries the audio seconds before the 10 s minimum and the exact cost of the billed 10 s', () => {
    bed
      .recorder()
      .start(operationStart('transcription', 'whisper-large-v3-turbo'))
      .end({ usage: { audioSeconds: 3.25 } }, T0 + 10);
    expect(ledgerFacts(bed.harness.onlySpan().attributes)).toEqual({
      'groq.usage.audio_seconds': 3.25,
      // 10 s × $0.04 per hour: 1/9000 USD, which 12 decimals round; the quanta are exact.
      'groq.cost.usd': '0.000111111111',
      'groq.cost.quanta': '400000000000000',
      'groq.cost.known': true,
      'groq.cost.partial': false,
      'groq.cost.stale': false,
      'groq.cost.pricing': 'exact',
      // whisper-1 at $0.006 per minute, to the millisecond: 3.25 s is $0.000325.
      'groq.cost.baseline.usd': '0.000325000000',
      'groq.cost.baseline.quanta': '1170000000000000',
      'groq.cost.baseline.model': 'whisper-1',
    });
  });

  it('carries the characters of a speech request', () => {
    bed
      .recorder()
      .start(operationStart('speech', 'canopylabs/orpheus-v1-english'))
      .end({ usage: { characters: 1200 } }, T0 + 10);
    expect(ledgerFacts(bed.harness.onlySpan().attributes)).toEqual({
      'groq.usage.characters': 1200,
      // 1200 × $22 per 1M characters
      'groq.cost.usd': '0.026400000000',
      'groq.cost.quanta': '95040000000000000',
      'groq.cost.known': true,
      'groq.cost.partial': false,
      'groq.cost.stale': false,
      'groq.cost.pricing': 'exact',
      // tts-1 at $15 per 1M characters
      'groq.cost.baseline.usd': '0.018000000000',
      'groq.cost.baseline.quanta': '64800000000000000',
      'groq.cost.baseline.model': 'tts-1',
    });
  });

  it('carries the sum of all built-in tool calls of a compound request', () => {
    bed
      .recorder()
      .start(chatStart({ requestModel: 'groq/compound' }))
      .end(
        {
          responseModel: 'groq/compound',
          usage: {
            inputTokens: 1400,
            cachedInputTokens: 200,
            outputTokens: 600,
            toolCalls: { web_search: 2, visit_website: 1 },
          },
          usageBreakdown: [
            {
              model: 'openai/gpt-oss-120b',
              usage: { inputTokens: 1000, cachedInputTokens: 200, outputTokens: 500 },
            },
            { model: 'openai/gpt-oss-20b', usage: { inputTokens: 400, outputTokens: 100 } },
          ],
        },
        T0 + 10,
      );
    expect(ledgerFacts(bed.harness.onlySpan().attributes)).toEqual({
      'groq.usage.tool_calls': 3,
      // $0.011495 and the gpt-4o baseline $0.00925, in quanta
      'groq.cost.usd': '0.011495000000',
      'groq.cost.quanta': '41382000000000000',
      'groq.cost.known': true,
      'groq.cost.partial': false,
      'groq.cost.stale': false,
      'groq.cost.pricing': 'exact',
      'groq.cost.baseline.usd': '0.009250000000',
      'groq.cost.baseline.quanta': '33300000000000000',
      'groq.cost.baseline.model': 'gpt-4o',
    });
  });

  it('carries usage facts but no quanta when the price is unknown, and no baseline when turned off', () => {
    bed
      .recorder()
      .start(operationStart('speech', 'acme/unknown-voice'))
      .end({ usage: { characters: 40 } }, T0 + 10);
    bed
      .recorder({ baselines: false })
      .start(chatStart())
      .end({ usage: { inputTokens: 1_000_000, toolCalls: {} } }, T0 + 10);
    expect(bed.harness.spans().map((span) => ledgerFacts(span.attributes))).toEqual([
      { 'groq.usage.characters': 40, 'groq.cost.known': false, 'groq.cost.pricing': 'unpriced' },
      {
        'groq.usage.tool_calls': 0,
        'groq.cost.usd': '0.075000000000',
        'groq.cost.quanta': '270000000000000000',
        'groq.cost.known': true,
        'groq.cost.partial': false,
        'groq.cost.stale': false,
        'groq.cost.pricing': 'exact',
      },
    ]);
  });
});

describe('operations that bill nothing', () => {
  it('are not priced: no cost, no groq.cost attributes, nothing dropped', async () => {
    const recorder = bed.recorder();
    const unbilled = [
      { operation: 'models', requestModel: undefined },
      { operation: 'models', requestModel: MODEL },
      { operation: 'batch', requestModel: undefined },
    ] as const;
    for (const { operation, requestModel } of unbilled) {
      recorder
        .start(operationStart(operation, requestModel))
        .end({ responseId: 'batch_01', usage: {} }, T0 + 10);
    }
    expect(
      bed.harness
        .spans()
        .map((span) => Object.keys(span.attributes).filter((key) => key.startsWith('groq.cost'))),
    ).toEqual([[], [], []]);
    expect(await bed.harness.points('groq.cost.usd')).toEqual([]);
    expect(await bed.harness.points('groq.cost.baseline.usd')).toEqual([]);
    expect(await bed.harness.points('groq.tokens')).toEqual([]);
    expect(await bed.harness.points('groqmeter.dropped')).toEqual([]);
    expect((await bed.harness.points('groq.requests')).map((point) => point.value)).toEqual([1, 1, 1]);
  });

  it('still prices a usage of zero tokens, at zero', async () => {
    bed
      .recorder()
      .start(chatStart())
      .end({ usage: { inputTokens: 0, outputTokens: 0 } }, T0 + 10);
    expect(bed.harness.onlySpan().attributes).toMatchObject({
      'groq.cost.usd': '0.000000000000',
      'groq.cost.known': true,
    });
    expect(await bed.harness.points('groqmeter.dropped')).toEqual([]);
  });
});

describe('compound systems', () => {
  const COMPOUND = 'groq/compound';
  /** The request's total: the two models below added up, plus the built-in tools it ran. */
  const TOTAL = {
    inputTokens: 1400,
    cachedInputTokens: 200,
    outputTokens: 600,
    toolCalls: { web_search: 2, visit_website: 1 },
  };
  const BREAKDOWN = [
    { model: 'openai/gpt-oss-120b', usage: { inputTokens: 1000, cachedInputTokens: 200, outputTokens: 500 } },
    { model: 'openai/gpt-oss-20b', usage: { inputTokens: 400, outputTokens: 100 } },
  ];
  const labels = { model: COMPOUND, operation: 'chat', provider: 'groq' };
  const costLabels = { ...labels, service_tier: 'on_demand', batch: 'false' };
  const endCompound = (result: OperationResult): void =>
    bed
      .recorder()
      .start(chatStart({ requestModel: COMPOUND }))
      .end(result, T0 + 10);

  it('prices each model of the breakdown on its own and the tools on the compound id', async () => {
    endCompound({ responseModel: COMPOUND, usage: TOTAL, usageBreakdown: BREAKDOWN });

    expect(await bed.harness.points('groq.tokens')).toEqual([
      { attributes: { ...labels, type: 'input' }, value: 1400 },
      { attributes: { ...labels, type: 'cached_input' }, value: 200 },
      { attributes: { ...labels, type: 'output' }, value: 600 },
    ]);
    // gpt-oss-120b: 800 × $0.15/1M, 200 cached × $0.075/1M, 500 × $0.60/1M;
    // gpt-oss-20b: 400 × $0.075/1M, 100 × $0.30/1M; tools: 2 web searches × $5/1K, 1 visit × $1/1K.
    expect(await bed.harness.points('groq.cost.usd')).toEqual([
      { attributes: { ...costLabels, component: 'input' }, value: 0.00015 },
      { attributes: { ...costLabels, component: 'cached_input' }, value: 0.000015 },
      { attributes: { ...costLabels, component: 'output' }, value: 0.00033 },
      { attributes: { ...costLabels, component: 'tool' }, value: 0.011 },
    ]);
    expect(bed.harness.onlySpan().attributes).toMatchObject({
      'groq.cost.usd': '0.011495000000',
      'groq.cost.known': true,
      // gpt-4o for the total tokens: 1200 × $2.50/1M + 200 × $1.25/1M + 600 × $10/1M.
      'groq.cost.baseline.usd': '0.009250000000',
    });
    expect(await bed.harness.points('groq.tool.calls')).toEqual([
      { attributes: { tool: 'web_search', model: COMPOUND }, value: 2 },
      { attributes: { tool: 'visit_website', model: COMPOUND }, value: 1 },
    ]);
    expect(await bed.harness.points('groqmeter.dropped')).toEqual([]);
  });

  it('records the cost as unknown when one model of the breakdown was never in the catalogue', async () => {
    endCompound({
      usage: TOTAL,
      usageBreakdown: [
        BREAKDOWN[0]!,
        { model: 'acme/never-listed', usage: { inputTokens: 400, outputTokens: 100 } },
      ],
    });
    expect(await bed.harness.points('groq.tokens')).toHaveLength(3);
    await expectUnknownCost();
  });

  it('prices tokens without a breakdown on the compound id, which has no token price', async () => {
    endCompound({ usage: TOTAL });
    await expectUnknownCost();
  });

  it('counts a breakdown without a total usage as usage missing', async () => {
    endCompound({ usageBreakdown: BREAKDOWN });
    expect(await bed.harness.points('groq.tokens')).toEqual([]);
    expect(await bed.harness.points('groq.cost.usd')).toEqual([]);
    expect(await bed.harness.points('groqmeter.dropped')).toEqual([
      { attributes: { reason: 'usage_missing' }, value: 1 },
    ]);
  });
});

describe('attribution', () => {
  it('puts every key on the span and allow-listed keys on the attributed metrics', async () => {
    const recorder = bed.recorder({
      attributes: { feature: 'client-default', platform: 'ios', team: 'core' },
    });
    await withGroqAttributes({ feature: 'from-context', 'user.id': 'u-42' }, async () => {
      await Promise.resolve();
      recorder
        .start(chatStart({ attributes: { tenant_tier: 'gold', 'request.id': 'r-9' } }))
        .end({ usage: { inputTokens: 10 } }, T0 + 10);
    });

    expect(bed.harness.onlySpan().attributes).toMatchObject({
      feature: 'from-context',
      platform: 'ios',
      team: 'core',
      tenant_tier: 'gold',
      'user.id': 'u-42',
      'request.id': 'r-9',
    });
    const attribution = { feature: 'from-context', platform: 'ios', tenant_tier: 'gold' };
    expect((await bed.harness.points('groq.tokens'))[0]!.attributes).toEqual({
      ...attribution,
      model: MODEL,
      operation: 'chat',
      provider: 'groq',
      type: 'input',
    });
    expect((await bed.harness.points('groq.requests'))[0]!.attributes).toMatchObject(attribution);
    expect((await bed.harness.points('groq.cost.usd'))[0]!.attributes).toMatchObject(attribution);
    expect((await bed.harness.points('groq.cost.baseline.usd'))[0]!.attributes).toMatchObject(attribution);
    expect((await bed.harness.points('gen_ai.client.operation.duration'))[0]!.attributes).toMatchObject(
      attribution,
    );
    // Semconv histograms other than duration stay on semconv attributes only.
    expect((await bed.harness.points('gen_ai.client.token.usage'))[0]!.attributes).not.toHaveProperty(
      'feature',
    );
  });

  it('never lets attribution overwrite convention attributes', () => {
    bed
      .recorder({ labelAttributes: [] })
      .start(chatStart({ attributes: { 'gen_ai.provider.name': 'openai', 'groqmeter.source': 'me' } }))
      .end({}, T0 + 1);
    expect(bed.harness.onlySpan().attributes).toMatchObject({
      'gen_ai.provider.name': 'groq',
      'groqmeter.source': 'groq-sdk',
      'groqmeter.operation.type': 'chat',
    });
  });

  it('folds new label values into __overflow__ past the series cap and counts them', async () => {
    const recorder = bed.recorder({ seriesCap: 2 });
    for (const feature of ['a', 'b', 'c', 'd', 'a']) {
      recorder.start(chatStart({ attributes: { feature } })).end({ responseModel: MODEL }, T0 + 10);
    }
    const requests = await bed.harness.points('groq.requests');
    expect(requests.map((point) => [point.attributes.feature, point.value])).toEqual([
      ['a', 2],
      ['b', 1],
      ['__overflow__', 2],
    ]);
    const dropped = await bed.harness.points('groqmeter.dropped');
    // Two operations overflowed on each of the three attributed metrics they recorded (priced
    // operations as usage_missing, requests, duration).
    expect(dropped).toEqual([
      { attributes: { reason: 'usage_missing' }, value: 5 },
      { attributes: { reason: 'series_cap' }, value: 6 },
    ]);
  });

  it('rejects label attributes that clash or are empty, saying what to do', () => {
    expect(() => createRecorder({ labelAttributes: ['model'] })).toThrow(
      "groqmeter recorder: labelAttributes contains 'model', a label groqmeter sets itself. Rename the attribution key (e.g. 'app_model') and list that name in labelAttributes instead.",
    );
    expect(() => createRecorder({ labelAttributes: [' '] })).toThrow(/not an attribution key/);
    expect(() => createRecorder({ seriesCap: -1 })).toThrow(
      'groqmeter recorder: seriesCap is -1, expected a whole number >= 0 (distinct label sets per metric; default 1000).',
    );
  });
});

describe('content capture', () => {
  const content = {
    inputMessages: [{ role: 'user', parts: [{ type: 'text', content: 'What is Groq?' }] }],
    systemInstructions: [{ type: 'text', content: 'Be brief.' }],
    toolDefinitions: [{ type: 'function', name: 'lookup' }],
  };
  const outputMessages = [{ role: 'assistant', parts: [{ type: 'text', content: 'A fast LLM API.' }] }];

  it('is off by default', () => {
    bed
      .recorder()
      .start(chatStart({ content }))
      .end({ outputMessages }, T0 + 1);
    expect(JSON.stringify(bed.harness.onlySpan().attributes)).not.toContain('Groq?');
    expect(bed.harness.onlySpan().attributes).not.toHaveProperty('gen_ai.input.messages');
  });

  it('puts JSON content on the span when turned on', () => {
    bed
      .recorder({ captureMessageContent: true })
      .start(chatStart({ content }))
      .end({ outputMessages }, T0 + 1);
    expect(bed.harness.onlySpan().attributes).toMatchObject({
      'gen_ai.input.messages': JSON.stringify(content.inputMessages),
      'gen_ai.system_instructions': JSON.stringify(content.systemInstructions),
      'gen_ai.tool.definitions': JSON.stringify(content.toolDefinitions),
      'gen_ai.output.messages': JSON.stringify(outputMessages),
    });
  });

  it('follows OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT when the option is unset', () => {
    process.env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT = 'SPAN_ONLY';
    try {
      bed
        .recorder()
        .start(chatStart({ content }))
        .end({}, T0 + 1);
    } finally {
      delete process.env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT;
    }
    expect(bed.harness.onlySpan().attributes['gen_ai.input.messages']).toBe(
      JSON.stringify(content.inputMessages),
    );
  });
});

describe('robustness', () => {
  function throwingMeter(): Meter {
    const fail = (): never => {
      throw new Error('meter exploded');
    };
    const instrument = { add: fail, record: fail } as unknown as Histogram;
    return {
      createHistogram: () => instrument,
      createCounter: () => instrument,
      createGauge: () => instrument,
      createUpDownCounter: () => instrument,
      createObservableGauge: fail,
      createObservableCounter: fail,
      createObservableUpDownCounter: fail,
      addBatchObservableCallback: fail,
      removeBatchObservableCallback: fail,
    } as unknown as Meter;
  }

  it('never throws into the caller when every instrument throws, and still ends the span', () => {
    const recorder = bed.recorder({ meter: throwingMeter() });
    const op = recorder.start(chatStart({ stream: true }));
    expect(() => {
      op.attempt({ status: 429, headers: RATE_LIMIT_HEADERS });
      op.chunk(T0 + 1);
      op.chunk(T0 + 2);
      op.end({ usage: USAGE, serverTiming: { queueTime: 0.1 } }, T0 + 3);
      recorder.dropped('bad_payload');
    }).not.toThrow();
    expect(bed.harness.onlySpan().attributes['gen_ai.usage.input_tokens']).toBe(1000);
  });

  it('falls back to no metrics when creating instruments throws', () => {
    const meter = {
      ...throwingMeter(),
      createHistogram: () => {
        throw new Error('no histograms here');
      },
    } as unknown as Meter;
    const op = bed.recorder({ meter }).start(chatStart());
    expect(() => op.end({ usage: USAGE }, T0 + 1)).not.toThrow();
    expect(bed.harness.spans()).toHaveLength(1);
  });

  it('returns an unrecorded handle when the tracer throws, counting recorder_error', async () => {
    const tracer = {
      startSpan: () => {
        throw new Error('tracer exploded');
      },
    } as unknown as ReturnType<typeof trace.getTracer>;
    const op = bed.recorder({ tracer }).start(chatStart());
    expect(op.span.isRecording()).toBe(false);
    expect(() => op.end({ usage: USAGE })).not.toThrow();
    expect(await bed.harness.points('groqmeter.dropped')).toEqual([
      { attributes: { reason: 'recorder_error' }, value: 1 },
    ]);
  });

  it('survives odd values from an adapter', async () => {
    const op = bed.recorder().start(chatStart());
    const odd = {
      usage: {
        inputTokens: Number.NaN,
        outputTokens: -3,
        cachedInputTokens: Number.POSITIVE_INFINITY,
        toolCalls: { x: Number.NaN },
      },
      serverTiming: { queueTime: -1 },
      finishReasons: ['stop'],
    };
    expect(() => op.end(odd, Number.NaN)).not.toThrow();
    expect(await bed.harness.points('groq.tokens')).toEqual([]);
    expect(await bed.harness.points('groq.server.queue_time.seconds')).toEqual([]);
    expect(bed.harness.onlySpan().attributes['gen_ai.response.finish_reasons']).toEqual(['stop']);
  });

  it('survives an adapter passing no facts at all', () => {
    const recorder = bed.recorder();
    const absent = undefined as never;
    expect(() => recorder.start(absent)).not.toThrow();
    const op = recorder.start(chatStart());
    expect(() => {
      op.attempt(absent);
      op.fail(absent);
    }).not.toThrow();
    expect(bed.harness.onlySpan().status.code).toBe(SpanStatusCode.ERROR);
  });

  it('counts dropped telemetry reported by adapters', async () => {
    const recorder = bed.recorder();
    recorder.dropped('usage_missing');
    recorder.dropped('usage_missing', 2);
    expect(await bed.harness.points('groqmeter.dropped')).toEqual([
      { attributes: { reason: 'usage_missing' }, value: 3 },
    ]);
  });
});

describe('secrets', () => {
  it('puts no API key in any span or metric', async () => {
    const key = 'gsk_abcdefghijklmnopqrstuvwxyz0123456789';
    const recorder = bed.recorder();
    const op = recorder.start(chatStart({ attributes: { feature: 'chat' } }));
    op.attempt({ status: 401, headers: { authorization: `Bearer ${key}`, 'x-api-key': key } });
    op.fail(
      { error: new Error(`Incorrect API key provided: ${key}. Authorization: Bearer ${key}`), status: 401 },
      T0 + 5,
    );

    const exported = await bed.harness.exportedText();
    expect(exported).not.toContain('abcdefghijklmnop');
    expect(bed.harness.onlySpan().status.message).toBe(
      'Incorrect API key provided: gsk_[REDACTED]. Authorization: Bearer [REDACTED]',
    );
  });
});

describe('meter and tracer selection', () => {
  afterEach(() => {
    metrics.disable();
    trace.disable();
  });

  it('picks up global providers registered after the recorder was created', async () => {
    const recorder = createRecorder();
    trace.setGlobalTracerProvider(bed.harness.tracerProvider);
    metrics.setGlobalMeterProvider(bed.harness.meterProvider);
    recorder.start(chatStart()).end({ usage: USAGE }, T0 + 10);
    expect(bed.harness.spans()).toHaveLength(1);
    expect(bed.harness.onlySpan().instrumentationScope).toEqual({
      name: '@groqmeter/recorder',
      version: RECORDER_VERSION,
      schemaUrl: 'https://opentelemetry.io/schemas/1.41.0',
    });
    expect(await bed.harness.points('groq.requests')).toHaveLength(1);
  });

  it('keeps RECORDER_VERSION equal to package.json', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(RECORDER_VERSION).toBe(manifest.version);
  });
});

describe('an in-stream error frame', () => {
  it("records Groq's status_code 400 from the frame and its code as error_type", async () => {
    const frame = { message: 'Failed to call a function.', type: 'invalid_request_error', status_code: 400 };
    const recorder = bed.recorder();
    recorder
      .start(chatStart({ stream: true }))
      .fail({ error: new Groq.APIError(undefined, frame, undefined, undefined) }, T0 + 5);
    recorder
      .start(chatStart({ stream: true }))
      .fail(
        { error: new Groq.APIError(undefined, { ...frame, code: 'tool_use_failed' }, undefined, undefined) },
        T0 + 5,
      );
    const base = { model: MODEL, operation: 'chat', provider: 'groq', outcome: 'error', status_code: '400' };
    expect(await bed.harness.points('groq.requests')).toEqual([
      { attributes: { ...base, error_type: 'BadRequestError' }, value: 1 },
      { attributes: { ...base, error_type: 'tool_use_failed' }, value: 1 },
    ]);
  });
});
