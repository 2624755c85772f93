import { startSimulator } from '@groqmeter/groq-simulator';
import { createTelemetryHarness, installAsyncContext } from '@groqmeter/recorder/testing';
import OpenAI from 'openai';
import { expect, it } from 'vitest';
import { instrumentOpenAI, withGroqAttributes } from '../src/index.js';

it('meters the openai SDK pointed at Groq (the simulator), attributed per call', async () => {
  // Per-call attribution travels in the OTel context, as in any app with the Node SDK started.
  const undoContext = installAsyncContext();
  const simulator = await startSimulator({ port: 0 });
  const telemetry = createTelemetryHarness();
  try {
    const client = instrumentOpenAI(
      new OpenAI({ apiKey: 'gsk_readmeExampleKey', baseURL: simulator.openaiBaseURL }),
      {
        groqBaseURLs: [simulator.openaiBaseURL],
        tracerProvider: telemetry.tracerProvider,
        meterProvider: telemetry.meterProvider,
      },
    );
    const response = await withGroqAttributes({ feature: 'support-bot' }, () =>
      client.responses.create({ model: 'openai/gpt-oss-20b', input: 'Where is my order?' }),
    );
    const usage = response.usage;
    // openai/gpt-oss-20b: $0.075 per 1M input tokens, $0.0375 cached, $0.30 output; one USD is
    // 3.6e18 quanta, so a token costs 2.7e11, 1.35e11 and 1.08e12 quanta.
    const cached = usage?.input_tokens_details.cached_tokens ?? 0;
    const quanta =
      BigInt((usage?.input_tokens ?? 0) - cached) * 270_000_000_000n +
      BigInt(cached) * 135_000_000_000n +
      BigInt(usage?.output_tokens ?? 0) * 1_080_000_000_000n;
    expect(quanta).toBeGreaterThan(0n);
    const span = telemetry.onlySpan();
    expect(span.attributes).toMatchObject({
      'groqmeter.source': 'openai',
      feature: 'support-bot',
      'groq.cost.pricing': 'exact',
      'groq.cost.quanta': quanta.toString(),
    });
  } finally {
    await telemetry.shutdown();
    await simulator.close();
    undoContext();
  }
});
