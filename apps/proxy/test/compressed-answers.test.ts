import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { useTelemetryHarness } from '@groqmeter/recorder/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API_KEY, type ProxyUnderTest, spansEnded, startProxyUnderTest } from './proxy-under-test.js';
import { rawExchange } from './raw-exchange.js';

const telemetry = useTelemetryHarness({ beforeAll, beforeEach, afterAll });
let under: ProxyUnderTest | undefined;
afterEach(async () => {
  await under?.close();
  under = undefined;
});

const COMPLETION = JSON.stringify({
  id: 'chatcmpl-1',
  model: 'openai/gpt-oss-20b',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Rivers flow.' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 9, completion_tokens: 32, total_tokens: 41 },
});
const STREAM = [
  `data: ${JSON.stringify({ id: 'c1', model: 'openai/gpt-oss-20b', choices: [{ index: 0, delta: { content: 'Rivers' } }] })}\n\n`,
  `data: ${JSON.stringify({
    id: 'c1',
    model: 'openai/gpt-oss-20b',
    choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
    x_groq: { id: 'req_1', usage: { prompt_tokens: 9, completion_tokens: 32, total_tokens: 41 } },
  })}\n\ndata: [DONE]\n\n`,
].join('');

/** An upstream that answers every chat compressed, as Groq may when the client accepts it. */
async function compressingUpstream(encoding: 'gzip' | 'br', stream: boolean) {
  const text = stream ? STREAM : COMPLETION;
  const bytes = encoding === 'gzip' ? gzipSync(text) : brotliCompressSync(text);
  const server = createServer((request, response) => {
    request.resume();
    response.writeHead(200, {
      'content-type': stream ? 'text/event-stream' : 'application/json',
      'content-encoding': encoding,
      'content-length': bytes.length,
    });
    // In two writes, so that the side path decodes across chunks.
    response.write(bytes.subarray(0, 10));
    response.end(bytes.subarray(10));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/openai/v1`, bytes, server };
}

describe('compressed answers', () => {
  for (const [encoding, stream] of [
    ['gzip', false],
    ['br', false],
    ['gzip', true],
  ] as const) {
    it(`${encoding}${stream ? ' stream' : ''}: the client gets the compressed bytes as sent, the telemetry reads them decoded`, async () => {
      const upstream = await compressingUpstream(encoding, stream);
      under = await startProxyUnderTest(telemetry, { upstream: upstream.url });
      const answer = await rawExchange(`${under.proxy.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${API_KEY}`, 'accept-encoding': 'gzip, br' },
        body: JSON.stringify({ model: 'openai/gpt-oss-20b', messages: [], stream }),
      });
      expect(answer.body.equals(upstream.bytes)).toBe(true);
      expect(answer.headers).toEqual(expect.arrayContaining(['content-encoding', encoding]));
      await spansEnded(telemetry, 1);
      // 9 × $0.075/M + 32 × $0.30/M.
      expect(telemetry.onlySpan().attributes).toMatchObject({
        'gen_ai.usage.input_tokens': 9,
        'gen_ai.usage.output_tokens': 32,
        'groq.cost.usd': '0.000010275000',
      });
      upstream.server.close();
    });
  }
});
