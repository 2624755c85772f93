import { makeWav, startSimulator } from '@groqmeter/groq-simulator';
import { useTelemetryHarness } from '@groqmeter/recorder/testing';
import Groq, { toFile } from 'groq-sdk';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  API_KEY,
  type ProxyUnderTest,
  pointValue,
  spansEnded,
  startProxyUnderTest,
} from './proxy-under-test.js';

const telemetry = useTelemetryHarness({ beforeAll, beforeEach, afterAll }, { pointOrder: 'attributes' });
let under: ProxyUnderTest;
let groq: Groq;
let openai: OpenAI;

beforeEach(async () => {
  under = await startProxyUnderTest(telemetry);
  groq = new Groq({ apiKey: API_KEY, baseURL: under.proxy.url, maxRetries: 0 });
  openai = new OpenAI({ apiKey: API_KEY, baseURL: under.proxy.baseURL, maxRetries: 0 });
});
afterEach(async () => {
  await under.close();
});

// "Tell me about rivers": 4 + ceil(20 / 4) = 9 prompt tokens; 32 completion tokens (16 reasoning).
// 9 × $0.075/M + 32 × $0.30/M = $0.000000675 + $0.0000096 = $0.000010275.
const RIVERS = {
  model: 'openai/gpt-oss-20b',
  messages: [{ role: 'user' as const, content: 'Tell me about rivers' }],
};
const RIVERS_COST = '0.000010275000';

async function requestsOutcome(match: Record<string, unknown>) {
  return pointValue(await telemetry.points('groq.requests'), match);
}

describe('chat through the proxy', () => {
  it('groq-sdk streaming: every chunk reaches the SDK, usage from x_groq, time to first chunk recorded', async () => {
    const stream = await groq.chat.completions.create({ ...RIVERS, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text.split(' ')).toHaveLength(16);
    await spansEnded(telemetry, 1);
    const span = telemetry.onlySpan();
    expect(span.attributes).toMatchObject({
      'gen_ai.request.stream': true,
      'gen_ai.usage.input_tokens': 9,
      'gen_ai.usage.output_tokens': 32,
      'groq.cost.usd': RIVERS_COST,
      'groq.cost.pricing': 'exact',
      'gen_ai.response.finish_reasons': ['stop'],
      'server.address': '127.0.0.1',
    });
    expect(span.attributes['gen_ai.response.time_to_first_chunk']).toBeGreaterThanOrEqual(0);
    const ttft = await telemetry.points('gen_ai.client.operation.time_to_first_chunk');
    expect(ttft).toHaveLength(1);
    expect(ttft[0]?.value).toMatchObject({ count: 1 });
    expect(await requestsOutcome({ outcome: 'success', operation: 'chat' })).toBe(1);
  });

  it('openai SDK: chat with include_usage, and the Responses API streamed and not', async () => {
    const stream = await openai.chat.completions.create({
      ...RIVERS,
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const _chunk of stream) {
      // consume
    }
    const answer = await openai.responses.create({
      model: 'openai/gpt-oss-20b',
      input: 'Tell me about rivers',
    });
    expect(answer.usage?.input_tokens).toBe(9);
    const events = await openai.responses.create({
      model: 'openai/gpt-oss-20b',
      input: 'Tell me about rivers',
      stream: true,
    });
    for await (const _event of events) {
      // consume
    }
    await spansEnded(telemetry, 3);
    const costs = telemetry.spans().map((span) => span.attributes['groq.cost.usd']);
    expect(costs).toEqual([RIVERS_COST, RIVERS_COST, RIVERS_COST]);
    expect(pointValue(await telemetry.points('groq.tokens'), { type: 'input' })).toBe(27);
    expect(pointValue(await telemetry.points('groq.tokens'), { type: 'output' })).toBe(96);
  });

  it('records the rate-limit headroom of the answer', async () => {
    // A frozen clock: the token budget does not refill between the answer and the assertion.
    const frozen = await startSimulator({ now: () => Date.UTC(2026, 11, 1, 12) });
    const behindFrozen = await startProxyUnderTest(telemetry, {}, frozen);
    await new Groq({
      apiKey: API_KEY,
      baseURL: behindFrozen.proxy.url,
      maxRetries: 0,
    }).chat.completions.create(RIVERS);
    await spansEnded(telemetry, 1);
    await behindFrozen.close();
    await frozen.close();
    // 8000 TPM, 9 + 32 tokens spent; 1000 RPD, one request spent.
    const remaining = await telemetry.points('groq.ratelimit.remaining');
    expect(pointValue(remaining, { resource: 'tokens' })).toBe(7959);
    expect(pointValue(remaining, { resource: 'requests' })).toBe(999);
    expect(pointValue(await telemetry.points('groq.ratelimit.limit'), { resource: 'tokens' })).toBe(8000);
  });
});

describe('audio, speech and models through the proxy', () => {
  it('a transcription is billed on the uploaded audio, read from the multipart upload (10 s minimum)', async () => {
    const file = await toFile(makeWav(3), 'note.wav', { type: 'audio/wav' });
    const answer = await groq.audio.transcriptions.create({ model: 'whisper-large-v3', file });
    expect(answer.text.length).toBeGreaterThan(0);
    await spansEnded(telemetry, 1);
    const span = telemetry.onlySpan();
    // 3 s of audio, billed 10 s at $0.111/h: 10 × 0.111 / 3600 = $0.000308333…
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'transcription',
      'groq.usage.audio_seconds': 3,
      'groq.cost.usd': '0.000308333333',
      'groq.cost.pricing': 'exact',
    });
    expect(
      pointValue(await telemetry.points('groq.audio.billed.seconds'), { model: 'whisper-large-v3' }),
    ).toBe(10);
  });

  it('speech is billed per input character; models are recorded and bill nothing', async () => {
    const audio = await groq.audio.speech.create({
      model: 'canopylabs/orpheus-v1-english',
      input: 'Hello river',
      voice: 'troy',
      response_format: 'wav',
    });
    expect((await audio.arrayBuffer()).byteLength).toBeGreaterThan(44);
    await groq.models.list();
    await groq.models.retrieve('openai/gpt-oss-20b');
    await spansEnded(telemetry, 3);
    const [speech, list, retrieve] = telemetry.spans();
    // 11 characters at $22/M = $0.000242.
    expect(speech?.attributes).toMatchObject({
      'groq.usage.characters': 11,
      'groq.cost.usd': '0.000242000000',
    });
    expect(list?.name).toBe('models');
    expect(retrieve?.name).toBe('models openai/gpt-oss-20b');
    expect(list?.attributes['groq.cost.usd']).toBeUndefined();
  });

  it('forwards endpoints that are not Groq operations without recording them', async () => {
    const files = await groq.files.list();
    expect(files.data).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(telemetry.spans()).toEqual([]);
  });
});
