import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { useTelemetryHarness } from '@groqmeter/recorder/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AdmissionHook } from '../src/index.js';
import {
  API_KEY,
  type ProxyUnderTest,
  pointValue,
  spansEnded,
  startProxyUnderTest,
} from './proxy-under-test.js';
import { rawExchange } from './raw-exchange.js';

const telemetry = useTelemetryHarness({ beforeAll, beforeEach, afterAll }, { pointOrder: 'attributes' });
let under: ProxyUnderTest | undefined;
afterEach(async () => {
  await under?.close();
  under = undefined;
});

const chunk = (content: string) =>
  `data: ${JSON.stringify({ id: 'c1', model: 'openai/gpt-oss-20b', choices: [{ index: 0, delta: { content } }] })}\n\n`;
const LAST = `data: ${JSON.stringify({
  id: 'c1',
  model: 'openai/gpt-oss-20b',
  choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
  x_groq: { id: 'req_1', usage: { prompt_tokens: 9, completion_tokens: 2, total_tokens: 11 } },
})}\n\ndata: [DONE]\n\n`;

/** An upstream whose one stream sends its first chunk, then waits for `release()` before the rest. */
async function heldStreamUpstream() {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let open: ServerResponse | undefined;
  const server = createServer((request, response) => {
    request.resume();
    open = response;
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(chunk('Hello'));
    void released.then(() => {
      response.write(chunk(' river'));
      response.end(LAST);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/openai/v1`,
    release,
    close: () => {
      open?.destroy();
      server.close();
    },
  };
}

/** Start a streamed chat through the proxy; resolves with its first chunk and a promise of the whole body. */
function startStream(baseURL: string) {
  return new Promise<{ first: string; rest: Promise<string> }>((resolve, reject) => {
    void fetch(`${baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai/gpt-oss-20b', messages: [], stream: true }),
    }).then(async (response) => {
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      const first = await reader.read();
      const rest = (async () => {
        let text = '';
        for (let next = await reader.read(); !next.done; next = await reader.read())
          text += decoder.decode(next.value);
        return text;
      })();
      resolve({ first: decoder.decode(first.value), rest });
    }, reject);
  });
}

describe('streams are forwarded chunk by chunk', () => {
  it('the first chunk reaches the client while the upstream still holds the rest', async () => {
    const upstream = await heldStreamUpstream();
    under = await startProxyUnderTest(telemetry, { upstream: upstream.url });
    const { first, rest } = await startStream(under.proxy.baseURL);
    expect(first).toBe(chunk('Hello'));
    expect(telemetry.spans()).toEqual([]);
    expect(pointValue(await telemetry.points('groqmeter.proxy.requests.in_flight'), {})).toBe(1);
    upstream.release();
    expect(await rest).toBe(chunk(' river') + LAST);
    await spansEnded(telemetry, 1);
    expect(telemetry.onlySpan().attributes).toMatchObject({
      'gen_ai.usage.input_tokens': 9,
      'gen_ai.usage.output_tokens': 2,
      'groq.request_id': 'req_1',
    });
    expect(pointValue(await telemetry.points('groqmeter.proxy.requests.in_flight'), {})).toBe(0);
    upstream.close();
  });
});

describe('graceful shutdown', () => {
  it('lets a stream in flight finish, then stops', async () => {
    const upstream = await heldStreamUpstream();
    under = await startProxyUnderTest(telemetry, { upstream: upstream.url, shutdownTimeoutSeconds: 10 });
    const { rest } = await startStream(under.proxy.baseURL);
    let closed = false;
    const closing = under.proxy.close().then(() => {
      closed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closed).toBe(false);
    upstream.release();
    expect(await rest).toBe(chunk(' river') + LAST);
    await closing;
    expect(telemetry.onlySpan().attributes['gen_ai.usage.output_tokens']).toBe(2);
    upstream.close();
  });

  it('cuts what is still in flight after the shutdown timeout', async () => {
    const upstream = await heldStreamUpstream();
    under = await startProxyUnderTest(telemetry, { upstream: upstream.url, shutdownTimeoutSeconds: 0.2 });
    const { rest } = await startStream(under.proxy.baseURL);
    // Handled at once: the proxy cuts the stream 0.2 s into close(), before close() resolves, so a
    // handler attached after `await close()` would leave the rejection unhandled for that moment
    // (vitest reports an "Unhandled Rejection: TypeError: terminated" and fails the run).
    const outcome = rest.then(
      () => 'completed',
      (error: Error) => error.message,
    );
    const started = Date.now();
    await under.proxy.close();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await outcome).toBe('terminated');
    // The cut is the proxy's, but the proxy records it as any connection gone mid-stream: the
    // operation abandoned before its usage (never priced at $0), the request counted as such.
    expect(
      pointValue(await telemetry.points('groqmeter.proxy.requests'), { outcome: 'client_disconnected' }),
    ).toBe(1);
    expect(pointValue(await telemetry.points('groqmeter.proxy.requests.in_flight'), {})).toBe(0);
    expect(pointValue(await telemetry.points('groq.requests'), { outcome: 'abandoned' })).toBe(1);
    expect(telemetry.onlySpan().attributes).toMatchObject({
      'groqmeter.abandoned': true,
      'groq.cost.pricing': 'usage_missing',
    });
    upstream.close();
  });
});

describe('health and admission', () => {
  it('/healthz and /readyz answer; other paths outside /openai/v1 are 404 in Groq’s error shape', async () => {
    under = await startProxyUnderTest(telemetry);
    expect(JSON.parse((await rawExchange(`${under.proxy.url}/healthz`)).body.toString())).toEqual({
      status: 'ok',
    });
    expect((await rawExchange(`${under.proxy.url}/readyz`)).status).toBe(200);
    const unknown = await rawExchange(`${under.proxy.url}/v1/chat/completions`);
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body.toString()).error.code).toBe('unknown_url');
  });

  it('an admission hook can answer locally: nothing goes upstream, nothing is metered', async () => {
    const seen: unknown[] = [];
    const admit: AdmissionHook = (request) => {
      seen.push(request);
      return request.attribution.feature === 'over-budget'
        ? {
            action: 'respond',
            status: 429,
            headers: { 'retry-after': '3600' },
            body: '{"error":{"message":"budget"}}',
          }
        : { action: 'forward' };
    };
    under = await startProxyUnderTest(telemetry, { admit });
    const answer = await rawExchange(`${under.proxy.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'x-groqmeter-feature': 'over-budget' },
      body: JSON.stringify({
        model: 'openai/gpt-oss-20b',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
      }),
    });
    expect(answer.status).toBe(429);
    expect(answer.headers).toEqual(expect.arrayContaining(['retry-after', '3600']));
    expect(answer.body.toString()).toBe('{"error":{"message":"budget"}}');
    expect(seen).toEqual([
      {
        method: 'POST',
        path: '/chat/completions',
        operation: 'chat',
        requestModel: 'openai/gpt-oss-20b',
        stream: true,
        request: {},
        attribution: { feature: 'over-budget' },
      },
    ]);
    expect(under.sim.stats().models).toEqual({});
    expect(telemetry.spans()).toEqual([]);
    expect(
      pointValue(await telemetry.points('groqmeter.proxy.requests'), { outcome: 'answered_locally' }),
    ).toBe(1);
  });

  it('a hook that throws refuses the request with 500 instead of forwarding it', async () => {
    under = await startProxyUnderTest(telemetry, {
      admit: () => {
        throw new Error('budget store down');
      },
    });
    const answer = await rawExchange(`${under.proxy.baseURL}/models`, {
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body.toString()).error.code).toBe('admission_failed');
    expect(under.sim.stats().models).toEqual({});
  });

  it('an async hook is awaited: a resolved forward goes upstream, a rejection refuses with 500', async () => {
    let refuse = false;
    under = await startProxyUnderTest(telemetry, {
      admit: async () => {
        await new Promise((resolve) => setImmediate(resolve));
        if (refuse) throw new Error('budget store down');
        return { action: 'forward' };
      },
    });
    const request = {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}` },
      body: JSON.stringify({ model: 'openai/gpt-oss-20b', messages: [{ role: 'user', content: 'hi' }] }),
    };
    expect((await rawExchange(`${under.proxy.baseURL}/chat/completions`, request)).status).toBe(200);
    refuse = true;
    const refused = await rawExchange(`${under.proxy.baseURL}/chat/completions`, request);
    expect(refused.status).toBe(500);
    expect(JSON.parse(refused.body.toString()).error.code).toBe('admission_failed');
    expect(under.sim.stats().models['openai/gpt-oss-20b']?.chat?.requests).toEqual({ '200': 1 });
  });
});

