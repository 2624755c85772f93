import {
  COMPLETION_TOKENS_HEADER,
  countPromptTokens,
  FAULT_COUNT_HEADER,
  FAULT_HEADER,
} from '@groqmeter/groq-simulator';
import { SpanStatusCode } from '@opentelemetry/api';
import type Groq from 'groq-sdk';
import { Stream } from 'groq-sdk/core/streaming';
import type { ChatCompletionChunk } from 'groq-sdk/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import { CHAT_MODEL, CHAT_MODEL_REASONING_TOKENS, GROQ_SDK_V1, withoutUsage } from './groq-fixture.js';
import { costAttributes, useSimulatorSuite } from './simulator-suite.js';

const messages = [{ role: 'user' as const, content: 'Stream me the state of our token budget.' }];
const PROMPT_TOKENS = countPromptTokens(messages);
const OUTPUT_TOKENS = 48;
const USAGE = {
  inputTokens: PROMPT_TOKENS,
  cachedInputTokens: 0,
  outputTokens: OUTPUT_TOKENS,
  reasoningTokens: CHAT_MODEL_REASONING_TOKENS,
};
const chatLabels = { model: CHAT_MODEL, operation: 'chat', provider: 'groq' };
const answerOf = (tokens: number, extra: Record<string, string> = {}) => ({
  headers: { [COMPLETION_TOKENS_HEADER]: String(tokens), ...extra },
});

const suite = useSimulatorSuite();

function streamChat(groq: Groq, extraHeaders: Record<string, string> = {}) {
  return groq.chat.completions.create(
    { model: CHAT_MODEL, messages, stream: true },
    answerOf(OUTPUT_TOKENS, extraHeaders),
  );
}

/** Chunks that carry output: the ones the TTFT and per-chunk histograms time. */
function outputChunks(chunks: ChatCompletionChunk[]): number {
  return chunks.filter((chunk) =>
    chunk.choices.some((choice) =>
      Boolean(choice.delta.content || choice.delta.reasoning || choice.delta.tool_calls),
    ),
  ).length;
}

async function requestOutcomes() {
  return (await suite.telemetry.points('groq.requests')).map((point) => point.attributes.outcome);
}

