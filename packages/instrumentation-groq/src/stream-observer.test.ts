import type { CallDescription, StreamFacts } from '@groqmeter/recorder';
import { describeChatCompletion } from '@groqmeter/recorder';
import { createFakeRecorder } from '@groqmeter/recorder/testing';
import { Stream } from 'groq-sdk/core/streaming';
import { describe, expect, it } from 'vitest';
import { ObservedCall } from './observed-call.js';
import { observeStream } from './stream-observer.js';

const USAGE = {
  prompt_tokens: 11,
  completion_tokens: 3,
  total_tokens: 14,
  queue_time: 0.01,
  prompt_time: 0.02,
  completion_time: 0.03,
  total_time: 0.05,
};
const CHUNKS = [
  {
    id: 'c1',
    model: 'm',
    choices: [{ index: 0, delta: { role: 'assistant', content: '' } }],
    x_groq: { id: 'req_1' },
  },
  { id: 'c1', model: 'm', choices: [{ index: 0, delta: { content: 'Hel' } }] },
  { id: 'c1', model: 'm', choices: [{ index: 0, delta: { content: 'lo' } }] },
  {
    id: 'c1',
    model: 'm',
    choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
    x_groq: { id: 'req_1', usage: USAGE },
  },
];
const RESULT = {
  responseId: 'c1',
  responseModel: 'm',
  groqRequestId: 'req_1',
  finishReasons: ['stop'],
  usage: { inputTokens: 11, outputTokens: 3 },
  serverTiming: { queueTime: 0.01, promptTime: 0.02, completionTime: 0.03, totalTime: 0.05 },
};

/** An SDK stream over `chunks` that behaves like groq-sdk's: `break` aborts, abort ends quietly. */
function sdkStream(chunks: unknown[], failAfter?: Error) {
  const controller = new AbortController();
  async function* iterate() {
    let done = false;
    try {
      for (const chunk of chunks) {
        if (controller.signal.aborted) return;
        yield chunk;
      }
      if (failAfter) throw failAfter;
      done = true;
    } finally {
      if (!done) controller.abort();
    }
  }
  return new Stream(iterate, controller);
}

function observed(
  chunks: unknown[],
  options: { failAfter?: Error; facts?: StreamFacts; readOnlyIterator?: boolean } = {},
) {
  const recorder = createFakeRecorder();
  const chat = describeChatCompletion([{ model: 'm', stream: true, messages: [] }], false);
  const description: CallDescription = options.facts ? { ...chat, streamFacts: options.facts } : chat;
  const call = new ObservedCall(
    recorder,
    recorder.start({ ...description.start, source: 'groq-sdk' }),
    description,
  );
  const stream = sdkStream(chunks, options.failAfter);
  if (options.readOnlyIterator) Object.defineProperty(stream, 'iterator', { writable: false });
  const streamFacts = description.streamFacts;
  if (streamFacts === undefined) throw new Error('a chat stream has stream facts');
  return {
    recorder,
    sdkStream: stream,
    stream: observeStream(stream, call, streamFacts, undefined) as Stream<unknown>,
  };
}

async function readAll(stream: AsyncIterable<unknown>): Promise<unknown[]> {
  const chunks: unknown[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe('observeStream', () => {
  it('hands every chunk on unchanged and ends once with the usage of the final chunk', async () => {
    const { recorder, stream } = observed(CHUNKS);
    expect(stream).toBeInstanceOf(Stream);
    expect(await readAll(stream)).toEqual(CHUNKS);
    expect(recorder.sequence).toEqual(['start', 'chunk×2', 'end']);
    expect(recorder.calls.at(-1)).toEqual({ type: 'end', result: RESULT });
  });

  it('abandons a stream left by break before its usage arrived', async () => {
    const { recorder, stream } = observed(CHUNKS);
    for await (const _chunk of stream) break;
    expect(recorder.sequence).toEqual(['start', 'abandon']);
    expect(stream.controller.signal.aborted).toBe(true);
  });

  it('ends with the usage when the consumer stops right after the usage chunk', async () => {
    const { recorder, stream } = observed([
      ...CHUNKS,
      { id: 'c1', choices: [{ index: 0, delta: { content: '!' } }] },
    ]);
    for await (const chunk of stream) {
      if ((chunk as { x_groq?: { usage?: unknown } }).x_groq?.usage) break;
    }
    expect(recorder.calls.at(-1)).toEqual({ type: 'end', result: RESULT });
  });

  it('fails with the error it rethrows, keeping a usage that had arrived', async () => {
    const broken = new Error('socket hang up');
    const { recorder, stream } = observed(CHUNKS, { failAfter: broken });
    await expect(readAll(stream)).rejects.toBe(broken);
    expect(recorder.calls.at(-1)).toEqual({
      type: 'fail',
      failure: { error: broken, partial: RESULT },
    });
  });

  it('abandons a stream aborted through its controller', async () => {
    const { recorder, stream } = observed(CHUNKS);
    for await (const _chunk of stream) stream.controller.abort();
    expect(recorder.sequence).toEqual(['start', 'abandon']);
  });

  it('records a tee()d stream once', async () => {
    const { recorder, stream } = observed(CHUNKS);
    const [left, right] = stream.tee();
    const [leftChunks, rightChunks] = await Promise.all([readAll(left), readAll(right)]);
    expect(leftChunks).toEqual(CHUNKS);
    expect(rightChunks).toEqual(CHUNKS);
    expect(recorder.sequence).toEqual(['start', 'chunk×2', 'end']);
  });

  it('counts a failure to read a chunk and goes on streaming', async () => {
    const throwingFacts: StreamFacts = {
      observe() {
        throw new Error('unexpected chunk');
      },
      hasUsage: false,
      result: () => ({}),
    };
    const { recorder, stream } = observed(CHUNKS, { facts: throwingFacts });
    expect(await readAll(stream)).toEqual(CHUNKS);
    expect(recorder.sequence).toEqual(['start', 'dropped', 'dropped', 'dropped', 'dropped', 'end']);
    expect(recorder.calls.filter((event) => event.type === 'dropped')).toEqual(
      Array(4).fill({ type: 'dropped', reason: 'recorder_error' }),
    );
  });

  it("hands back the SDK's own stream, only its iterator hooked", async () => {
    const { recorder, stream, sdkStream: own } = observed(CHUNKS);
    expect(stream).toBe(own);
    expect(await readAll(stream)).toEqual(CHUNKS);
    expect(recorder.sequence).toEqual(['start', 'chunk×2', 'end']);
  });

  it('copies a stream whose iterator it cannot hook, with the same behaviour', async () => {
    const complete = observed(CHUNKS, { readOnlyIterator: true });
    expect(complete.stream).not.toBe(complete.sdkStream);
    expect(complete.stream).toBeInstanceOf(Stream);
    expect(await readAll(complete.stream)).toEqual(CHUNKS);
    expect(complete.recorder.sequence).toEqual(['start', 'chunk×2', 'end']);

    const left = observed(CHUNKS, { readOnlyIterator: true });
    for await (const _chunk of left.stream) break;
    expect(left.recorder.sequence).toEqual(['start', 'abandon']);

    const teed = observed(CHUNKS, { readOnlyIterator: true });
    const halves = await Promise.all(teed.stream.tee().map(readAll));
    expect(halves).toEqual([CHUNKS, CHUNKS]);
    expect(teed.recorder.sequence).toEqual(['start', 'chunk×2', 'end']);
  });
});
