/**
 * One app, two `openai` clients: one pointed at Groq (the Groq simulator, listed in
 * `groqBaseURLs`), one at OpenAI itself (the OpenAI stand-in). Both are metered into the same
 * series, told apart by `provider`, every cost computed by hand from the catalogues.
 */
import {
  makeWav,
  type RunningOpenAISimulator,
  type RunningSimulator,
  startOpenAISimulator,
  startSimulator,
} from '@groqmeter/groq-simulator';
import {
  createTelemetryHarness,
  installAsyncContext,
  type TelemetryHarness,
} from '@groqmeter/recorder/testing';
import OpenAI, { toFile } from 'openai';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { instrumentOpenAI, withGroqAttributes } from '../src/index.js';

let groqSim: RunningSimulator;
let openaiSim: RunningOpenAISimulator;
let telemetry: TelemetryHarness;
let groq: OpenAI;
let openai: OpenAI;

let undoContext: () => void;

beforeAll(async () => {
  // Attribution set around a call (withGroqAttributes) travels in the OTel context.
  undoContext = installAsyncContext();
  groqSim = await startSimulator({ port: 0 });
  openaiSim = await startOpenAISimulator();
});
afterAll(async () => {
  undoContext();
  await groqSim.close();
  await openaiSim.close();
});
beforeEach(() => {
  groqSim.reset();
  telemetry = createTelemetryHarness();
  const options = {
    tracerProvider: telemetry.tracerProvider,
    meterProvider: telemetry.meterProvider,
    groqBaseURLs: [groqSim.openaiBaseURL],
    labelAttributes: ['feature'],
  };
  groq = instrumentOpenAI(
    new OpenAI({ apiKey: 'gsk-test', baseURL: groqSim.openaiBaseURL, maxRetries: 0 }),
    options,
  );
  openai = instrumentOpenAI(
    new OpenAI({ apiKey: 'sk-test', baseURL: openaiSim.url, maxRetries: 0 }),
    options,
  );
});
afterEach(() => telemetry.shutdown());

/** `groq.cost.usd` of the only span. */
function spanCost(): unknown {
  return telemetry.onlySpan().attributes['groq.cost.usd'];
}

/** Sum of a counter's points per `provider` label. */
async function byProvider(metric: string): Promise<Record<string, number>> {
  const sums: Record<string, number> = {};
  for (const point of await telemetry.points(metric)) {
    const provider = String(point.attributes.provider);
    sums[provider] = (sums[provider] ?? 0) + (point.value as number);
  }
  return sums;
}

const summarise = [{ role: 'user' as const, content: 'Summarise the ticket' }];

