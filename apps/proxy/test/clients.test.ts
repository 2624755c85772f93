import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { useTelemetryHarness } from '@groqmeter/recorder/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import {
  API_KEY,
  type ProxyUnderTest,
  PYTHON_EXAMPLE,
  pointValue,
  spansEnded,
  startProxyUnderTest,
} from './proxy-under-test.js';

const run = promisify(execFile);
const telemetry = useTelemetryHarness({ beforeAll, beforeEach, afterAll }, { pointOrder: 'attributes' });
let under: ProxyUnderTest;

beforeEach(async () => {
  under = await startProxyUnderTest(telemetry);
});
afterEach(async () => {
  await under.close();
});

describe('clients in other languages', () => {
  it("Python's standard library: chat, streamed chat and a transcription, priced exactly", async () => {
    const { stdout } = await run(inject('python3'), [PYTHON_EXAMPLE, under.proxy.baseURL], {
      env: { ...process.env, GROQ_API_KEY: API_KEY },
    });
    expect(stdout).toBe(
      'chat: 16 words, 41 tokens\nchat stream: 16 words in 34 chunks\ntranscription: 13 words\n',
    );
    await spansEnded(telemetry, 3);
    const [plain, streamed, transcription] = telemetry.spans();
    expect(plain?.attributes).toMatchObject({
      'groq.cost.usd': '0.000010275000',
      'user.id': '42',
      feature: 'support-chat',
    });
    expect(streamed?.attributes).toMatchObject({
      'groq.cost.usd': '0.000010275000',
      'gen_ai.request.stream': true,
    });
    // 5 s of audio, billed 10 s at $0.111/h.
    expect(transcription?.attributes).toMatchObject({
      'groq.usage.audio_seconds': 5,
      'groq.cost.usd': '0.000308333333',
    });
    const cost = await telemetry.points('groq.cost.usd');
    expect(
      pointValue(cost, { model: 'openai/gpt-oss-20b', component: 'input', feature: 'support-chat' }),
    ).toBe(0.00000135);
    expect(pointValue(cost, { model: 'openai/gpt-oss-20b', component: 'output' })).toBeCloseTo(0.0000192, 15);
    expect(`${await telemetry.exportedText()}${under.logs.join('')}${stdout}`).not.toContain(API_KEY);
  });

  it('curl: a plain and a streamed chat with attribution headers', async () => {
    const body = JSON.stringify({
      model: 'openai/gpt-oss-20b',
      messages: [{ role: 'user', content: 'Tell me about rivers' }],
    });
    const curl = (extra: string[], payload: string) =>
      run(inject('curl'), [
        '-sS',
        '-N',
        `${under.proxy.baseURL}/chat/completions`,
        '-H',
        `Authorization: Bearer ${API_KEY}`,
        '-H',
        'Content-Type: application/json',
        '-H',
        'x-groqmeter-feature: nightly-report',
        ...extra,
        '-d',
        payload,
      ]);
    const plain = JSON.parse((await curl([], body)).stdout);
    expect(plain.usage.total_tokens).toBe(41);
    const streamed = (await curl([], body.replace('}]}', '}],"stream":true}'))).stdout;
    expect(streamed.endsWith('data: [DONE]\n\n')).toBe(true);
    await spansEnded(telemetry, 2);
    expect(
      pointValue(await telemetry.points('groq.requests'), { feature: 'nightly-report', outcome: 'success' }),
    ).toBe(2);
  });
});
