import { createServer } from 'node:net';
import { startSimulator } from '@groqmeter/groq-simulator';
import { useTelemetryHarness } from '@groqmeter/recorder/testing';
import Groq from 'groq-sdk';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  API_KEY,
  type ProxyUnderTest,
  pointValue,
  spansEnded,
  startProxyUnderTest,
} from './proxy-under-test.js';

const telemetry = useTelemetryHarness({ beforeAll, beforeEach, afterAll }, { pointOrder: 'attributes' });
let under: ProxyUnderTest | undefined;
afterEach(async () => {
  await under?.close();
  under = undefined;
});

const RIVERS = {
  model: 'openai/gpt-oss-20b',
  messages: [{ role: 'user' as const, content: 'Tell me about rivers' }],
};
const fault = (name: string, extra: Record<string, string> = {}) => ({
  headers: { 'x-simulator-fault': name, ...extra },
});

async function client(options: { maxRetries?: number; timeScale?: number } = {}): Promise<Groq> {
  const sim =
    options.timeScale === undefined ? undefined : await startSimulator({ timeScale: options.timeScale });
  under = await startProxyUnderTest(telemetry, {}, sim);
  if (sim !== undefined) {
    const close = under.close;
    under.close = async () => {
      await close();
      await sim.close();
    };
  }
  return new Groq({ apiKey: API_KEY, baseURL: under.proxy.url, maxRetries: options.maxRetries ?? 0 });
}

async function thrown(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

describe('faults through the proxy', () => {
  it('429 with retry-after reaches the SDK as a RateLimitError and is recorded as a rate-limit hit', async () => {
    const groq = await client();
    const error = await thrown(
      groq.chat.completions.create(RIVERS, fault('429', { 'x-simulator-retry-after': '7' })),
    );
    expect(error).toBeInstanceOf(Groq.RateLimitError);
    expect((error as InstanceType<typeof Groq.RateLimitError>).headers.get('retry-after')).toBe('7');
    await spansEnded(telemetry, 1);
    expect(telemetry.onlySpan().attributes['error.type']).toBe('rate_limit_exceeded');
    expect(
      await pointValue(await telemetry.points('groq.requests'), {
        outcome: 'error',
        error_type: 'rate_limit_exceeded',
        status_code: '429',
      }),
    ).toBe(1);
    expect(pointValue(await telemetry.points('groq.ratelimit.hits'), { model: 'openai/gpt-oss-20b' })).toBe(
      1,
    );
    expect(pointValue(await telemetry.points('groq.retry_after.seconds'), {})).toEqual({ count: 1, sum: 7 });
  });

  it("an SDK's own retry after a 429 is two forwarded calls: the 429 and the success", async () => {
    const groq = await client({ maxRetries: 1 });
    const answer = await groq.chat.completions.create(
      RIVERS,
      fault('429', { 'x-simulator-fault-count': '1' }),
    );
    expect(answer.usage?.prompt_tokens).toBe(9);
    await spansEnded(telemetry, 2);
    const requests = await telemetry.points('groq.requests');
    expect(pointValue(requests, { outcome: 'error', status_code: '429' })).toBe(1);
    expect(pointValue(requests, { outcome: 'success' })).toBe(1);
  });

  it('500 is an InternalServerError on both sides', async () => {
    const groq = await client();
    expect(await thrown(groq.chat.completions.create(RIVERS, fault('500')))).toBeInstanceOf(
      Groq.InternalServerError,
    );
    await spansEnded(telemetry, 1);
    expect(telemetry.onlySpan().attributes['error.type']).toBe('InternalServerError');
  });

  it('a stream dropped mid-way breaks the client stream and is recorded as a connection error', async () => {
    const groq = await client();
    const stream = await groq.chat.completions.create({ ...RIVERS, stream: true }, fault('drop-mid-stream'));
    let chunks = 0;
    const error = await thrown(
      (async () => {
        for await (const _chunk of stream) chunks += 1;
      })(),
    );
    expect(error).toBeInstanceOf(Error);
    expect(chunks).toBeGreaterThan(0);
    await spansEnded(telemetry, 1);
    expect(telemetry.onlySpan().attributes['error.type']).toBe('APIConnectionError');
    expect(pointValue(await telemetry.points('groqmeter.proxy.upstream.errors'), { kind: 'dropped' })).toBe(
      1,
    );
  });

  it('a malformed chunk is forwarded as sent and recorded as the SDK throws it (SyntaxError)', async () => {
    const groq = await client();
    const stream = await groq.chat.completions.create({ ...RIVERS, stream: true }, fault('malformed-chunk'));
    expect(
      await thrown(
        (async () => {
          for await (const _chunk of stream) {
            // consume
          }
        })(),
      ),
    ).toBeInstanceOf(SyntaxError);
    await spansEnded(telemetry, 1);
    expect(telemetry.onlySpan().attributes['error.type']).toBe('SyntaxError');
  });

  it("Groq's in-stream error frame is the SDK's APIError and the recorder's tool_use_failed, status 400", async () => {
    const groq = await client();
    const stream = await groq.chat.completions.create({ ...RIVERS, stream: true }, fault('stream-error'));
    const error = await thrown(
      (async () => {
        for await (const _chunk of stream) {
          // consume
        }
      })(),
    );
    expect(error).toBeInstanceOf(Groq.APIError);
    await spansEnded(telemetry, 1);
    expect(telemetry.onlySpan().attributes['error.type']).toBe('tool_use_failed');
    expect(
      pointValue(await telemetry.points('groq.requests'), { outcome: 'error', status_code: '400' }),
    ).toBe(1);
  });

  it('a client that disconnects mid-stream aborts the upstream request; the stream is recorded as abandoned', async () => {
    const groq = await client({ timeScale: 1 });
    const stream = await groq.chat.completions.create({ ...RIVERS, stream: true });
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content) break;
    }
    await spansEnded(telemetry, 1);
    expect(telemetry.onlySpan().attributes['groqmeter.abandoned']).toBe(true);
    expect(pointValue(await telemetry.points('groq.requests'), { outcome: 'abandoned' })).toBe(1);
    const deadline = Date.now() + 5000;
    while (under?.sim.stats().models['openai/gpt-oss-20b']?.chat?.clientAborts !== 1) {
      if (Date.now() > deadline) throw new Error('the simulator never saw the upstream request aborted');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(
      pointValue(await telemetry.points('groqmeter.proxy.requests'), { outcome: 'client_disconnected' }),
    ).toBe(1);
  });

  it('an unreachable upstream closes the client connection, as a direct connection would fail', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    under = await startProxyUnderTest(telemetry, { upstream: `http://127.0.0.1:${port}/openai/v1` });
    const groq = new Groq({ apiKey: API_KEY, baseURL: under.proxy.url, maxRetries: 0 });
    expect(await thrown(groq.chat.completions.create(RIVERS))).toBeInstanceOf(Groq.APIConnectionError);
    await spansEnded(telemetry, 1);
    expect(telemetry.onlySpan().attributes['error.type']).toBe('APIConnectionError');
    expect(pointValue(await telemetry.points('groqmeter.proxy.upstream.errors'), { kind: 'connect' })).toBe(
      1,
    );
  });
});