describe('one openai client for Groq and one for OpenAI', () => {
  it('meters both chats under their provider, with the Groq baseline only on Groq', async () => {
    await groq.chat.completions.create({ model: 'openai/gpt-oss-20b', messages: summarise });
    await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: summarise });
    const [groqSpan, openaiSpan] = telemetry.spans();
    // Groq: 9 prompt tokens (4 + ceil(20 / 4)) × $0.075/1M + 32 completion × $0.30/1M = $0.000000675 + $0.0000096
    expect(groqSpan?.attributes).toMatchObject({
      'gen_ai.provider.name': 'groq',
      'groq.cost.usd': '0.000010275000',
      // on gpt-4o: 9 × $2.50/1M + 32 × $10/1M
      'groq.cost.baseline.usd': '0.000342500000',
    });
    // OpenAI: 9 × $0.15/1M + 24 × $0.60/1M = $0.00000135 + $0.0000144
    expect(openaiSpan?.attributes).toMatchObject({
      'gen_ai.provider.name': 'openai',
      'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
      'groq.service_tier': 'default',
      'groq.cost.usd': '0.000015750000',
    });
    expect(openaiSpan?.attributes['groq.cost.baseline.usd']).toBeUndefined();
    const cost = await byProvider('groq.cost.usd');
    expect(cost.groq).toBeCloseTo(0.000010275, 15);
    expect(cost.openai).toBeCloseTo(0.00001575, 15);
    expect(await byProvider('groq.requests')).toEqual({ groq: 1, openai: 1 });
    expect(await byProvider('groq.cost.baseline.usd')).toEqual({ groq: 0.0003425 });
    // Groq's rate-limit headroom only: OpenAI's per-minute headers are not Groq's per-day ones.
    const remaining = await telemetry.points('groq.ratelimit.remaining');
    expect(new Set(remaining.map((point) => point.attributes.model))).toEqual(
      new Set(['openai/gpt-oss-20b']),
    );
  });

  it('prices the Responses API on OpenAI, streamed and not, reasoning as output', async () => {
    await openai.responses.create({ model: 'gpt-5-mini', input: 'Hello there' });
    // 7 input tokens (4 + ceil(11 / 4)) × $0.25/1M + 40 output (24 + 16 reasoning) × $2.00/1M
    expect(spanCost()).toBe('0.000081750000');
    await telemetry.reset();
    const stream = await openai.responses.create({ model: 'gpt-4.1-mini', input: 'Hi', stream: true });
    for await (const _event of stream);
    // 5 input tokens × $0.40/1M + 24 output × $1.60/1M = $0.000002 + $0.0000384
    expect(telemetry.onlySpan().attributes).toMatchObject({
      'gen_ai.request.stream': true,
      'groq.cost.usd': '0.000040400000',
    });
  });

  it("meters a background response once, when a read shows it completed, with its create's attribution", async () => {
    const queued = await withGroqAttributes({ feature: 'research' }, () =>
      openai.responses.create({ model: 'gpt-4.1-mini', input: 'Hi', background: true }),
    );
    expect(queued.status).toBe('queued');
    expect(telemetry.spans()).toEqual([]);
    expect((await openai.responses.retrieve(queued.id)).status).toBe('in_progress');
    expect(telemetry.spans()).toEqual([]);
    const done = await openai.responses.retrieve(queued.id);
    expect(done.status).toBe('completed');
    await openai.responses.retrieve(queued.id);
    // The same answer as a streamed create: 5 input tokens × $0.40/1M + 24 output × $1.60/1M
    expect(telemetry.onlySpan().attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.response.id': queued.id,
      'groq.cost.usd': '0.000040400000',
    });
    expect(await byProvider('groq.requests')).toEqual({ openai: 1 });
    const [cost] = await telemetry.points('groq.cost.usd');
    expect(cost?.attributes.feature).toBe('research');
  });

  it('meters a streamed background response from its stream, and not again when it is read afterwards', async () => {
    const stream = await openai.responses.create({
      model: 'gpt-4.1-mini',
      input: 'Hi',
      background: true,
      stream: true,
    });
    let id = '';
    for await (const event of stream) if (event.type === 'response.completed') id = event.response.id;
    expect((await openai.responses.retrieve(id)).status).toBe('completed');
    expect(telemetry.onlySpan().attributes).toMatchObject({
      'gen_ai.request.stream': true,
      'gen_ai.response.id': id,
      'groq.cost.usd': '0.000040400000',
    });
    expect(await byProvider('groq.requests')).toEqual({ openai: 1 });
  });

  it("meters a background response from a resumed stream once, with its create's attribution", async () => {
    const queued = await withGroqAttributes({ feature: 'research' }, () =>
      openai.responses.create({ model: 'gpt-4.1-mini', input: 'Hi', background: true }),
    );
    const resumed = await openai.responses.retrieve(queued.id, { stream: true });
    const types: string[] = [];
    for await (const event of resumed) types.push(event.type);
    expect(types.at(-1)).toBe('response.completed');
    await openai.responses.retrieve(queued.id);
    expect((await openai.responses.retrieve(queued.id)).status).toBe('completed');
    expect(telemetry.onlySpan().attributes).toMatchObject({
      'gen_ai.response.id': queued.id,
      'groq.cost.usd': '0.000040400000',
      feature: 'research',
    });
  });

  it('records a background create that fails as a failed operation', async () => {
    const unreachable = instrumentOpenAI(
      new OpenAI({ apiKey: 'sk-test', baseURL: 'http://127.0.0.1:9/v1', maxRetries: 0 }),
      { tracerProvider: telemetry.tracerProvider, meterProvider: telemetry.meterProvider },
    );
    await expect(
      unreachable.responses.create({ model: 'gpt-4.1-mini', input: 'Hi', background: true }),
    ).rejects.toThrow('Connection error.');
    expect(telemetry.onlySpan().attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'gpt-4.1-mini',
      'error.type': 'APIConnectionError',
    });
  });

  it('reports a chat with an image as operation type vision', async () => {
    await openai.chat.completions.create({
      model: 'gpt-4o',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: 'https://example.com/receipt.png' } },
          ],
        },
      ],
    });
    // 4 + ceil(13 / 4) + 85 for the image = 93 prompt tokens × $2.50/1M + 24 × $10/1M
    expect(telemetry.onlySpan().attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'groqmeter.operation.type': 'vision',
      'groq.cost.usd': '0.000472500000',
    });
  });

  it('prices embeddings, and whisper-1 by the second', async () => {
    await openai.embeddings.create({ model: 'text-embedding-3-small', input: 'refund policy' });
    // ceil(13 / 4) = 4 tokens × $0.02/1M
    expect(telemetry.onlySpan().attributes).toMatchObject({
      'groqmeter.operation.type': 'embedding',
      'groq.cost.usd': '0.000000080000',
    });
    await telemetry.reset();
    const file = () => toFile(makeWav(12.5), 'call.wav', { type: 'audio/wav' });
    await openai.audio.transcriptions.create({ model: 'whisper-1', file: await file() });
    // OpenAI reports 13 s: 13 s × $0.006 / 60 s
    expect(spanCost()).toBe('0.001300000000');
  });

  it('prices gpt-4o-transcribe by its audio tokens, counted as audio_input tokens', async () => {
    const file = await toFile(makeWav(12.5), 'call.wav', { type: 'audio/wav' });
    await openai.audio.transcriptions.create({ model: 'gpt-4o-transcribe', file });
    // 125 audio tokens × $6/1M + 11 output tokens × $10/1M = $0.00075 + $0.00011
    expect(telemetry.onlySpan().attributes).toMatchObject({
      'groq.cost.usd': '0.000860000000',
      'gen_ai.usage.input_tokens': 125,
    });
    const tokens = await telemetry.points('groq.tokens');
    expect(tokens.map((point) => [point.attributes.type, point.value])).toEqual([
      ['input', 125],
      ['output', 11],
      ['audio_input', 125],
    ]);
  });

  it('prices speech on tts-1 per character and leaves gpt-4o-mini-tts unpriced', async () => {
    await openai.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'Your order has shipped.' });
    // 23 characters × $15/1M
    expect(spanCost()).toBe('0.000345000000');
    await telemetry.reset();
    await openai.audio.speech.create({ model: 'gpt-4o-mini-tts', voice: 'alloy', input: 'Hello' });
    expect(telemetry.onlySpan().attributes).toMatchObject({
      'groq.cost.known': false,
      'groq.cost.pricing': 'unpriced',
    });
  });

  it('meters a polled Assistants run once, as operation assistant; threads and polls are not billed', async () => {
    const assistant = await openai.beta.assistants.create({
      model: 'gpt-4.1-mini',
      instructions: 'Be brief.',
    });
    const thread = await openai.beta.threads.create({
      messages: [{ role: 'user', content: 'Where is my parcel?' }],
    });
    const run = await openai.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
    await openai.beta.threads.runs.retrieve(run.id, { thread_id: thread.id });
    await openai.beta.threads.messages.list(thread.id);
    const span = telemetry.onlySpan();
    expect(span.name).toBe('assistant gpt-4.1-mini');
    // 16 prompt tokens (7 of instructions, 9 of the message) × $0.40/1M + 24 × $1.60/1M
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'assistant',
      'gen_ai.provider.name': 'openai',
      'gen_ai.response.id': run.id,
      'gen_ai.response.finish_reasons': ['completed'],
      'groq.cost.usd': '0.000044800000',
    });
    expect(await byProvider('groq.requests')).toEqual({ openai: 1 });
  });

  it('meters a streamed run from its thread.run.completed event', async () => {
    const assistant = await openai.beta.assistants.create({ model: 'gpt-4o' });
    const thread = await openai.beta.threads.create({ messages: [{ role: 'user', content: 'Hello' }] });
    const stream = openai.beta.threads.runs.stream(thread.id, { assistant_id: assistant.id });
    const run = await stream.finalRun();
    expect(run.status).toBe('completed');
    // 6 prompt tokens (4 + ceil(5 / 4)) × $2.50/1M + 24 × $10/1M = $0.000015 + $0.00024
    expect(spanCost()).toBe('0.000255000000');
  });

  it('meters a raw streamed create (stream: true) from its events, once, without changing them', async () => {
    const assistant = await openai.beta.assistants.create({ model: 'gpt-4o' });
    const thread = await openai.beta.threads.create({ messages: [{ role: 'user', content: 'Hello' }] });
    const stream = await openai.beta.threads.runs.create(thread.id, {
      assistant_id: assistant.id,
      stream: true,
    });
    const events: string[] = [];
    for await (const event of stream) events.push(event.event);
    expect(events).toEqual([
      'thread.run.created',
      'thread.run.in_progress',
      'thread.message.created',
      'thread.message.delta',
      'thread.message.completed',
      'thread.run.completed',
    ]);
    expect(telemetry.onlySpan().name).toBe('assistant gpt-4o');
    // the same run as the runs.stream test: 6 × $2.50/1M + 24 × $10/1M
    expect(spanCost()).toBe('0.000255000000');
    expect(await byProvider('groq.requests')).toEqual({ openai: 1 });
  });

  it('meters a streamed createAndRun read through toReadableStream', async () => {
    const assistant = await openai.beta.assistants.create({ model: 'gpt-4o' });
    const stream = await openai.beta.threads.createAndRun({
      assistant_id: assistant.id,
      thread: { messages: [{ role: 'user', content: 'Hello' }] },
      stream: true,
    });
    const reader = stream.toReadableStream().getReader();
    let lines = 0;
    while (!(await reader.read()).done) lines += 1;
    expect(lines).toBe(6);
    expect(spanCost()).toBe('0.000255000000');
  });

  it('meters runs.stream once although it calls runs.create with stream: true', async () => {
    const assistant = await openai.beta.assistants.create({ model: 'gpt-4o' });
    const thread = await openai.beta.threads.create({ messages: [{ role: 'user', content: 'Hello' }] });
    await openai.beta.threads.runs.stream(thread.id, { assistant_id: assistant.id }).finalRun();
    expect(telemetry.spans()).toHaveLength(1);
    expect(await byProvider('groq.requests')).toEqual({ openai: 1 });
  });
});
