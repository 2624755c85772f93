import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { useTelemetryHarness } from '@groqmeter/recorder/testing';
import Groq from 'groq-sdk';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { apiKeyLabel, DEFAULT_PROXY_CONFIG, type ProxyOptions, startProxy } from '../src/index.js';
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

/** Run a command with `input` on its stdin. */
function run(command: string, args: string[], options: { input: string }): Promise<{ stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout) =>
      error ? reject(error) : resolve({ stdout }),
    );
    child.stdin?.end(options.input);
  });
}

const RIVERS = {
  model: 'openai/gpt-oss-20b',
  messages: [{ role: 'user' as const, content: 'Tell me about rivers' }],
};

async function proxied(options: ProxyOptions = {}): Promise<ProxyUnderTest> {
  under = await startProxyUnderTest(telemetry, options);
  return under;
}

/** An upstream that answers `{}` and keeps the raw headers of every request it got. */
async function headerEchoUpstream(): Promise<{ url: string; received: string[][]; server: Server }> {
  const received: string[][] = [];
  const server = createServer((request: IncomingMessage, response) => {
    received.push(request.rawHeaders);
    request.resume();
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/openai/v1`, received, server };
}

describe('attribution headers', () => {
  it('become attribution (labels only for allow-listed keys) and never reach Groq', async () => {
    const echo = await headerEchoUpstream();
    const { proxy } = await proxied({ upstream: echo.url });
    await rawExchange(`${proxy.baseURL}/models`, {
      headers: {
        authorization: `Bearer ${API_KEY}`,
        'X-Groqmeter-Feature': 'support-chat',
        'x-groqmeter-user-id': '42',
        'x-custom': 'kept',
      },
    });
    echo.server.close();
    const sent = echo.received[0] ?? [];
    expect(sent.filter((_, index) => index % 2 === 0)).toEqual([
      'Host',
      'authorization',
      'x-custom',
      'Connection',
    ]);
    expect(sent[sent.indexOf('authorization') + 1]).toBe(`Bearer ${API_KEY}`);
  });

  it('label allow-listed keys under the series cap; every key goes on the span', async () => {
    const { proxy } = await proxied({ seriesCap: 1 });
    const groq = new Groq({ apiKey: API_KEY, baseURL: proxy.url, maxRetries: 0 });
    for (const feature of ['support-chat', 'search']) {
      await groq.chat.completions.create(RIVERS, {
        headers: {
          'x-groqmeter-feature': feature,
          'x-groqmeter-user-id': '42',
          'x-groqmeter-tenant-tier': 'pro',
        },
      });
    }
    await spansEnded(telemetry, 2);
    expect(telemetry.spans()[0]?.attributes).toMatchObject({
      feature: 'support-chat',
      'user.id': '42',
      tenant_tier: 'pro',
    });
    const requests = await telemetry.points('groq.requests');
    expect(pointValue(requests, { feature: 'support-chat', tenant_tier: 'pro' })).toBe(1);
    expect(pointValue(requests, { feature: '__overflow__', tenant_tier: '__overflow__' })).toBe(1);
    expect(requests.some((point) => 'user.id' in point.attributes)).toBe(false);
    expect(pointValue(await telemetry.points('groqmeter.dropped'), { reason: 'series_cap' })).toBeGreaterThan(
      0,
    );
  });
});

describe('--key-label', () => {
  it('records a 12-hex-digit HMAC fingerprint of the key, as a label, never the key', async () => {
    const { proxy, logs } = await proxied({ keyLabel: true, keyLabelSecret: 'team-secret' });
    const groq = new Groq({ apiKey: API_KEY, baseURL: proxy.url, maxRetries: 0 });
    await groq.chat.completions.create({ ...RIVERS, stream: true }).then(async (stream) => {
      for await (const _chunk of stream) {
        // consume
      }
    });
    await groq.chat.completions.create(RIVERS);
    await spansEnded(telemetry, 2);
    const label = apiKeyLabel(`Bearer ${API_KEY}`, 'team-secret');
    expect(label).toMatch(/^[0-9a-f]{12}$/);
    expect(label).not.toBe(apiKeyLabel(`Bearer ${API_KEY}`, 'another-secret'));
    expect(telemetry.spans()[0]?.attributes.key_label).toBe(label);
    expect(pointValue(await telemetry.points('groq.requests'), { key_label: label })).toBe(2);
    const everything = `${await telemetry.exportedText()}\n${logs.join('\n')}`;
    expect(everything).not.toContain(API_KEY);
    expect(everything).not.toContain(API_KEY.slice(4, 20));
    expect(everything).not.toContain('Tell me about rivers');
  });
});

describe('the proxy token', () => {
  it('is required when set: 407 without or with a wrong one, and is not forwarded', async () => {
    const echo = await headerEchoUpstream();
    const { proxy } = await proxied({ upstream: echo.url, proxyToken: 'proxy-secret' });
    const models = `${proxy.baseURL}/models`;
    const missing = await rawExchange(models, { headers: { authorization: `Bearer ${API_KEY}` } });
    expect(missing.status).toBe(407);
    expect(JSON.parse(missing.body.toString())).toEqual({
      error: {
        message: 'This groqmeter proxy needs its token: send "Proxy-Authorization: Bearer <proxy token>".',
        type: 'invalid_request_error',
        code: 'proxy_token_required',
      },
    });
    const wrong = await rawExchange(models, { headers: { 'proxy-authorization': 'Bearer proxy-secreT' } });
    expect(wrong.status).toBe(407);
    const right = await rawExchange(models, { headers: { 'proxy-authorization': 'Bearer proxy-secret' } });
    expect(right.status).toBe(200);
    echo.server.close();
    expect(echo.received).toHaveLength(1);
    expect(echo.received[0]?.map((value) => value.toLowerCase())).not.toContain('proxy-authorization');
    expect(pointValue(await telemetry.points('groqmeter.proxy.requests'), { outcome: 'unauthorized' })).toBe(
      2,
    );
  });
});

describe('the body size limit', () => {
  it('answers 413 before anything goes upstream, declared or chunked', async () => {
    const { proxy, sim } = await proxied({ maxBodyBytes: 100 });
    const body = JSON.stringify({ ...RIVERS, messages: [{ role: 'user', content: 'x'.repeat(200) }] });
    const declared = await rawExchange(`${proxy.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body,
    });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body.toString()).error.code).toBe('request_too_large');
    const chunked = await rawExchange(`${proxy.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body,
    });
    expect(chunked.status).toBe(413);
    expect(sim.stats().models).toEqual({});
    expect(telemetry.spans()).toEqual([]);
    expect(pointValue(await telemetry.points('groqmeter.proxy.requests'), { outcome: 'too_large' })).toBe(2);
  });
});

describe('Expect: 100-continue (curl, large uploads)', () => {
  it('refuses an oversized declared body before it is sent, and lets one that fits through', async () => {
    const { proxy, sim } = await proxied({ maxBodyBytes: 1024 * 1024 });
    const big = JSON.stringify({
      model: 'openai/gpt-oss-20b',
      messages: [{ role: 'user', content: 'x'.repeat(1_500_000) }],
    });
    const curl = (url: string) =>
      run(
        inject('curl'),
        [
          '-sS',
          url,
          '-H',
          `Authorization: Bearer ${API_KEY}`,
          '-H',
          'Content-Type: application/json',
          '-H',
          'Expect: 100-continue',
          '--data-binary',
          '@-',
          '-w',
          '\\n%{http_code}',
        ],
        { input: big },
      );
    const refused = await curl(`${proxy.baseURL}/chat/completions`);
    expect(refused.stdout.endsWith('\n413')).toBe(true);
    expect(JSON.parse(refused.stdout.split('\n')[0] ?? '').error.code).toBe('request_too_large');
    expect(sim.stats().models).toEqual({});
    await under?.close();
    const roomy = await proxied({ maxBodyBytes: 4 * 1024 * 1024 });
    const forwarded = await curl(`${roomy.proxy.baseURL}/chat/completions`);
    // Groq's own answer to a prompt above the model's whole token budget.
    expect(forwarded.stdout).toMatch(/Request too large/);
    expect(Object.keys(roomy.sim.stats().models)).toEqual(['openai/gpt-oss-20b']);
  });
});

describe('defaults', () => {
  it('listens on loopback unless told otherwise; content is not captured unless opted in', async () => {
    expect(DEFAULT_PROXY_CONFIG.host).toBe('127.0.0.1');
    const proxy = await startProxy({
      port: 0,
      upstream: 'http://127.0.0.1:9/openai/v1',
      logLevel: 'silent',
      tracerProvider: telemetry.tracerProvider,
      meterProvider: telemetry.meterProvider,
    });
    expect(proxy.url).toBe(`http://127.0.0.1:${proxy.port}`);
    await proxy.close();
    const { proxy: capturing } = await proxied({ captureMessageContent: true });
    await new Groq({ apiKey: API_KEY, baseURL: capturing.url, maxRetries: 0 }).chat.completions.create(
      RIVERS,
    );
    await spansEnded(telemetry, 1);
    expect(telemetry.onlySpan().attributes['gen_ai.input.messages']).toBe(
      '[{"role":"user","parts":[{"type":"text","content":"Tell me about rivers"}]}]',
    );
  });
});