describe('request log lines', () => {
  const chat = {
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}` },
    body: JSON.stringify({ model: 'openai/gpt-oss-20b', messages: [{ role: 'user', content: 'hi' }] }),
  };
  const requestLines = (logs: string[]) =>
    logs.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.msg === 'request');

  it('at info, each forwarded request has its line with its fields, and no key', async () => {
    under = await startProxyUnderTest(telemetry, { logLevel: 'info' });
    expect((await rawExchange(`${under.proxy.baseURL}/chat/completions`, chat)).status).toBe(200);
    const [line, ...others] = requestLines(under.logs);
    expect(others).toEqual([]);
    expect(line).toEqual({
      time: expect.any(String),
      level: 'info',
      msg: 'request',
      method: 'POST',
      path: '/chat/completions',
      outcome: 'forwarded',
      status: 200,
      operation: 'chat',
      model: 'openai/gpt-oss-20b',
      duration_ms: expect.any(Number),
    });
    expect(under.logs.join('')).not.toContain(API_KEY);
  });

  it('above info, no request line is written', async () => {
    under = await startProxyUnderTest(telemetry, { logLevel: 'warn' });
    expect((await rawExchange(`${under.proxy.baseURL}/chat/completions`, chat)).status).toBe(200);
    expect(requestLines(under.logs)).toEqual([]);
  });
});