describe('chat.completions.create, streamed', () => {
  it('passes every chunk through and records usage, cost, time to first chunk and time per chunk', async () => {
    const groq = suite.instrumentedClient();
    const stream = await streamChat(groq);
    expect(stream).toBeInstanceOf(Stream);
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);

    const last = chunks.at(-1);
    expect(last?.x_groq?.usage?.completion_tokens).toBe(OUTPUT_TOKENS);
    const span = suite.onlySpan();
    const { 'gen_ai.response.time_to_first_chunk': ttft, ...attributes } = span.attributes;
    expect(typeof ttft).toBe('number');
    expect(attributes).toEqual({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'groq',
      'gen_ai.request.model': CHAT_MODEL,
      'gen_ai.request.stream': true,
      'server.address': '127.0.0.1',
      'server.port': suite.simulator.port,
      'groqmeter.source': 'groq-sdk',
      'groqmeter.operation.type': 'chat',
      'groq.ratelimit.remaining.requests': 999,
      'groq.ratelimit.remaining.tokens': expect.any(Number),
      'gen_ai.response.model': CHAT_MODEL,
      'gen_ai.response.id': chunks[0]?.id,
      'gen_ai.response.finish_reasons': ['stop'],
      'groq.request_id': chunks[0]?.x_groq?.id,
      'groq.server.queue_time': last?.x_groq?.usage?.queue_time,
      'groq.server.prompt_time': last?.x_groq?.usage?.prompt_time,
      'groq.server.completion_time': last?.x_groq?.usage?.completion_time,
      'groq.server.total_time': last?.x_groq?.usage?.total_time,
      'gen_ai.usage.input_tokens': PROMPT_TOKENS,
      'gen_ai.usage.output_tokens': OUTPUT_TOKENS,
      'gen_ai.usage.cache_read.input_tokens': 0,
      'gen_ai.usage.reasoning.output_tokens': CHAT_MODEL_REASONING_TOKENS,
      ...costAttributes(CHAT_MODEL, 'chat', USAGE),
      'groq.retries': 0,
    });
    const semconv = {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'groq',
      'gen_ai.request.model': CHAT_MODEL,
      'server.address': '127.0.0.1',
      'server.port': suite.simulator.port,
    };
    expect(await suite.telemetry.points('gen_ai.client.operation.time_to_first_chunk')).toEqual([
      { attributes: semconv, value: { count: 1, sum: ttft } },
    ]);
    const perChunk = await suite.telemetry.points('gen_ai.client.operation.time_per_output_chunk');
    expect(perChunk).toMatchObject([{ attributes: semconv, value: { count: outputChunks(chunks) - 1 } }]);
    expect(await suite.telemetry.points('groq.tokens')).toEqual([
      { attributes: { ...chatLabels, type: 'input' }, value: PROMPT_TOKENS },
      { attributes: { ...chatLabels, type: 'cached_input' }, value: 0 },
      { attributes: { ...chatLabels, type: 'output' }, value: OUTPUT_TOKENS },
      { attributes: { ...chatLabels, type: 'reasoning' }, value: CHAT_MODEL_REASONING_TOKENS },
    ]);
  });

  it('counts usage sent twice (x_groq.usage and an include_usage chunk with no choices) once', async () => {
    const groq = suite.instrumentedClient();
    const stream = await groq.chat.completions.create(
      {
        model: CHAT_MODEL,
        messages,
        stream: true,
        // Not in groq-sdk's types; Groq accepts it and then appends a `choices: []` usage chunk.
        ...({ stream_options: { include_usage: true } } as object),
      },
      answerOf(OUTPUT_TOKENS),
    );
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const usageChunk = chunks.at(-1) as ChatCompletionChunk & { usage?: { completion_tokens: number } };
    expect(usageChunk.choices).toEqual([]);
    expect(usageChunk.usage?.completion_tokens).toBe(OUTPUT_TOKENS);

    expect(suite.onlySpan().attributes['gen_ai.usage.output_tokens']).toBe(OUTPUT_TOKENS);
    expect(await suite.telemetry.points('groq.tokens')).toContainEqual({
      attributes: { ...chatLabels, type: 'output' },
      value: OUTPUT_TOKENS,
    });
  });

  it('records a stream left by `break` before its usage as abandoned: duration, no tokens, usage_missing', async () => {
    const groq = suite.instrumentedClient();
    const stream = await streamChat(groq);
    let received = 0;
    for await (const _chunk of stream) {
      received += 1;
      if (received === 3) break;
    }
    expect(stream.controller.signal.aborted).toBe(true);
    const span = suite.onlySpan();
    expect(span.attributes['groqmeter.abandoned']).toBe(true);
    expect(span.attributes['gen_ai.usage.output_tokens']).toBeUndefined();
    expect(await requestOutcomes()).toEqual(['abandoned']);
    expect(await suite.telemetry.points('groq.tokens')).toEqual([]);
    expect(await suite.telemetry.points('groqmeter.dropped')).toEqual([
      { attributes: { reason: 'usage_missing' }, value: 1 },
    ]);
    expect(await suite.telemetry.points('gen_ai.client.operation.duration')).toMatchObject([
      { value: { count: 1 } },
    ]);
  });

  it('ends a stream left by `break` right after its usage chunk with that usage', async () => {
    const groq = suite.instrumentedClient();
    const stream = await streamChat(groq);
    for await (const chunk of stream) {
      if (chunk.x_groq?.usage) break;
    }
    expect(suite.onlySpan().attributes['gen_ai.usage.output_tokens']).toBe(OUTPUT_TOKENS);
    expect(await requestOutcomes()).toEqual(['success']);
  });

  it('fails the operation with the parse error when a chunk is malformed', async () => {
    const groq = suite.instrumentedClient({}, { logger: { error() {}, warn() {}, info() {}, debug() {} } });
    const stream = await streamChat(groq, { [FAULT_HEADER]: 'malformed-chunk' });
    const error = await (async () => {
      for await (const _chunk of stream) {
        // consume until the broken chunk throws
      }
    })().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(SyntaxError);
    const span = suite.onlySpan();
    expect(span.attributes['error.type']).toBe('SyntaxError');
    expect(await suite.telemetry.points('groq.requests')).toEqual([
      {
        attributes: { ...chatLabels, outcome: 'error', error_type: 'SyntaxError', status_code: '' },
        value: 1,
      },
    ]);
  });

  it("fails the operation with Groq's status and code when the stream sends an error frame", async () => {
    const groq = suite.instrumentedClient();
    const stream = await streamChat(groq, { [FAULT_HEADER]: 'stream-error' });
    let received = 0;
    const error = await (async () => {
      for await (const _chunk of stream) received += 1;
    })().catch((caught: unknown) => caught);

    expect(received).toBeGreaterThan(0);
    expect((error as { error?: { code?: string } }).error?.code).toBe('tool_use_failed');
    const span = suite.onlySpan();
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes['error.type']).toBe('tool_use_failed');
    expect(await suite.telemetry.points('groq.requests')).toEqual([
      {
        attributes: { ...chatLabels, outcome: 'error', error_type: 'tool_use_failed', status_code: '400' },
        value: 1,
      },
    ]);
  });

  it('records a stream whose server sent no usage as ended with usage_missing', async () => {
    const groq = suite.instrumentedClient({}, { fetch: withoutUsage() });
    const stream = await streamChat(groq);
    let received = 0;
    for await (const _chunk of stream) received += 1;
    expect(received).toBeGreaterThan(2);
    const span = suite.onlySpan();
    expect(span.attributes['gen_ai.response.finish_reasons']).toEqual(['stop']);
    expect(span.attributes['gen_ai.usage.input_tokens']).toBeUndefined();
    expect(await requestOutcomes()).toEqual(['success']);
    expect(await suite.telemetry.points('groqmeter.dropped')).toEqual([
      { attributes: { reason: 'usage_missing' }, value: 1 },
    ]);
  });

  it('keeps .withResponse() working on a stream', async () => {
    const groq = suite.instrumentedClient();
    const { data: stream, response } = await streamChat(groq).withResponse();
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    let received = 0;
    for await (const _chunk of stream) received += 1;
    expect(received).toBeGreaterThan(2);
    expect(suite.onlySpan().attributes['gen_ai.usage.output_tokens']).toBe(OUTPUT_TOKENS);
  });

  it('leaves the raw event stream of .asResponse() to the caller, recorded without usage', async () => {
    const groq = suite.instrumentedClient();
    const response = await streamChat(groq).asResponse();
    const body = await response.text();
    expect(body).toContain('data: [DONE]');
    expect(body).toContain(`"completion_tokens":${OUTPUT_TOKENS}`);
    await expect.poll(() => suite.telemetry.spans().length).toBe(1);
    expect(await requestOutcomes()).toEqual(['success']);
    expect(await suite.telemetry.points('groqmeter.dropped')).toEqual([
      { attributes: { reason: 'usage_missing' }, value: 1 },
    ]);
  });

  it('records a tee()d stream once while both halves get every chunk', async () => {
    const groq = suite.instrumentedClient();
    const [left, right] = (await streamChat(groq)).tee();
    const read = async (stream: AsyncIterable<ChatCompletionChunk>) => {
      const ids: string[] = [];
      for await (const chunk of stream) ids.push(`${chunk.id}:${chunk.choices[0]?.delta.content ?? ''}`);
      return ids;
    };
    const [leftChunks, rightChunks] = await Promise.all([read(left), read(right)]);
    expect(leftChunks.length).toBeGreaterThan(2);
    expect(rightChunks).toEqual(leftChunks);
    expect(suite.onlySpan().attributes['gen_ai.usage.output_tokens']).toBe(OUTPUT_TOKENS);
    expect(await suite.telemetry.points('groq.tokens')).toContainEqual({
      attributes: { ...chatLabels, type: 'output' },
      value: OUTPUT_TOKENS,
    });
  });

  it('records a stream read through toReadableStream()', async () => {
    const groq = suite.instrumentedClient();
    const readable = (await streamChat(groq)).toReadableStream();
    const text = await new Response(readable as ReadableStream<Uint8Array>).text();
    expect(text.trim().split('\n').length).toBeGreaterThan(2);
    expect(suite.onlySpan().attributes['gen_ai.usage.output_tokens']).toBe(OUTPUT_TOKENS);
  });

  it('lets a second iteration fail as the SDK does, without recording it again', async () => {
    const groq = suite.instrumentedClient();
    const stream = await streamChat(groq);
    for await (const _chunk of stream) {
      // first, complete iteration
    }
    const error = await (async () => {
      for await (const _chunk of stream) {
        // the SDK refuses a second iteration
      }
    })().catch((caught: unknown) => caught);
    expect(String(error)).toContain('Cannot iterate over a consumed stream');
    expect(await requestOutcomes()).toEqual(['success']);
  });

  it('records a 429 before the stream started as one operation with one retry', async () => {
    const groq = suite.instrumentedClient();
    const stream = await streamChat(groq, { [FAULT_HEADER]: '429', [FAULT_COUNT_HEADER]: '1' });
    for await (const _chunk of stream) {
      // read to the end
    }
    expect(suite.onlySpan().attributes['groq.retries']).toBe(1);
    expect(await suite.telemetry.points('groq.ratelimit.hits')).toEqual([
      { attributes: { model: CHAT_MODEL }, value: 1 },
    ]);
    expect(await requestOutcomes()).toEqual(['success']);
  });

  it('captures the streamed output message when content capture is on', async () => {
    const groq = suite.instrumentedClient({ captureMessageContent: true });
    let content = '';
    let reasoning = '';
    for await (const chunk of await streamChat(groq)) {
      content += chunk.choices[0]?.delta.content ?? '';
      reasoning += chunk.choices[0]?.delta.reasoning ?? '';
    }
    expect(JSON.parse(String(suite.onlySpan().attributes['gen_ai.output.messages']))).toEqual([
      {
        role: 'assistant',
        parts: [
          { type: 'reasoning', content: reasoning },
          { type: 'text', content },
        ],
        finish_reason: 'stop',
      },
    ]);
  });
});

