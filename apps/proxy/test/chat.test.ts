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
let under: ProxyUnderTest;

beforeEach(async () => {
  under = await startProxyUnderTest(telemetry);
});
afterEach(async () => {
  await under.close();
});

const HELLO = { model: 'openai/gpt-oss-20b', messages: [{ role: 'user' as const, content: 'Hello there' }] };

describe('chat completions through groq-sdk', () => {
  it('returns what Groq returns and records tokens and cost exactly', async () => {
    const groq = new Groq({ apiKey: API_KEY, baseURL: under.proxy.url, maxRetries: 0 });
    const { data, response } = await groq.chat.completions.create(HELLO).withResponse();
    expect(data.usage?.prompt_tokens).toBe(7);
    expect(data.usage?.completion_tokens).toBe(32);
    expect(response.headers.get('x-ratelimit-limit-tokens')).toBe('8000');
    await spansEnded(telemetry, 1);
    const span = telemetry.onlySpan();
    expect(span.name).toBe('chat openai/gpt-oss-20b');
    expect(span.attributes['groqmeter.source']).toBe('proxy');
    // 7 input tokens at $0.075/M + 32 output tokens at $0.30/M = $0.000000525 + $0.0000096.
    expect(span.attributes['groq.cost.usd']).toBe('0.000010125000');
    const tokens = await telemetry.points('groq.tokens');
    expect(tokens).toHaveLength(4);
    expect(pointValue(tokens, { model: 'openai/gpt-oss-20b', operation: 'chat', type: 'input' })).toBe(7);
    expect(pointValue(tokens, { type: 'cached_input' })).toBe(0);
    expect(pointValue(tokens, { type: 'output' })).toBe(32);
    expect(pointValue(tokens, { type: 'reasoning' })).toBe(16);
  });
});
