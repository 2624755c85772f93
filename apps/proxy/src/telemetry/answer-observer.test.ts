import {
  createRecorder,
  describeChatCompletion,
  type OperationHandle,
  type OperationResult,
} from '@groqmeter/recorder';
import { createFakeRecorder, createTelemetryHarness } from '@groqmeter/recorder/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AnswerObserver } from './answer-observer.js';

const ID =
  '{"id":"chatcmpl-7","object":"chat.completion.chunk","created":1764640000,"model":"openai/gpt-oss-20b","system_fingerprint":"fp_1"';
const USAGE =
  '{"queue_time":0.01,"prompt_tokens":9,"prompt_time":0.001,"completion_tokens":32,"completion_time":0.05,"total_tokens":41,"total_time":0.061}';

function delta(json: string, extra = ''): string {
  return `${ID},"choices":[{"index":0,"delta":${json},"logprobs":null,"finish_reason":null}]${extra}}`;
}

const texts = [' the', ' \\"river\\"', ' Grüße 🌊', ' a\\\\b\\/c\\n\\u00e9', ' \\"content\\":\\"', ''];
/** Output chunks of {@link groqStream}: the reasoning and the non-empty texts (an empty content is no output). */
const OUTPUT_CHUNKS = 3 + texts.length - 1;

/** Groq's stream shape: role and x_groq.id first, reasoning, content, the usage in the last chunk, [DONE]. */
function groqStream(options: { includeUsage?: boolean; lineEnd?: string } = {}): string[] {
  const end = options.lineEnd ?? '\n';
  const usageNull = options.includeUsage ? ',"usage":null' : '';
  const frames = [
    delta('{"role":"assistant","content":""}', `${usageNull},"x_groq":{"id":"req_1"}`),
    ...['Let', ' me', ' think'].map((text) => delta(`{"reasoning":"${text}"}`, usageNull)),
    ...texts.map((text) => delta(`{"content":"${text}"}`, usageNull)),
    `${ID},"choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]${usageNull},"x_groq":{"id":"req_1","usage":${USAGE}}}`,
    ...(options.includeUsage ? [`${ID},"choices":[],"usage":${USAGE},"x_groq":{"id":"req_1"}}`] : []),
    '[DONE]',
  ];
  return frames.map((frame) => `data: ${frame}${end}${end}`);
}

/** The same bytes cut into chunks in several ways: whole, frame by frame, byte by byte, and at seeded random places. */
function cuts(frames: string[]): Buffer[][] {
  const whole = Buffer.from(frames.join(''));
  let seed = 7;
  const random: Buffer[] = [];
  for (let at = 0; at < whole.length; ) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const next = Math.min(whole.length, at + 1 + (seed % 300));
    random.push(whole.subarray(at, next));
    at = next;
  }
  return [
    [whole],
    frames.map((frame) => Buffer.from(frame)),
    [...whole].map((byte) => Buffer.from([byte])),
    random,
  ];
}

const REQUEST = { model: 'openai/gpt-oss-20b', messages: [{ role: 'user', content: 'hi' }], stream: true };
const HEAD = { status: 200, headers: {}, contentType: 'text/event-stream', contentEncoding: undefined };

/** The handle events of one stream observed with the fast path (capture off) or parsing every frame. */
function observe(chunks: Buffer[], parseEveryFrame: boolean) {
  const recorder = createFakeRecorder();
  const description = describeChatCompletion([REQUEST], false);
  const errors: unknown[] = [];
  const observer = new AnswerObserver(
    recorder.start({ ...description.start, source: 'proxy' }),
    description,
    HEAD,
    (error) => errors.push(error),
    parseEveryFrame,
  );
  for (const chunk of chunks) observer.chunk(chunk);
  observer.complete();
  expect(errors).toEqual([]);
  return recorder.operations[0]?.events;
}

