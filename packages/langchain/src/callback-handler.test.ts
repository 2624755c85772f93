import type { Recorder } from '@groqmeter/recorder';
import { createFakeRecorder } from '@groqmeter/recorder/testing';
import { ModelAbortError } from '@langchain/core/errors';
import { AIMessage, AIMessageChunk } from '@langchain/core/messages';
import { ChatGenerationChunk } from '@langchain/core/outputs';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { describe, expect, it } from 'vitest';
import { GroqmeterCallbackHandler } from './callback-handler.js';

const chatGroq = {
  lc: 1,
  type: 'constructor' as const,
  id: ['langchain', 'chat_models', 'groq', 'ChatGroq'],
  kwargs: {},
};
const extraParams = (stream: boolean) => ({ invocation_params: { model: 'openai/gpt-oss-20b', stream } });
const indices = { prompt: 0, completion: 0 };
const result = {
  generations: [
    [
      {
        text: 'Hi',
        message: new AIMessage({
          content: 'Hi',
          usage_metadata: { input_tokens: 5, output_tokens: 2, total_tokens: 7 },
        }),
      },
    ],
  ],
};

function tokenChunk(text: string) {
  return new ChatGenerationChunk({ text, message: new AIMessageChunk({ content: text }) });
}

describe('GroqmeterCallbackHandler', () => {
  it('awaits its callbacks and is its own copy', () => {
    const handler = new GroqmeterCallbackHandler({ recorder: createFakeRecorder() });
    expect(handler.awaitHandlers).toBe(true);
    expect(handler.copy()).toBe(handler);
  });

  it('records a non-streamed run when it ends, timed from its start', async () => {
    const recorder = createFakeRecorder();
    const handler = new GroqmeterCallbackHandler({ recorder });
    const before = performance.timeOrigin + performance.now();
    await handler.handleChatModelStart(
      chatGroq,
      [],
      'run-1',
      undefined,
      extraParams(false),
      ['t'],
      { feature: 'faq' },
      'ask',
    );
    await handler.handleLLMEnd(result, 'run-1');

    const [operation] = recorder.operations;
    expect(operation?.start).toMatchObject({
      operation: 'chat',
      source: 'langchain',
      requestModel: 'openai/gpt-oss-20b',
      stream: false,
      attributes: {
        feature: 'faq',
        'langchain.run.id': 'run-1',
        'langchain.run.name': 'ask',
        'langchain.run.tags': 't',
      },
    });
    expect(operation?.start.startTime).toBeGreaterThanOrEqual(before);
    expect(operation?.events).toEqual([
      { type: 'end', result: { usage: { inputTokens: 5, outputTokens: 2 } } },
    ]);
  });

  it('times streamed tokens from the first non-empty one, and hears each chunk once', async () => {
    const recorder = createFakeRecorder();
    const handler = new GroqmeterCallbackHandler({ recorder });
    await handler.handleChatModelStart(chatGroq, [], 'run-2', undefined, extraParams(false));
    const roleChunk = tokenChunk('');
    const hello = tokenChunk('Hel');
    await handler.handleLLMNewToken('', indices, 'run-2', undefined, undefined, { chunk: roleChunk });
    await handler.handleLLMNewToken('Hel', indices, 'run-2', undefined, undefined, { chunk: hello });
    // The same handler attached per model and per call hears every token twice.
    await handler.handleLLMNewToken('Hel', indices, 'run-2', undefined, undefined, { chunk: hello });
    await handler.handleLLMNewToken('lo', indices, 'run-2', undefined, undefined, {
      chunk: tokenChunk('lo'),
    });
    const toolDelta = new ChatGenerationChunk({
      text: '',
      message: new AIMessageChunk({
        content: '',
        tool_call_chunks: [{ name: 'weather', args: '{"ci', index: 0 }],
      }),
    });
    await handler.handleLLMNewToken('', indices, 'run-2', undefined, undefined, { chunk: toolDelta });
    await handler.handleLLMEnd(result, 'run-2');

    expect(
      recorder.operations.map((operation) => [operation.start.stream, operation.events.map((e) => e.type)]),
    ).toEqual([[true, ['chunk', 'chunk', 'chunk', 'end']]]);
  });

  it('counts a content-only chunk on the token fast path and still handles tool-call, usage and finish chunks', async () => {
    const chunkTimes: Array<number | undefined> = [];
    const ended: unknown[] = [];
    const fake = createFakeRecorder();
    const recorder: Recorder = {
      ...fake,
      start(start) {
        const handle = fake.start(start);
        return {
          ...handle,
          chunk: (time) => chunkTimes.push(time),
          end: (facts) => ended.push(facts),
        };
      },
    };
    const handler = new GroqmeterCallbackHandler({ recorder });
    await handler.handleChatModelStart(chatGroq, [], 'run-fast', undefined, extraParams(true));
    const beforeFirst = performance.timeOrigin + performance.now();
    await handler.handleLLMNewToken('Hi', indices, 'run-fast', undefined, undefined, {
      chunk: tokenChunk('Hi'),
    });
    const afterFirst = performance.timeOrigin + performance.now();
    const toolDelta = new ChatGenerationChunk({
      text: '',
      message: new AIMessageChunk({ content: '', tool_call_chunks: [{ name: 'f', args: '{}', index: 0 }] }),
    });
    const usageChunk = new ChatGenerationChunk({
      text: '',
      message: new AIMessageChunk({
        content: '',
        usage_metadata: { input_tokens: 5, output_tokens: 2, total_tokens: 7 },
      }),
    });
    const finishChunk = new ChatGenerationChunk({
      text: '',
      generationInfo: { finish_reason: 'tool_calls' },
      message: new AIMessageChunk({ content: '', response_metadata: { finish_reason: 'tool_calls' } }),
    });
    for (const chunk of [toolDelta, usageChunk, finishChunk])
      await handler.handleLLMNewToken('', indices, 'run-fast', undefined, undefined, { chunk });
    await handler.handleLLMEnd(result, 'run-fast');

    // The content chunk and the tool-call delta carry output; the usage and finish chunks do not.
    expect(chunkTimes).toHaveLength(2);
    expect(chunkTimes[0]).toBeGreaterThanOrEqual(beforeFirst);
    expect(chunkTimes[0]).toBeLessThanOrEqual(afterFirst);
    expect(chunkTimes[1]).toBeGreaterThanOrEqual(chunkTimes[0] as number);
    expect(ended).toEqual([{ usage: { inputTokens: 5, outputTokens: 2 } }]);
    expect(fake.operations.map((operation) => operation.start.stream)).toEqual([true]);
  });

  it('fails a run with its error and abandons an aborted one', async () => {
    const recorder = createFakeRecorder();
    const handler = new GroqmeterCallbackHandler({ recorder });
    const rateLimited = Object.assign(new Error('429 Rate limit reached'), { status: 429 });
    await handler.handleChatModelStart(chatGroq, [], 'run-3', undefined, extraParams(true));
    await handler.handleLLMError(rateLimited, 'run-3');
    await handler.handleChatModelStart(chatGroq, [], 'run-4', undefined, extraParams(false));
    await handler.handleLLMError(new ModelAbortError('Model invocation was aborted.'), 'run-4');

    expect(recorder.operations.map((operation) => [operation.start.stream, operation.events])).toEqual([
      [true, [{ type: 'fail', failure: { error: rateLimited } }]],
      [false, [{ type: 'abandon' }]],
    ]);
  });

  it('lets only the first groqmeter handler of a run record it', async () => {
    const first = createFakeRecorder();
    const second = createFakeRecorder();
    const handlers = [
      new GroqmeterCallbackHandler({ recorder: first }),
      new GroqmeterCallbackHandler({ recorder: second }),
    ];
    for (const handler of handlers)
      await handler.handleChatModelStart(chatGroq, [], 'run-5', undefined, extraParams(false));
    for (const handler of handlers) await handler.handleLLMEnd(result, 'run-5');
    expect([first.operations.length, second.operations.length]).toEqual([1, 0]);
  });

  it('ignores chat models of other providers', async () => {
    const recorder = createFakeRecorder();
    const model = new FakeListChatModel({ responses: ['Hello from elsewhere'] });
    const answer = await model.invoke('Hi', { callbacks: [new GroqmeterCallbackHandler({ recorder })] });
    expect(answer.content).toBe('Hello from elsewhere');
    expect(recorder.operations).toEqual([]);
  });
});
