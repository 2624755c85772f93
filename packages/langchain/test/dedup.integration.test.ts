import { createRequire } from 'node:module';
import { type RunningSimulator, startSimulator } from '@groqmeter/groq-simulator';
import { GroqInstrumentation, instrumentGroq } from '@groqmeter/instrumentation-groq';
import { useTelemetryHarness } from '@groqmeter/recorder/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GroqmeterCallbackHandler, instrumentChatGroq } from '../src/index.js';

// The groq-sdk instrumentation patches groq-sdk when it is loaded, as registerInstrumentations or
// the OTel Node SDK would: ChatGroq is required after it, so its own groq-sdk client is patched.
const instrumentation = new GroqInstrumentation({ enabled: false });
instrumentation.enable();
const { ChatGroq } = createRequire(import.meta.url)('@langchain/groq') as typeof import('@langchain/groq');

const MODEL = 'openai/gpt-oss-20b';
const labels = { model: MODEL, operation: 'chat', provider: 'groq' };

const telemetry = useTelemetryHarness({ beforeAll, beforeEach, afterAll }, { pointOrder: 'attributes' });
let simulator: RunningSimulator;

beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
});
afterAll(async () => {
  instrumentation.disable();
  await simulator.close();
});
beforeEach(() => {
  simulator.reset();
  instrumentation.setTracerProvider(telemetry.tracerProvider);
  instrumentation.setMeterProvider(telemetry.meterProvider);
});

function chatGroq() {
  return new ChatGroq({ model: MODEL, apiKey: 'gsk_dedupTestKey', baseUrl: simulator.url, maxRetries: 0 });
}

function handler() {
  return new GroqmeterCallbackHandler({
    tracerProvider: telemetry.tracerProvider,
    meterProvider: telemetry.meterProvider,
  });
}

const answer = { headers: { 'x-simulator-completion-tokens': '5' } };

async function recordedSources(): Promise<unknown[]> {
  return telemetry.spans().map((span) => span.attributes['groqmeter.source']);
}

describe('LangChain handler next to the groq-sdk instrumentation', () => {
  it('the instrumentation alone records ChatGroq calls (it is active on ChatGroq’s client)', async () => {
    await chatGroq().invoke('Hello there', answer);
    expect(await recordedSources()).toEqual(['groq-sdk']);
  });

  it('with instrumentChatGroq the handler wins: one operation, exact tokens, headers seen once', async () => {
    const model = instrumentChatGroq(chatGroq(), handler());
    await model.invoke('Hello there', answer);
    const stream = await model.stream('Hello there', answer);
    for await (const _chunk of stream) {
      // read it all
    }
    await expect(
      model.invoke('Hello there', { headers: { 'x-simulator-fault': '429' } }),
    ).rejects.toMatchObject({
      status: 429,
    });

    expect(await recordedSources()).toEqual(['langchain', 'langchain', 'langchain']);
    expect(await telemetry.points('groq.requests')).toEqual([
      {
        attributes: { ...labels, outcome: 'error', error_type: 'rate_limit_exceeded', status_code: '429' },
        value: 1,
      },
      { attributes: { ...labels, outcome: 'success', error_type: '', status_code: '' }, value: 2 },
    ]);
    expect(await telemetry.points('groq.tokens')).toEqual([
      { attributes: { ...labels, type: 'cached_input' }, value: 0 },
      { attributes: { ...labels, type: 'input' }, value: 14 },
      { attributes: { ...labels, type: 'output' }, value: 10 },
      { attributes: { ...labels, type: 'reasoning' }, value: 8 },
    ]);
    expect(await telemetry.points('groq.ratelimit.hits')).toEqual([
      { attributes: { model: MODEL }, value: 1 },
    ]);
    expect(telemetry.spans().map((span) => span.attributes['groq.retries'])).toEqual([0, 0, 0]);
  });

  it('a bare handler cannot reach the request: both record it, which is why the model is wrapped', async () => {
    await chatGroq().invoke('Hello there', { ...answer, callbacks: [handler()] });
    expect(await recordedSources()).toEqual(['groq-sdk', 'langchain']);
  });

  it('also when the client was instrumented explicitly with instrumentGroq', async () => {
    const model = chatGroq();
    instrumentGroq(model.client, {
      tracerProvider: telemetry.tracerProvider,
      meterProvider: telemetry.meterProvider,
    });
    instrumentChatGroq(model, handler());
    await model.invoke('Hello there', answer);
    expect(await recordedSources()).toEqual(['langchain']);
    expect(
      (await telemetry.points('groq.tokens')).find((point) => point.attributes.type === 'output')?.value,
    ).toBe(5);
  });
});
