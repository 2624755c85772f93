/**
 * `withOptions()` is new in groq-sdk 1.x: this file runs on 1.x only (the 0.x aliases of
 * vitest.config.ts and `test:versions` on 0.x leave it out).
 */
import { COMPLETION_TOKENS_HEADER } from '@groqmeter/groq-simulator';
import { createTelemetryHarness } from '@groqmeter/recorder/testing';
import Groq from 'groq-sdk';
import { describe, expect, it } from 'vitest';
import { instrumentGroq } from '../src/index.js';
import { API_KEY, CHAT_MODEL } from './groq-fixture.js';
import { useSimulatorSuite } from './simulator-suite.js';

const suite = useSimulatorSuite();

describe('instrumentGroq on groq-sdk 1.x', () => {
  it('instruments the clients made with withOptions()', async () => {
    const harness = createTelemetryHarness();
    const client = instrumentGroq(new Groq({ apiKey: API_KEY, baseURL: suite.simulator.url }), {
      tracerProvider: harness.tracerProvider,
      meterProvider: harness.meterProvider,
    });
    await client
      .withOptions({ maxRetries: 0 })
      .chat.completions.create(
        { model: CHAT_MODEL, messages: [{ role: 'user', content: 'Patch me in.' }] },
        { headers: { [COMPLETION_TOKENS_HEADER]: '24' } },
      );
    expect(harness.spans()).toHaveLength(1);
    await harness.shutdown();
  });
});
