import { makeWav, type RunningSimulator, startSimulator } from '@groqmeter/groq-simulator';
import { useTelemetryHarness } from '@groqmeter/recorder/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningProxy, startProxy } from '../src/index.js';
import { API_KEY } from './proxy-under-test.js';
import { multipartBody, rawExchange } from './raw-exchange.js';

const telemetry = useTelemetryHarness({ beforeAll, beforeEach, afterAll });

// Two simulators with the same seed and a frozen clock answer the same requests with the same
// bytes: one is called directly, the other through the proxy.
const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
let direct: RunningSimulator;
let behind: RunningSimulator;
let proxy: RunningProxy;

beforeAll(async () => {
  direct = await startSimulator({ now: () => NOW });
  behind = await startSimulator({ now: () => NOW });
  proxy = await startProxy({
    port: 0,
    upstream: behind.openaiBaseURL,
    tracerProvider: telemetry.tracerProvider,
    meterProvider: telemetry.meterProvider,
    logLevel: 'silent',
  });
});
afterAll(async () => {
  await proxy.close();
  await direct.close();
  await behind.close();
});

const AUTH = { authorization: `Bearer ${API_KEY}` };
const JSON_HEADERS = { ...AUTH, 'content-type': 'application/json' };

/** Send the same request directly and through the proxy; both answers must be identical. */
async function expectSameAnswer(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: Uint8Array | string } = {},
) {
  const viaDirect = await rawExchange(direct.openaiBaseURL + path, options);
  const viaProxy = await rawExchange(proxy.baseURL + path, options);
  expect({ ...viaProxy, chunks: undefined, body: viaProxy.body.toString('latin1') }).toEqual({
    ...viaDirect,
    chunks: undefined,
    body: viaDirect.body.toString('latin1'),
  });
  return viaProxy;
}

const chat = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    model: 'openai/gpt-oss-20b',
    messages: [{ role: 'user', content: 'Tell me about rivers' }],
    ...extra,
  });

describe('byte-for-byte pass-through', () => {
  it('chat completions, streamed (with and without include_usage) and not', async () => {
    const plain = await expectSameAnswer('/chat/completions', {
      method: 'POST',
      headers: JSON_HEADERS,
      body: chat(),
    });
    expect(plain.status).toBe(200);
    expect(plain.headers).toContain('x-ratelimit-remaining-tokens');
    expect(plain.headers).toContain('x-request-id');
    const streamed = await expectSameAnswer('/chat/completions', {
      method: 'POST',
      headers: JSON_HEADERS,
      body: chat({ stream: true }),
    });
    expect(streamed.body.toString()).toMatch(/^data: \{.*\n\n[\s\S]*data: \[DONE\]\n\n$/);
    await expectSameAnswer('/chat/completions', {
      method: 'POST',
      headers: JSON_HEADERS,
      body: chat({ stream: true, stream_options: { include_usage: true } }),
    });
  });

  it('the Responses API, streamed and not', async () => {
    const body = (stream: boolean) =>
      JSON.stringify({ model: 'openai/gpt-oss-20b', input: 'Name a river', stream });
    await expectSameAnswer('/responses', { method: 'POST', headers: JSON_HEADERS, body: body(false) });
    const streamed = await expectSameAnswer('/responses', {
      method: 'POST',
      headers: JSON_HEADERS,
      body: body(true),
    });
    expect(streamed.body.toString()).toContain('event: response.completed');
  });

  it('audio transcription (json, verbose_json, text), translation and speech', async () => {
    for (const [path, format] of [
      ['/audio/transcriptions', 'json'],
      ['/audio/transcriptions', 'verbose_json'],
      ['/audio/transcriptions', 'text'],
      ['/audio/translations', 'json'],
    ] as const) {
      const upload = await multipartBody({
        model: 'whisper-large-v3',
        response_format: format,
        file: new Blob([makeWav(3).slice()], { type: 'audio/wav' }),
      });
      const answer = await expectSameAnswer(path, {
        method: 'POST',
        headers: { ...AUTH, 'content-type': upload.contentType },
        body: upload.body,
      });
      expect(answer.status).toBe(200);
    }
    const speech = await expectSameAnswer('/audio/speech', {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ model: 'canopylabs/orpheus-v1-english', input: 'Hello river', voice: 'troy' }),
    });
    expect(speech.body.subarray(0, 4).toString()).toBe('RIFF');
  });

  it('models, files and batches', async () => {
    await expectSameAnswer('/models', { headers: AUTH });
    await expectSameAnswer(`/models/${encodeURIComponent('openai/gpt-oss-20b')}`, { headers: AUTH });
    const line = JSON.stringify({
      custom_id: 'a',
      method: 'POST',
      url: '/v1/chat/completions',
      body: { model: 'openai/gpt-oss-20b', messages: [{ role: 'user', content: 'hi' }] },
    });
    const upload = await multipartBody({ purpose: 'batch', file: new Blob([`${line}\n`]) }, 'batch.jsonl');
    const file = await expectSameAnswer('/files', {
      method: 'POST',
      headers: { ...AUTH, 'content-type': upload.contentType },
      body: upload.body,
    });
    const fileId = (JSON.parse(file.body.toString()) as { id: string }).id;
    await expectSameAnswer('/batches', {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({
        input_file_id: fileId,
        endpoint: '/v1/chat/completions',
        completion_window: '24h',
      }),
    });
    await expectSameAnswer('/files', { headers: AUTH });
  });

  it('errors: unknown model, missing key, 429 with retry-after, 500, in-stream error, malformed chunk', async () => {
    const unknown = await expectSameAnswer('/chat/completions', {
      method: 'POST',
      headers: JSON_HEADERS,
      body: chat({ model: 'no-such-model' }),
    });
    expect(unknown.status).toBe(404);
    expect((await expectSameAnswer('/models', {})).status).toBe(401);
    const limited = await expectSameAnswer('/chat/completions', {
      method: 'POST',
      headers: { ...JSON_HEADERS, 'x-simulator-fault': '429', 'x-simulator-retry-after': '7' },
      body: chat(),
    });
    expect(limited.status).toBe(429);
    expect(limited.headers).toEqual(expect.arrayContaining(['retry-after', '7']));
    const failed = await expectSameAnswer('/chat/completions', {
      method: 'POST',
      headers: { ...JSON_HEADERS, 'x-simulator-fault': '500' },
      body: chat(),
    });
    expect(failed.status).toBe(500);
    const frame = await expectSameAnswer('/chat/completions', {
      method: 'POST',
      headers: { ...JSON_HEADERS, 'x-simulator-fault': 'stream-error' },
      body: chat({ stream: true }),
    });
    expect(frame.body.toString()).toContain('event: error');
    const malformed = await expectSameAnswer('/chat/completions', {
      method: 'POST',
      headers: { ...JSON_HEADERS, 'x-simulator-fault': 'malformed-chunk' },
      body: chat({ stream: true }),
    });
    expect(malformed.body.toString()).toContain('data: [DONE]');
  });
});
