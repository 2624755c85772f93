import type { LanguageModelV2Middleware, LanguageModelV3Middleware } from '@ai-sdk/provider';
import { createFakeRecorder } from '@groqmeter/recorder/testing';
import { APICallError, generateText, streamText, wrapLanguageModel } from 'ai';
import { convertArrayToReadableStream, MockLanguageModelV3 } from 'ai/test';
import type { LanguageModelMiddleware as Ai5Middleware } from 'ai5';
import type { LanguageModelMiddleware as Ai7Middleware } from 'ai7';
import { describe, expect, it } from 'vitest';
import { headersReadingAs } from '../test/headers-read-as.js';
import { groqmeter } from './middleware.js';

const usage = {
  inputTokens: { total: 12, noCache: 4, cacheRead: 8, cacheWrite: undefined },
  outputTokens: { total: 6, text: 6, reasoning: undefined },
};
const headers = { 'x-ratelimit-remaining-requests': '999', 'x-ratelimit-remaining-tokens': '7990' };

function generating(modelId = 'openai/gpt-oss-20b') {
  return new MockLanguageModelV3({
    provider: 'groq.chat',
    modelId,
    doGenerate: {
      content: [{ type: 'text', text: 'Hi' }],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage,
      warnings: [],
      response: {
        id: 'chatcmpl-1',
        modelId,
        headers,
        body: {
          usage: { prompt_tokens: 12, completion_tokens: 6, queue_time: 0.01 },
          x_groq: { id: 'req_1' },
        },
      },
    },
  });
}

describe('groqmeter middleware', () => {
  it('is a middleware for ai 7 (v3 or v4), ai 6 (spec v3) and ai 5 (spec v2) alike', () => {
    const middleware = groqmeter({ recorder: createFakeRecorder() });
    const asV3: LanguageModelV3Middleware = middleware;
    const asV2: LanguageModelV2Middleware = middleware;
    const asAi5: Ai5Middleware = middleware;
    const asAi7: Ai7Middleware = middleware;
    expect([asV3, asV2, asAi5, asAi7]).toEqual([middleware, middleware, middleware, middleware]);
  });

  it('records a generate call: request, headers as its attempt, then the result', async () => {
    const recorder = createFakeRecorder();
    const model = wrapLanguageModel({ model: generating(), middleware: groqmeter({ recorder }) });
    await generateText({
      model,
      prompt: 'Hello',
      temperature: 0.5,
      providerOptions: { groqmeter: { feature: 'greeting' } },
    });
    expect(recorder.operations).toEqual([
      {
        start: {
          operation: 'chat',
          source: 'ai-sdk',
          requestModel: 'openai/gpt-oss-20b',
          stream: false,
          request: { temperature: 0.5 },
          attributes: { feature: 'greeting' },
        },
        events: [
          { type: 'attempt', facts: { headers: headersReadingAs(headers) } },
          {
            type: 'end',
            result: {
              responseId: 'chatcmpl-1',
              responseModel: 'openai/gpt-oss-20b',
              finishReasons: ['stop'],
              usage: { inputTokens: 12, cachedInputTokens: 8, outputTokens: 6 },
              groqRequestId: 'req_1',
              serverTiming: { queueTime: 0.01 },
            },
          },
        ],
      },
    ]);
  });

  it('fails the operation with the provider error and rethrows it unchanged', async () => {
    const recorder = createFakeRecorder();
    const rateLimited = new APICallError({
      message: 'Rate limit reached',
      url: 'http://127.0.0.1/openai/v1/chat/completions',
      requestBodyValues: {},
      statusCode: 429,
      responseHeaders: { 'retry-after': '2' },
      isRetryable: true,
    });
    const model = wrapLanguageModel({
      model: new MockLanguageModelV3({
        doGenerate: async () => {
          throw rateLimited;
        },
      }),
      middleware: groqmeter({ recorder }),
    });
    await expect(generateText({ model, prompt: 'Hello', maxRetries: 0 })).rejects.toBe(rateLimited);
    expect(recorder.operations.map((operation) => operation.events)).toEqual([
      [{ type: 'fail', failure: { error: rateLimited } }],
    ]);
  });

  it('abandons a call the caller aborted', async () => {
    const recorder = createFakeRecorder();
    const controller = new AbortController();
    const model = wrapLanguageModel({
      model: new MockLanguageModelV3({
        doGenerate: async () => {
          controller.abort();
          throw new DOMException('This operation was aborted', 'AbortError');
        },
      }),
      middleware: groqmeter({ recorder }),
    });
    await expect(generateText({ model, prompt: 'Hello', abortSignal: controller.signal })).rejects.toThrow();
    expect(recorder.operations.map((operation) => operation.events)).toEqual([[{ type: 'abandon' }]]);
  });

  it('asks a stream for raw chunks and hides them from a caller who did not', async () => {
    const recorder = createFakeRecorder();
    const mock = new MockLanguageModelV3({
      doStream: async () => ({
        stream: convertArrayToReadableStream([
          { type: 'stream-start', warnings: [] },
          { type: 'raw', rawValue: { x_groq: { id: 'req_2' } } },
          { type: 'text-start', id: 't' },
          { type: 'text-delta', id: 't', delta: 'Hi' },
          { type: 'text-end', id: 't' },
          { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
        ]),
        response: { headers },
      }),
    });
    const model = wrapLanguageModel({ model: mock, middleware: groqmeter({ recorder }) });

    const hidden = streamText({ model, prompt: 'Hello' });
    const hiddenTypes: string[] = [];
    for await (const part of hidden.fullStream) hiddenTypes.push(part.type);
    expect(mock.doStreamCalls[0]?.includeRawChunks).toBe(true);
    expect(hiddenTypes).not.toContain('raw');

    const kept = streamText({ model, prompt: 'Hello', includeRawChunks: true });
    const keptTypes: string[] = [];
    for await (const part of kept.fullStream) keptTypes.push(part.type);
    expect(keptTypes).toContain('raw');

    // Both calls are recorded alike, whether or not the caller asked for raw chunks.
    const recorded = [
      { type: 'attempt', facts: { headers: headersReadingAs(headers) } },
      { type: 'chunk' },
      {
        type: 'end',
        result: {
          finishReasons: ['stop'],
          usage: { inputTokens: 12, cachedInputTokens: 8, outputTokens: 6 },
          groqRequestId: 'req_2',
        },
      },
    ];
    expect(recorder.operations.map((operation) => operation.events)).toEqual([recorded, recorded]);
  });
});
