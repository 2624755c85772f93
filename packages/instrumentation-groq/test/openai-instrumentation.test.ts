import { createRequire } from 'node:module';
import { startOpenAISimulator } from '@groqmeter/groq-simulator';
import { createTelemetryHarness } from '@groqmeter/recorder/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { ENV_GROQ_BASE_URLS, OpenAIInstrumentation } from '../src/index.js';
import { API_KEY, CHAT_MODEL } from './groq-fixture.js';
import { useSimulatorSuite } from './simulator-suite.js';

const require = createRequire(import.meta.url);
const suite = useSimulatorSuite();
const instrumentation = new OpenAIInstrumentation({ enabled: false });
// Enabled before openai is required, as `registerInstrumentations` or the Node SDK would do.
instrumentation.enable();
// `test:versions --sdk openai` points GROQMETER_OPENAI_DIR at the openai under test (its CJS entry).
const patched = require(process.env.GROQMETER_OPENAI_DIR ?? 'openai') as typeof import('openai');
afterAll(() => {
  instrumentation.disable();
  delete process.env[ENV_GROQ_BASE_URLS];
});

describe('OpenAIInstrumentation', () => {
  it('patches a required openai SDK: chat and the Responses API of a client pointed at Groq', async () => {
    // The simulator's base URL is Groq here, as the register entry's users configure it.
    const groqBaseURL = suite.simulator.openaiBaseURL;
    process.env[ENV_GROQ_BASE_URLS] = groqBaseURL;
    const harness = createTelemetryHarness();
    instrumentation.setTracerProvider(harness.tracerProvider);
    instrumentation.setMeterProvider(harness.meterProvider);
    const client = new patched.OpenAI({ apiKey: API_KEY, baseURL: groqBaseURL, maxRetries: 0 });
    await client.chat.completions.create({ model: CHAT_MODEL, messages: [{ role: 'user', content: 'Hi' }] });
    await client.responses.create({ model: CHAT_MODEL, input: 'Hi' });
    expect(harness.spans().map((span) => [span.name, span.attributes['groqmeter.source']])).toEqual([
      [`chat ${CHAT_MODEL}`, 'openai'],
      [`chat ${CHAT_MODEL}`, 'openai'],
    ]);
    expect(harness.spans().map((span) => span.instrumentationScope.name)).toEqual([
      '@groqmeter/recorder',
      '@groqmeter/recorder',
    ]);
    await harness.shutdown();
  });

  it("meters a client of OpenAI's own API as provider openai", async () => {
    process.env[ENV_GROQ_BASE_URLS] = '';
    const openaiSim = await startOpenAISimulator();
    const harness = createTelemetryHarness();
    instrumentation.setTracerProvider(harness.tracerProvider);
    instrumentation.setMeterProvider(harness.meterProvider);
    const client = new patched.OpenAI({ apiKey: API_KEY, baseURL: openaiSim.url, maxRetries: 0 });
    await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(harness.onlySpan().attributes).toMatchObject({
      'gen_ai.provider.name': 'openai',
      'groqmeter.source': 'openai',
      // 5 prompt tokens (4 + ceil(2 / 4)) × $0.15/1M + 24 completion tokens × $0.60/1M = $0.00000075 + $0.0000144
      'groq.cost.usd': '0.000015150000',
    });
    await openaiSim.close();
    await harness.shutdown();
  });
});