describe('AnswerObserver, chat chunks counted from their bytes', () => {
  const streams: Record<string, string[]> = {
    'Groq stream, LF': groqStream(),
    'Groq stream, CRLF': groqStream({ lineEnd: '\r\n' }),
    'stream_options.include_usage (usage: null on every chunk)': groqStream({ includeUsage: true }),
    'error frame mid-stream': [
      ...groqStream().slice(0, 6),
      'event: error\ndata: {"error":{"message":"boom","type":"internal_server_error"}}\n\n',
      ...groqStream().slice(6),
    ],
    'error object without an event, same prefix': [
      ...groqStream().slice(0, 6),
      `data: ${ID},"error":{"message":"boom"}}\n\n`,
      ...groqStream().slice(6),
    ],
    'malformed chunk with a learnt prefix': [
      ...groqStream().slice(0, 6),
      `data: ${delta('{"content":"cut')}`.slice(0, -30) + '\n\n',
      ...groqStream().slice(6),
    ],
    'raw control character in a text': [
      ...groqStream().slice(0, 6),
      `data: ${delta('{"content":"a\tb"}')}\n\n`,
      ...groqStream().slice(6),
    ],
    'text ending in a backslash': [
      ...groqStream().slice(0, 6),
      `data: ${delta('{"content":"a\\"}')}\n\n`,
      ...groqStream().slice(6),
    ],
    'comments, ids and multi-line data between chunks': [
      ...groqStream().slice(0, 5),
      ': keep-alive\n\nid: 3\n\n',
      `data: ${ID},\ndata: "choices":[{"index":0,"delta":{"content":" two lines"},"logprobs":null,"finish_reason":null}]}\n\n`,
      ...groqStream().slice(5),
    ],
    'a second choice finishing mid-stream': [
      ...groqStream().slice(0, 6),
      `data: ${ID},"choices":[{"index":1,"delta":{"content":"x"},"logprobs":null,"finish_reason":"length"}]}\n\n`,
      ...groqStream().slice(6),
    ],
  };

  for (const [name, frames] of Object.entries(streams)) {
    it(`records exactly what parsing every frame records: ${name}`, () => {
      const expected = observe([Buffer.from(frames.join(''))], true);
      for (const chunks of cuts(frames)) expect(observe(chunks, false)).toEqual(expected);
    });
  }

  it('parses only the frames that can tell something new, counts every output chunk, ends with the usage', () => {
    const parse = vi.spyOn(JSON, 'parse');
    const events = observe([Buffer.from(groqStream().join(''))], false);
    // The role chunk, the first reasoning and the first content chunk (learnt), the empty text, the usage chunk.
    expect(parse).toHaveBeenCalledTimes(5);
    parse.mockRestore();
    expect(events?.filter((event) => event.type === 'chunk')).toHaveLength(OUTPUT_CHUNKS);
    expect(events?.at(-1)).toEqual({
      type: 'end',
      result: expect.objectContaining({
        responseId: 'chatcmpl-7',
        responseModel: 'openai/gpt-oss-20b',
        groqRequestId: 'req_1',
        finishReasons: ['stop'],
        usage: expect.objectContaining({ inputTokens: 9, outputTokens: 32 }),
      }) as OperationResult,
    });
  });
});

describe('AnswerObserver, recorded telemetry of a stream counted from its bytes', () => {
  afterEach(() => vi.useRealTimers());

  it('records the exact tokens, cost, time to first chunk and time per output chunk', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const harness = createTelemetryHarness();
    const recorder = createRecorder({
      tracerProvider: harness.tracerProvider,
      meterProvider: harness.meterProvider,
      captureMessageContent: false,
    });
    const description = describeChatCompletion([REQUEST], false);
    const startTime = performance.timeOrigin + performance.now();
    const handle: OperationHandle = recorder.start({ ...description.start, source: 'proxy', startTime });
    let markRecorded: () => void = () => undefined;
    const recorded = new Promise<void>((resolve) => {
      markRecorded = resolve;
    });
    const observer = new AnswerObserver(
      handle,
      description,
      HEAD,
      (error) => {
        throw error;
      },
      false,
      () => markRecorded(),
    );
    const frames = groqStream();
    vi.advanceTimersByTime(40);
    for (const frame of frames) {
      observer.chunk(Buffer.from(frame));
      vi.advanceTimersByTime(2);
    }
    observer.complete();
    await recorded;

    const span = harness.onlySpan();
    // The first chunk (role and an empty content) is no output: the first output came 42 ms in.
    expect(span.attributes['gen_ai.response.time_to_first_chunk']).toBeCloseTo(0.042, 9);
    expect(span.attributes['gen_ai.usage.input_tokens']).toBe(9);
    expect(span.attributes['gen_ai.usage.output_tokens']).toBe(32);
    // gpt-oss-20b: 9 × $0.075/M + 32 × $0.30/M.
    expect(span.attributes['groq.cost.usd']).toBe('0.000010275000');
    const [firstChunk] = await harness.points('gen_ai.client.operation.time_to_first_chunk');
    expect(firstChunk?.value).toEqual({ count: 1, sum: expect.closeTo(0.042, 9) });
    // The output chunks are consecutive frames, 2 ms apart.
    const [perChunk] = await harness.points('gen_ai.client.operation.time_per_output_chunk');
    expect(perChunk?.value).toEqual({
      count: OUTPUT_CHUNKS - 1,
      sum: expect.closeTo((OUTPUT_CHUNKS - 1) * 0.002, 9),
    });
    const tokens = await harness.points('gen_ai.client.token.usage');
    expect(tokens.map((point) => [point.attributes['gen_ai.token.type'], point.value])).toEqual([
      ['input', { count: 1, sum: 9 }],
      ['output', { count: 1, sum: 32 }],
    ]);
    const cost = await harness.points('groq.cost.usd');
    expect(cost.map((point) => [point.attributes.component, point.value])).toEqual([
      ['input', 9 * 0.075e-6],
      ['output', 32 * 0.3e-6],
    ]);
    await harness.shutdown();
  });
});
