import { makeWav, startSimulator } from '@groqmeter/groq-simulator';
import { useTelemetryHarness } from '@groqmeter/recorder/testing';
import Groq, { toFile } from 'groq-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API_KEY, spansEnded, startProxyUnderTest } from './proxy-under-test.js';

const telemetry = useTelemetryHarness({ beforeAll, beforeEach, afterAll });
const RIVERS = {
  model: 'openai/gpt-oss-20b',
  messages: [{ role: 'user' as const, content: 'Tell me about rivers' }],
};

async function settle(call: () => Promise<unknown>): Promise<void> {
  try {
    const result = await call();
    if (result && typeof result === 'object' && Symbol.asyncIterator in result) {
      for await (const _chunk of result as AsyncIterable<unknown>) {
        // consume
      }
    }
  } catch {
    // the faults are the point
  }
}

describe('no API key in any output', () => {
  it('logs (at debug), spans and metrics never hold the key, across successes and every fault', async () => {
    const under = await startProxyUnderTest(telemetry, { keyLabel: true });
    const groq = new Groq({ apiKey: API_KEY, baseURL: under.proxy.url, maxRetries: 0 });
    const fault = (name: string) => ({ headers: { 'x-simulator-fault': name } });
    await settle(() => groq.chat.completions.create(RIVERS));
    await settle(() => groq.chat.completions.create({ ...RIVERS, stream: true }));
    for (const name of ['429', '500']) await settle(() => groq.chat.completions.create(RIVERS, fault(name)));
    for (const name of ['stream-error', 'malformed-chunk', 'drop-mid-stream']) {
      await settle(() => groq.chat.completions.create({ ...RIVERS, stream: true }, fault(name)));
    }
    await settle(async () =>
      groq.audio.transcriptions.create({
        model: 'whisper-large-v3',
        file: await toFile(makeWav(2), 'a.wav'),
      }),
    );
    await settle(() => new Groq({ apiKey: '', baseURL: under.proxy.url, maxRetries: 0 }).models.list());
    await spansEnded(telemetry, 9);
    await under.close();
    const output = `${under.logs.join('')}\n${await telemetry.exportedText()}`;
    expect(output).not.toContain(API_KEY);
    expect(output).not.toMatch(/gsk_[A-Za-z0-9]/);
    expect(output).not.toMatch(/Bearer\s+[A-Za-z0-9]/);
    expect(under.logs.length).toBeGreaterThan(9);
  });

  it('logs an upstream URL given with credentials without them', async () => {
    const sim = await startSimulator();
    const upstream = new URL(sim.openaiBaseURL);
    upstream.username = 'team';
    upstream.password = 's3cret-upstream-pass';
    const under = await startProxyUnderTest(telemetry, { upstream: upstream.href }, sim);
    await under.close();
    await sim.close();
    const listening = under.logs
      .map((line) => JSON.parse(line))
      .find((entry) => entry.msg === 'groqmeter proxy listening');
    expect(listening.upstream).toBe(`http://[REDACTED]@${upstream.host}${upstream.pathname}`);
    expect(under.logs.join('')).not.toContain('s3cret-upstream-pass');
  });
});
