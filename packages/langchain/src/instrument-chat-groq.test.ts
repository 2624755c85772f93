import { randomUUID } from 'node:crypto';
import { isRecordingSuppressed } from '@groqmeter/recorder';
import { createFakeRecorder, installAsyncContext } from '@groqmeter/recorder/testing';
import type { Serialized } from '@langchain/core/load/serializable';
import { describe, expect, it } from 'vitest';
import { GroqmeterCallbackHandler } from './callback-handler.js';
import { instrumentChatGroq } from './instrument-chat-groq.js';

const CHAT_GROQ: Serialized = {
  lc: 1,
  type: 'not_implemented',
  id: ['langchain', 'chat_models', 'groq', 'ChatGroq'],
};
const HEADERS = { 'x-ratelimit-limit-requests': '1000' };

/** A ChatGroq stand-in whose request goes through its client's `fetch`, after a delay (async work). */
function fakeChatGroq() {
  const suppressedAtFetch: boolean[] = [];
  const client = {
    fetch: async (_url: unknown, _init?: unknown): Promise<Response> => {
      suppressedAtFetch.push(isRecordingSuppressed());
      return new Response('{}', { status: 200, headers: HEADERS });
    },
  };
  const request = async () => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    await client.fetch('https://api.groq.com/openai/v1/chat/completions');
  };
  const model = {
    client,
    callbacks: undefined as unknown,
    async _generate(..._args: unknown[]): Promise<unknown> {
      await request();
      return { generations: [] };
    },
    async *_streamResponseChunks(..._args: unknown[]): AsyncGenerator<unknown> {
      await request();
      yield 'Hel';
      yield 'lo';
    },
  };
  return { model, suppressedAtFetch };
}

/** Start a run on `handler` as LangChain would, and the run manager LangChain hands to the model. */
function startRun(handler: GroqmeterCallbackHandler) {
  // Run ids are claimed process-wide until the run ends: a fresh one per run.
  const runId = randomUUID();
  handler.handleChatModelStart(CHAT_GROQ, [], runId, undefined, { invocation_params: { model: 'm' } });
  return { runId, handlers: [handler] };
}

async function requestAndStream(withContextManager: boolean) {
  const uninstall = withContextManager ? installAsyncContext() : () => undefined;
  try {
    const recorder = createFakeRecorder();
    const handler = new GroqmeterCallbackHandler({ recorder });
    const { model, suppressedAtFetch } = fakeChatGroq();
    instrumentChatGroq(model, handler);
    await model._generate([], {}, startRun(handler));
    const chunks: unknown[] = [];
    for await (const chunk of model._streamResponseChunks([], {}, startRun(handler))) {
      chunks.push(chunk);
    }
    return { recorder, suppressedAtFetch, chunks };
  } finally {
    uninstall();
  }
}

describe('instrumentChatGroq', () => {
  it.each([
    ['with a context manager', true],
    ['without a context manager', false],
  ])('reports every HTTP attempt of a run to its operation, %s', async (_name, withContextManager) => {
    const { recorder, chunks } = await requestAndStream(withContextManager);
    expect(chunks).toEqual(['Hel', 'lo']);
    expect(recorder.operations.map((operation) => [operation.start.stream, operation.events])).toEqual([
      [false, [{ type: 'attempt', facts: { status: 200, headers: expect.any(Headers) } }]],
      [true, [{ type: 'attempt', facts: { status: 200, headers: expect.any(Headers) } }]],
    ]);
    const headers = recorder.operations[0]?.events[0];
    expect(headers?.type === 'attempt' && headers.facts.headers).toSatisfy(
      (value: unknown) => value instanceof Headers && value.get('x-ratelimit-limit-requests') === '1000',
    );
  });

  it.each([
    ['with a context manager', true],
    ['without a context manager', false],
  ])('keeps the attempts of concurrent runs on one model apart, %s', async (_name, withContextManager) => {
    const uninstall = withContextManager ? installAsyncContext() : () => undefined;
    try {
      const recorder = createFakeRecorder();
      const handler = new GroqmeterCallbackHandler({ recorder });
      const { model } = fakeChatGroq();
      instrumentChatGroq(model, handler);
      await Promise.all([1, 2, 3, 4].map(() => model._generate([], {}, startRun(handler))));
      expect(recorder.operations.map((operation) => operation.events.length)).toEqual([1, 1, 1, 1]);
    } finally {
      uninstall();
    }
  });

  it('makes the request with groqmeter recording suppressed (when the context follows async work)', async () => {
    const { suppressedAtFetch } = await requestAndStream(true);
    expect(suppressedAtFetch).toEqual([true, true]);
  });

  it('passes requests outside a recorded run through untouched', async () => {
    const { model, suppressedAtFetch } = fakeChatGroq();
    instrumentChatGroq(model, new GroqmeterCallbackHandler({ recorder: createFakeRecorder() }));
    await model._generate([], {}, { runId: 'not-started', handlers: [] });
    expect(suppressedAtFetch).toEqual([false]);
  });
});
