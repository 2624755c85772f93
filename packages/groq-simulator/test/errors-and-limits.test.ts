import Groq from 'groq-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../src/index';
import { headerObject } from './header-object';

const MODEL = 'openai/gpt-oss-20b';
const HELLO = [{ role: 'user' as const, content: 'Hello there' }];
const clock = { now: Date.UTC(2026, 0, 1) };

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({
    now: () => clock.now,
    organization: 'org_test',
    models: { [MODEL]: { limits: { requestsPerDay: 1000, tokensPerMinute: 100 } } },
  });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

/** A groq-sdk client whose fetch records every attempt, retries included. */
function recordingClient(maxRetries: number) {
  const attempts: { status: number; headers: Record<string, string>; retryCount: string | null }[] = [];
  const client = new Groq({
    apiKey: 'test-key',
    baseURL: sim.url,
    maxRetries,
    fetch: async (url, init) => {
      const response = await fetch(url, init);
      const headers = new Headers(init?.headers);
      attempts.push({
        status: response.status,
        headers: headerObject(response.headers),
        retryCount: headers.get('x-stainless-retry-count'),
      });
      return response;
    },
  });
  return { client, attempts };
}

async function post(path: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${sim.openaiBaseURL}${path}`, {
    method: 'POST',
    headers: { authorization: 'Bearer k', 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

describe('rate limits', () => {
  it('refuses with Groq 429 body and retry-after once the TPM budget is spent, then admits after the refill', async () => {
    const { client } = recordingClient(0);
    await client.chat.completions.create(
      { model: MODEL, messages: HELLO },
      { headers: { 'x-simulator-completion-tokens': '80' } },
    );
    const error = await client.chat.completions
      .create({ model: MODEL, messages: HELLO })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Groq.RateLimitError);
    const rateLimited = error as InstanceType<typeof Groq.RateLimitError>;
    expect(rateLimited.error).toEqual({
      error: {
        message:
          'Rate limit reached for model `openai/gpt-oss-20b` in organization `org_test` service tier `on_demand` on tokens per minute (TPM): Limit 100, Used 87, Requested 39. Please try again in 15.6s. Need more tokens? Upgrade to Dev Tier today at https://console.groq.com/settings/billing',
        type: 'tokens',
        code: 'rate_limit_exceeded',
      },
    });
    expect(rateLimited.headers.get('retry-after')).toBe('16');
    expect(rateLimited.headers.get('x-ratelimit-remaining-tokens')).toBe('13');
    expect(rateLimited.headers.get('x-ratelimit-reset-tokens')).toBe('52.2s');
    clock.now += 15_600;
    const after = await client.chat.completions.create({ model: MODEL, messages: HELLO });
    expect(after.usage?.total_tokens).toBe(39);
    expect(sim.stats().models[MODEL]?.chat?.requests).toEqual({ '200': 2, '429': 1 });
  });

  it('answers 413 when a request can never fit the TPM limit', async () => {
    const { client } = recordingClient(0);
    const error = await client.chat.completions
      .create({ model: MODEL, messages: [{ role: 'user', content: 'x'.repeat(400) }] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 413 });
    expect((error as InstanceType<typeof Groq.APIError>).error).toEqual({
      error: {
        message:
          'Request too large for model `openai/gpt-oss-20b` in organization `org_test` service tier `on_demand` on tokens per minute (TPM): Limit 100, Requested 136, please reduce your message size and try again. Need more tokens? Upgrade to Dev Tier today at https://console.groq.com/settings/billing',
        type: 'tokens',
        code: 'rate_limit_exceeded',
      },
    });
  });
});

describe('injected faults', () => {
  it('fails the first attempt with 429 and lets the SDK retry succeed, honouring retry-after: 0', async () => {
    const { client, attempts } = recordingClient(2);
    const completion = await client.chat.completions.create(
      { model: MODEL, messages: HELLO },
      { headers: { 'x-simulator-fault': '429', 'x-simulator-fault-count': '1' } },
    );
    expect(completion.usage?.total_tokens).toBe(39);
    expect(attempts.map((a) => [a.status, a.retryCount, a.headers['retry-after']])).toEqual([
      [429, '0', '0'],
      [200, '1', undefined],
    ]);
    expect(attempts[0]?.headers['x-ratelimit-limit-tokens']).toBe('100');
    expect(sim.stats().models[MODEL]?.chat).toMatchObject({
      requests: { '200': 1, '429': 1 },
      faults: { '429': 1 },
    });
  });

  it('matches attempts of one logical call by x-simulator-call-id when the client retries itself', async () => {
    const { client } = recordingClient(0);
    const headers = {
      'x-simulator-fault': '500',
      'x-simulator-fault-count': '2',
      'x-simulator-call-id': 'call-1',
    };
    for (let i = 0; i < 2; i += 1) {
      const error = await client.chat.completions
        .create({ model: MODEL, messages: HELLO }, { headers })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Groq.InternalServerError);
      expect((error as InstanceType<typeof Groq.APIError>).error).toEqual({
        error: { message: 'Internal Server Error', type: 'internal_server_error' },
      });
    }
    const third = await client.chat.completions.create({ model: MODEL, messages: HELLO }, { headers });
    expect(third.choices[0]?.finish_reason).toBe('stop');
  });

  it('runs scripted faults from the options in order, per model', async () => {
    const scripted = await startSimulator({
      faults: [
        { fault: '503', count: 1, model: MODEL },
        { fault: '498', count: 1 },
      ],
    });
    try {
      const client = new Groq({ apiKey: 'k', baseURL: scripted.url, maxRetries: 0 });
      const other = await client.chat.completions
        .create({ model: 'openai/gpt-oss-120b', messages: HELLO })
        .catch((e) => e);
      expect(other).toMatchObject({ status: 498, error: { error: { code: 'capacity_exceeded' } } });
      const first = await client.chat.completions.create({ model: MODEL, messages: HELLO }).catch((e) => e);
      expect(first).toMatchObject({ status: 503, error: { error: { message: 'Service Unavailable' } } });
      const second = await client.chat.completions.create({ model: MODEL, messages: HELLO });
      expect(second.object).toBe('chat.completion');
    } finally {
      await scripted.close();
    }
  });

  it('drops the connection mid-stream, and the client sees a connection error', async () => {
    const { client } = recordingClient(0);
    const stream = await client.chat.completions.create(
      { model: MODEL, messages: HELLO, stream: true },
      { headers: { 'x-simulator-fault': 'drop-mid-stream' } },
    );
    const received: string[] = [];
    const failure = await (async () => {
      for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? '');
    })().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    expect(received.length).toBe(1 + 16);
    expect(sim.stats().models[MODEL]?.chat).toMatchObject({
      requests: { '200': 1 },
      faults: { 'drop-mid-stream': 1 },
      promptTokens: 0,
    });
  });

  it('sends one malformed chunk mid-stream, which the SDK fails to parse', async () => {
    const { client } = recordingClient(0);
    const stream = await client.chat.completions.create(
      { model: MODEL, messages: HELLO, stream: true },
      { headers: { 'x-simulator-fault': 'malformed-chunk' } },
    );
    const failure = await (async () => {
      for await (const _ of stream);
    })().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SyntaxError);
  });

  it('sends the Groq error frame mid-stream, which groq-sdk throws as a 400-status API error', async () => {
    const { client } = recordingClient(0);
    const stream = await client.chat.completions.create(
      { model: MODEL, messages: HELLO, stream: true },
      { headers: { 'x-simulator-fault': 'stream-error' } },
    );
    const received: string[] = [];
    const failure = await (async () => {
      for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? '');
    })().catch((e: unknown) => e);
    expect(received.length).toBe(1 + 16);
    expect(failure).toMatchObject({
      error: { code: 'tool_use_failed', type: 'invalid_request_error', status_code: 400 },
    });
    expect(sim.stats().models[MODEL]?.chat).toMatchObject({
      requests: { '200': 1 },
      faults: { 'stream-error': 1 },
      promptTokens: 0,
    });
  });

  it('writes the error frame as an SSE `error` event and ends the stream without [DONE]', async () => {
    const response = await fetch(`${sim.openaiBaseURL}/chat/completions`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer k',
        'content-type': 'application/json',
        'x-simulator-fault': 'stream-error',
      },
      body: JSON.stringify({ model: MODEL, messages: HELLO, stream: true }),
    });
    const text = await response.text();
    const frames = text.trim().split('\n\n');
    expect(frames.at(-1)).toBe(
      `event: error\ndata: {"error":{"message":"Failed to call a function. Please adjust your prompt. See 'failed_generation' for more details.","type":"invalid_request_error","code":"tool_use_failed","failed_generation":"","status_code":400}}`,
    );
    expect(text).not.toContain('[DONE]');
  });

  it('rejects an unknown fault header with a 400 that lists the valid ones', async () => {
    const result = await post('/chat/completions', JSON.stringify({ model: MODEL, messages: HELLO }), {
      'x-simulator-fault': '418',
    });
    expect(result.status).toBe(400);
    expect(result.body.error.message).toBe(
      'Header x-simulator-fault is `418`; expected one of 429, 500, 503, 498, malformed-chunk, drop-mid-stream, stream-error.',
    );
  });
});

describe('bad requests', () => {
  it('answers bad JSON, a missing model, an unknown model and a missing key with Groq errors', async () => {
    const badJson = await post('/chat/completions', '{"model":');
    expect(badJson.status).toBe(400);
    expect(badJson.body.error.type).toBe('invalid_request_error');
    expect(badJson.body.error.message).toMatch(
      /^Failed to parse the request body as JSON: .+\. Send a valid JSON object\.$/,
    );
    expect(badJson.headers.get('x-ratelimit-limit-requests')).toBe('1000');

    const missingModel = await post('/chat/completions', JSON.stringify({ messages: HELLO }));
    expect(missingModel).toMatchObject({
      status: 400,
      body: { error: { message: "property 'model' is missing", type: 'invalid_request_error' } },
    });
    const noMessages = await post('/chat/completions', JSON.stringify({ model: MODEL, messages: [] }));
    expect(noMessages.body.error.message).toBe("'messages' : minimum number of items is 1");

    const unknown = await post('/chat/completions', JSON.stringify({ model: 'llama-9000', messages: HELLO }));
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({
      error: {
        message: 'The model `llama-9000` does not exist or you do not have access to it.',
        type: 'invalid_request_error',
        code: 'model_not_found',
      },
    });

    const noAuth = await fetch(`${sim.openaiBaseURL}/chat/completions`, { method: 'POST', body: '{}' });
    expect(noAuth.status).toBe(401);
    expect(await noAuth.json()).toEqual({
      error: { message: 'Invalid API Key', type: 'invalid_request_error', code: 'invalid_api_key' },
    });
    expect(noAuth.headers.get('x-ratelimit-limit-requests')).toBeNull();

    const wrongKind = await post(
      '/chat/completions',
      JSON.stringify({ model: 'whisper-large-v3', messages: HELLO }),
    );
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.error.code).toBe('model_not_supported');

    const route = await post('/nothing-here', '{}');
    expect(route.status).toBe(404);
    expect(sim.stats().models).toMatchObject({
      '(none)': { chat: { requests: { '400': 2, '401': 1 } } },
      'llama-9000': { chat: { requests: { '404': 1 } } },
    });
  });

  it('keeps serving after a client aborts a slow stream', async () => {
    const slow = await startSimulator({
      timeScale: 1,
      models: { [MODEL]: { outputTokensPerSecond: 20, latencyMs: 0, timeToFirstTokenMs: 0 } },
    });
    try {
      const client = new Groq({ apiKey: 'k', baseURL: slow.url, maxRetries: 0 });
      const stream = await client.chat.completions.create({ model: MODEL, messages: HELLO, stream: true });
      let seen = 0;
      for await (const _ of stream) {
        seen += 1;
        if (seen === 2) stream.controller.abort();
      }
      expect(seen).toBe(2);
      await expect.poll(() => slow.stats().models[MODEL]?.chat?.clientAborts, { timeout: 5000 }).toBe(1);
      const next = await client.chat.completions.create(
        { model: MODEL, messages: HELLO },
        { headers: { 'x-simulator-completion-tokens': '1' } },
      );
      expect(next.usage?.completion_tokens).toBe(1);
    } finally {
      await slow.close();
    }
  });
});

describe('stats and reset over HTTP', () => {
  it('serves the stats as JSON and resets on POST /__simulator/reset', async () => {
    const { client } = recordingClient(0);
    await client.chat.completions.create({ model: MODEL, messages: HELLO });
    const stats = await (await fetch(`${sim.url}/__simulator/stats`)).json();
    expect(stats).toEqual({
      models: {
        [MODEL]: {
          chat: {
            requests: { '200': 1 },
            promptTokens: 7,
            cachedTokens: 0,
            completionTokens: 32,
            reasoningTokens: 16,
            audioSeconds: 0,
            audioBilledSeconds: 0,
            speechCharacters: 0,
            toolCalls: {},
            batchRequests: 0,
            faults: {},
            clientAborts: 0,
          },
        },
      },
    });
    expect((await fetch(`${sim.url}/__simulator/reset`, { method: 'POST' })).status).toBe(204);
    expect(sim.stats()).toEqual({ models: {} });
  });
});
