import { createFakeRecorder } from '@groqmeter/recorder/testing';
import { convertArrayToReadableStream, convertReadableStreamToArray } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { recordStream } from './stream-recording.js';

const usage = {
  inputTokens: { total: 7, noCache: 7, cacheRead: 0, cacheWrite: undefined },
  outputTokens: { total: 3, text: 1, reasoning: 2 },
};
const finalRawChunk = {
  choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
  x_groq: {
    id: 'req_9',
    usage: {
      prompt_tokens: 7,
      completion_tokens: 3,
      queue_time: 0.02,
      prompt_time: 0.1,
      completion_time: 0.003,
      total_time: 0.103,
    },
  },
};
const parts = [
  { type: 'stream-start', warnings: [] },
  {
    type: 'raw',
    rawValue: { choices: [{ delta: { role: 'assistant', content: '' } }], x_groq: { id: 'req_9' } },
  },
  { type: 'response-metadata', id: 'chatcmpl-9', modelId: 'openai/gpt-oss-20b' },
  { type: 'reasoning-delta', id: 'r', delta: 'Hmm' },
  { type: 'text-delta', id: 't', delta: '' },
  { type: 'text-delta', id: 't', delta: 'Hi' },
  { type: 'tool-input-delta', id: 'c', delta: '{"city":' },
  { type: 'raw', rawValue: finalRawChunk },
  { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
];
const expectedResult = {
  responseId: 'chatcmpl-9',
  responseModel: 'openai/gpt-oss-20b',
  usage: { inputTokens: 7, cachedInputTokens: 0, outputTokens: 3, reasoningTokens: 2 },
  finishReasons: ['stop'],
  groqRequestId: 'req_9',
  serverTiming: { queueTime: 0.02, promptTime: 0.1, completionTime: 0.003, totalTime: 0.103 },
};

function started() {
  const recorder = createFakeRecorder();
  const handle = recorder.start({ operation: 'chat', source: 'ai-sdk' });
  return { handle, events: () => recorder.operations[0]?.events };
}

describe('recordStream', () => {
  it('times each non-empty output delta and ends with the finish part and the raw Groq facts', async () => {
    const { handle, events } = started();
    const stream = recordStream(convertArrayToReadableStream(parts), handle, {
      dropRawParts: true,
      abortSignal: undefined,
    });
    const seen = await convertReadableStreamToArray(stream);
    expect(seen.map((part) => part.type)).not.toContain('raw');
    expect(seen).toHaveLength(parts.length - 2);
    expect(events()).toEqual([
      { type: 'chunk' },
      { type: 'chunk' },
      { type: 'chunk' },
      { type: 'end', result: expectedResult },
    ]);
  });

  it('keeps raw parts the caller asked for', async () => {
    const { handle } = started();
    const stream = recordStream(convertArrayToReadableStream(parts), handle, {
      dropRawParts: false,
      abortSignal: undefined,
    });
    expect(await convertReadableStreamToArray(stream)).toEqual(parts);
  });

  it('fails with the error part, keeping the usage that still arrived', async () => {
    const { handle, events } = started();
    const groqError = { message: 'Rate limit reached', type: 'rate_limit_error' };
    const stream = recordStream(
      convertArrayToReadableStream([
        { type: 'response-metadata', id: 'chatcmpl-9', modelId: 'openai/gpt-oss-20b' },
        { type: 'error', error: groqError },
        { type: 'finish', finishReason: { unified: 'error', raw: undefined }, usage },
      ]),
      handle,
      { dropRawParts: true, abortSignal: undefined },
    );
    await convertReadableStreamToArray(stream);
    expect(events()).toEqual([
      {
        type: 'fail',
        failure: {
          error: groqError,
          partial: {
            responseId: 'chatcmpl-9',
            responseModel: 'openai/gpt-oss-20b',
            finishReasons: ['error'],
            usage: { inputTokens: 7, cachedInputTokens: 0, outputTokens: 3, reasoningTokens: 2 },
          },
        },
      },
    ]);
  });

  it('ends at the end of a stream that never sent a finish part, without usage', async () => {
    const { handle, events } = started();
    const stream = recordStream(
      convertArrayToReadableStream([{ type: 'text-delta', id: 't', delta: 'Hi' }]),
      handle,
      { dropRawParts: true, abortSignal: undefined },
    );
    await convertReadableStreamToArray(stream);
    expect(events()).toEqual([{ type: 'chunk' }, { type: 'end', result: {} }]);
  });

  it('fails when the source breaks, and abandons when the caller aborted', async () => {
    const broken = () =>
      new ReadableStream({
        start(controller) {
          controller.enqueue({ type: 'text-delta', id: 't', delta: 'Hi' });
        },
        pull(controller) {
          controller.error(new TypeError('terminated'));
        },
      });
    const failing = started();
    await expect(
      convertReadableStreamToArray(
        recordStream(broken(), failing.handle, { dropRawParts: true, abortSignal: undefined }),
      ),
    ).rejects.toThrow('terminated');
    expect(failing.events()).toEqual([
      { type: 'chunk' },
      { type: 'fail', failure: { error: new TypeError('terminated'), partial: {} } },
    ]);

    const aborted = started();
    const controller = new AbortController();
    controller.abort();
    await expect(
      convertReadableStreamToArray(
        recordStream(broken(), aborted.handle, { dropRawParts: true, abortSignal: controller.signal }),
      ),
    ).rejects.toThrow('terminated');
    expect(aborted.events()).toEqual([{ type: 'chunk' }, { type: 'abandon' }]);
  });

  it('abandons when the consumer cancels before the finish part', async () => {
    const { handle, events } = started();
    const reader = recordStream(convertArrayToReadableStream(parts), handle, {
      dropRawParts: true,
      abortSignal: undefined,
    }).getReader();
    await reader.read();
    await reader.cancel();
    expect(events()).toEqual([{ type: 'abandon' }]);
  });
});