describe('chat.completions.create, streamed in real time', () => {
  // The simulator sends chunks at the model's speed (timeScale 1), so that the client can act
  // while the answer is still arriving.
  const slow = useSimulatorSuite({ timeScale: 1 });

  async function slowOutcomes() {
    return (await slow.telemetry.points('groq.requests')).map((point) => point.attributes.outcome);
  }

  it('records a stream aborted through stream.controller as abandoned', async () => {
    const groq = slow.instrumentedClient();
    const stream = await streamChat(groq);
    let received = 0;
    for await (const _chunk of stream) {
      received += 1;
      if (received === 2) stream.controller.abort();
    }
    expect(received).toBe(2);
    expect(slow.onlySpan().attributes['groqmeter.abandoned']).toBe(true);
    expect(await slowOutcomes()).toEqual(['abandoned']);
  });

  it('fails the operation and rethrows when the connection drops mid-stream', async () => {
    const groq = slow.instrumentedClient();
    const stream = await streamChat(groq, { [FAULT_HEADER]: 'drop-mid-stream' });
    let received = 0;
    const error = await (async () => {
      for await (const _chunk of stream) received += 1;
    })().catch((caught: unknown) => caught);

    // The fetch's error for a body cut off mid-read, as the SDK rethrows it: undici's (1.x uses the
    // global fetch) or node-fetch's (0.x).
    expect(String(error)).toBe(GROQ_SDK_V1 ? 'TypeError: terminated' : 'Error: Premature close');
    expect(received).toBeGreaterThan(0);
    const span = slow.onlySpan();
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes['error.type']).toBe(GROQ_SDK_V1 ? 'TypeError' : 'ERR_STREAM_PREMATURE_CLOSE');
    expect(span.attributes['gen_ai.usage.output_tokens']).toBeUndefined();
    expect(await slowOutcomes()).toEqual(['error']);
  });
});
