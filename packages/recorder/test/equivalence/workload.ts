import { AlwaysOffSampler, BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import Groq from 'groq-sdk';
import { withGroqAttributes } from '../../src/attribution.js';
import { createRecorder } from '../../src/recorder.js';
import { runWithRecordingSuppressed } from '../../src/suppression.js';
import type { TelemetryHarness } from '../../src/testing/telemetry-harness.js';
import type { OperationStart, Recorder, RecorderOptions } from '../../src/types.js';
import { chatStart, RATE_LIMIT_HEADERS, T0, USAGE } from '../fixtures.js';

const COMPOUND = 'groq/compound';
const LLAMA = 'llama-3.3-70b-versatile';
const SERVER_TIMING = { queueTime: 0.0123, promptTime: 0.045, completionTime: 0.62, totalTime: 0.665 };

/** A start at `T0 + offset` ms, so that every duration and every price date is fixed. */
function at(offset: number, overrides: Partial<OperationStart> = {}): OperationStart {
  return chatStart({ startTime: T0 + offset, ...overrides });
}

/** Non-streaming chats: plain, attributed (per call and through context), every request parameter. */
function chats(recorder: Recorder): void {
  const full = recorder.start(
    at(0, {
      attributes: { feature: 'search', tenant_tier: 'pro', user_note: 'not a label' },
      request: {
        temperature: 0.2,
        maxTokens: 256,
        topP: 0.9,
        topK: 40,
        frequencyPenalty: 0.1,
        presencePenalty: 0.3,
        stopSequences: ['END'],
        seed: 7,
        choiceCount: 2,
        toolsCount: 3,
        outputType: 'json',
        serviceTier: 'flex',
        reasoningEffort: 'high',
      },
    }),
  );
  full.attempt({ status: 200, headers: RATE_LIMIT_HEADERS });
  full.end(
    {
      responseModel: 'openai/gpt-oss-20b',
      responseId: 'chatcmpl-1',
      groqRequestId: 'req_01',
      finishReasons: ['stop', 'length'],
      usage: USAGE,
      serviceTier: 'flex',
      serverTiming: SERVER_TIMING,
    },
    T0 + 740,
  );
  withGroqAttributes({ feature: 'chat', platform: 'web' }, () => {
    for (let index = 0; index < 3; index += 1) {
      const op = recorder.start(at(1000 * index, { requestModel: LLAMA }));
      op.attempt({ status: 200, headers: { get: (name: string) => headerValue(name, index) } });
      op.end(
        {
          responseModel: LLAMA,
          usage: { inputTokens: 100 + index, outputTokens: 40 * index },
          serverTiming: { ...SERVER_TIMING, completionTime: 0.1 * (index + 1) },
        },
        T0 + 1000 * index + 90 * (index + 1),
      );
    }
  });
  // No requested model: the response model becomes the label once it arrives.
  recorder.start(at(0, { requestModel: undefined })).end({ responseModel: LLAMA, usage: USAGE }, T0 + 33);
}

/** A `get()` headers object whose remaining counts fall call by call. */
function headerValue(name: string, index: number): string | null {
  if (name === 'x-ratelimit-remaining-requests') return String(14_399 - index);
  if (name === 'x-ratelimit-remaining-tokens') return String(5_000 - 100 * index);
  if (name === 'x-ratelimit-reset-tokens') return `${index + 1}.5s`;
  if (name === 'x-ratelimit-limit-tokens') return '6000';
  return null;
}

/** Streams: chunks, a usage chunk, an abandoned stream, a stream broken after its usage. */
function streams(recorder: Recorder): void {
  const stream = recorder.start(at(0, { stream: true, attributes: { feature: 'stream' } }));
  stream.attempt({ status: 200, headers: RATE_LIMIT_HEADERS });
  for (const offset of [120, 130, 145, 400, 401, 900]) stream.chunk(T0 + offset);
  stream.end({ responseModel: 'openai/gpt-oss-20b', finishReasons: ['stop'], usage: USAGE }, T0 + 910);

  const abandoned = recorder.start(at(0, { stream: true, requestModel: LLAMA }));
  abandoned.chunk(T0 + 50);
  abandoned.chunk(T0 + 70);
  abandoned.abandon(T0 + 75);

  const broken = recorder.start(at(0, { stream: true }));
  broken.chunk(T0 + 20);
  broken.fail(
    {
      error: new TypeError('terminated'),
      partial: { responseModel: 'openai/gpt-oss-20b', usage: { inputTokens: 10, outputTokens: 4 } },
    },
    T0 + 300,
  );
  // A stream that ends without usage: usage missing.
  const noUsage = recorder.start(at(0, { stream: true }));
  noUsage.chunk(T0 + 10);
  noUsage.end({ finishReasons: ['stop'] }, T0 + 20);
}

/** Errors and retries: a 429 retried then served, a final 429 as an SDK error, a 500, a timeout. */
function errorsAndRetries(recorder: Recorder): void {
  const retried = recorder.start(at(0, { attributes: { feature: 'retry' } }));
  retried.attempt({ status: 429, headers: { 'retry-after': '2', ...RATE_LIMIT_HEADERS } });
  retried.attempt({ status: 503, headers: { 'retry-after-ms': '1500' } });
  retried.attempt({ status: 200, headers: { ...RATE_LIMIT_HEADERS, 'x-ratelimit-limit-tokens': 'lots' } });
  retried.end({ usage: { inputTokens: 5, outputTokens: 5 } }, T0 + 4000);

  const headers = { 'retry-after': '7', ...RATE_LIMIT_HEADERS };
  const rateLimited = recorder.start(at(0));
  rateLimited.attempt({ status: 429, headers });
  rateLimited.fail(
    {
      error: Groq.APIError.generate(
        429,
        { error: { message: 'Rate limit reached', type: 'tokens', code: 'rate_limit_exceeded' } },
        undefined,
        new Headers(headers),
      ),
    },
    T0 + 200,
  );
  recorder
    .start(at(0, { requestModel: LLAMA }))
    .fail(
      { error: Groq.APIError.generate(500, { error: { message: 'boom' } }, undefined, new Headers()) },
      T0 + 50,
    );
  recorder.start(at(0)).fail({ error: new Groq.APIConnectionTimeoutError() }, T0 + 60_000);
  recorder
    .start(at(0))
    .fail({ error: new Error('rate limited'), status: 429, headers: { 'retry-after': '1' } }, T0 + 5);
  // A failure the adapter reported badly: still one error, typed `_OTHER`.
  recorder.start(at(0)).fail(undefined as never, T0 + 5);
}

/** Compound (breakdown and tools), a partial price, batch, a stale model, unpriced and unknown models. */
function pricing(recorder: Recorder): void {
  recorder.start(at(0, { requestModel: COMPOUND })).end(
    {
      responseModel: COMPOUND,
      usage: {
        inputTokens: 1400,
        cachedInputTokens: 200,
        outputTokens: 600,
        toolCalls: { web_search: 2, visit_website: 1 },
      },
      usageBreakdown: [
        {
          model: 'openai/gpt-oss-120b',
          usage: { inputTokens: 1000, cachedInputTokens: 200, outputTokens: 500 },
        },
        { model: 'openai/gpt-oss-20b', usage: { inputTokens: 400, outputTokens: 100 } },
      ],
    },
    T0 + 10,
  );
  recorder.start(at(0, { requestModel: COMPOUND })).end(
    {
      usage: {
        inputTokens: 1000,
        outputTokens: 500,
        toolCalls: { web_search: 1, code_execution: 1, wolfram_alpha: 1 },
      },
      usageBreakdown: [
        { model: 'openai/gpt-oss-120b', usage: { inputTokens: 800, outputTokens: 400 } },
        {
          model: 'meta-llama/llama-4-scout-17b-16e-instruct',
          usage: { inputTokens: 200, outputTokens: 100 },
        },
      ],
    },
    T0 + 10,
  );
  // Compound usage that does not add up to its breakdown: reconciled.
  recorder.start(at(0, { requestModel: 'groq/compound-mini' })).end(
    {
      usage: { inputTokens: 100, outputTokens: 10 },
      usageBreakdown: [{ model: 'openai/gpt-oss-20b', usage: { inputTokens: 400, outputTokens: 100 } }],
    },
    T0 + 10,
  );
  recorder.start(at(0, { request: { batch: true } })).end({ usage: USAGE }, T0 + 10);
  recorder
    .start({ operation: 'batch', source: 'groq-batch', requestModel: LLAMA, startTime: T0 })
    .end({ usage: { inputTokens: 2000, outputTokens: 100 } }, T0 + 10);
  const retired = Date.parse('2025-10-07T12:00:00Z');
  recorder
    .start(chatStart({ requestModel: 'deepseek-r1-distill-llama-70b', startTime: retired }))
    .end({ usage: { inputTokens: 1_000, outputTokens: 2_000 } }, retired + 10);
  recorder
    .start(at(0, { requestModel: 'acme/never-listed' }))
    .end({ usage: { inputTokens: 10, outputTokens: 5 } }, T0 + 10);
  // A response model the catalogue does not know, priced on the requested one.
  recorder
    .start(at(0))
    .end(
      { responseModel: 'openai/gpt-oss-20b-2026-11', usage: { inputTokens: 10, outputTokens: 5 } },
      T0 + 10,
    );
  recorder
    .start(at(0, { imageInput: true, requestModel: 'meta-llama/llama-4-scout-17b-16e-instruct' }))
    .end({ usage: { inputTokens: 3000, outputTokens: 50 } }, T0 + 10);
}

/** Audio, speech, embeddings and models: the operations that are not chat. */
function otherOperations(recorder: Recorder): void {
  const start = (operation: OperationStart['operation'], requestModel?: string): OperationStart => ({
    operation,
    source: 'groq-sdk',
    requestModel,
    startTime: T0,
    serverAddress: 'api.groq.com',
    serverPort: 443,
  });
  recorder
    .start(start('transcription', 'whisper-large-v3-turbo'))
    .end({ usage: { audioSeconds: 3 } }, T0 + 400);
  recorder
    .start(start('translation', 'whisper-large-v3'))
    .end({ responseModel: 'whisper-large-v3', usage: { audioSeconds: 25.5 } }, T0 + 900);
  recorder.start(start('speech', 'playai-tts')).end({ usage: { characters: 1200 } }, T0 + 700);
  recorder
    .start({ ...start('speech', 'canopylabs/orpheus-v1-english'), request: { outputType: 'speech' } })
    .end({ usage: { characters: 40 } }, T0 + 700);
  recorder.start(start('embeddings', 'nomic-embed-text-v1_5')).end({ usage: { inputTokens: 12 } }, T0 + 30);
  recorder.start(start('models')).end({}, T0 + 15);
  recorder.start(start('assistant', LLAMA)).end({ usage: { inputTokens: 10, outputTokens: 20 } }, T0 + 15);
}

/** OpenAI-served operations: their own catalogue, no baseline, no rate-limit series. */
function openai(recorder: Recorder): void {
  const openaiStart = (overrides: Partial<OperationStart>): OperationStart =>
    at(0, {
      provider: 'openai',
      source: 'openai',
      serverAddress: 'api.openai.com',
      requestModel: 'gpt-4o-mini',
      ...overrides,
    });
  const op = recorder.start(openaiStart({ attributes: { feature: 'support' } }));
  op.attempt({ status: 200, headers: RATE_LIMIT_HEADERS });
  op.end(
    {
      responseModel: 'gpt-4o-mini-2024-07-18',
      serviceTier: 'default',
      usage: { inputTokens: 10_000, cachedInputTokens: 2_000, outputTokens: 500 },
    },
    T0 + 250,
  );
  const failed = recorder.start(openaiStart({ stream: true, requestModel: 'gpt-5-mini' }));
  failed.attempt({ status: 429, headers: { 'retry-after': '3' } });
  failed.fail({ error: new Error('rate limited'), status: 429 }, T0 + 80);
}

/** Past the series cap: new attribution values go to `__overflow__` and are counted as dropped. */
function seriesCap(recorder: Recorder): void {
  for (const tenant of ['a', 'b', 'c', 'd']) {
    recorder
      .start(at(0, { requestModel: LLAMA, attributes: { tenant_tier: tenant, feature: 'capped' } }))
      .end({ usage: { inputTokens: 7, outputTokens: 3 } }, T0 + 10);
  }
}

/** Nested and suppressed operations: only the outer one is recorded, attempts reach it. */
function nesting(recorder: Recorder, inner: Recorder): void {
  const outer = recorder.start(at(0, { source: 'langchain', attributes: { feature: 'agent' } }));
  const nested = inner.start(at(1, { parentContext: outer.context }));
  nested.attempt({ status: 200, headers: RATE_LIMIT_HEADERS });
  nested.end({ usage: USAGE }, T0 + 20);
  outer.end({ usage: USAGE }, T0 + 30);
  runWithRecordingSuppressed(() => recorder.start(at(0)).end({ usage: USAGE }, T0 + 5));
}

/**
 * The mixed workload of the equivalence test: every operation kind, streams, errors, retries,
 * attribution, the series cap, compound, batch, stale and unpriced, through the facts API only.
 * Every time is explicit, so the telemetry is the same on every run.
 */
export function runMixedWorkload(harness: TelemetryHarness): void {
  const options: RecorderOptions = {
    tracerProvider: harness.tracerProvider,
    meterProvider: harness.meterProvider,
    metricProducer: harness.metricProducer,
  };
  const recorder = createRecorder(options);
  chats(recorder);
  streams(recorder);
  errorsAndRetries(recorder);
  pricing(recorder);
  otherOperations(recorder);
  openai(recorder);
  nesting(recorder, createRecorder(options));
  seriesCap(createRecorder({ ...options, seriesCap: 2, attributes: { platform: 'batch-job' } }));
  const noBaselines = createRecorder({
    ...options,
    baselines: false,
    attributes: { feature: 'no-baseline' },
  });
  noBaselines.start(at(0)).end({ usage: USAGE }, T0 + 10);
  // Spans sampled out: the metrics must stay exact whatever the sampling.
  const unsampled = createRecorder({
    ...options,
    tracerProvider: new BasicTracerProvider({ sampler: new AlwaysOffSampler() }),
    attributes: { feature: 'unsampled' },
  });
  chats(unsampled);
  streams(unsampled);
  errorsAndRetries(unsampled);
  pricing(unsampled);
}
