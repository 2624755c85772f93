/**
 * Interleaved A/B of `@groqmeter/recorder`'s facts API in one process, in CPU time (robust to a
 * machine other work keeps busy): per non-streaming operation (start, one attempt with Groq's
 * rate-limit headers, end with usage and server timings) and per 200-chunk stream.
 *
 *   node --import tsx src/tools/recorder-ab.ts <recorder entry A> [<recorder entry B>]
 *
 * Each entry is a recorder `src/index.ts` (or `dist/index.js`), e.g. today's and a copy of an older
 * commit's (`git archive <commit> packages/recorder/src | tar -x -C /tmp/old`, with the package's
 * `node_modules` linked beside it). Environment: `ATTR=0` records without a `feature` label,
 * `SAMPLER=off` samples every span out, `TRACING=0` records metrics only (`tracing: false`),
 * `METRICS=producer` reports metrics through a groqmeter metric producer attached to the reader
 * (for a build that has `createGroqmeterMetricProducer`; others use their meter as always), `N`
 * operations per timed segment, `ROUNDS` segments.
 */
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { MeterProvider, type MetricProducer, MetricReader } from '@opentelemetry/sdk-metrics';
import {
  AlwaysOffSampler,
  BasicTracerProvider,
  BatchSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { median } from '../statistics';

/** The part of `@groqmeter/recorder` this tool drives. */
interface RecorderModule {
  createGroqmeterMetricProducer?: () => MetricProducer;
  createRecorder(options: object): {
    start(start: object): {
      attempt(facts: object): void;
      chunk(): void;
      end(result: object): void;
    };
  };
}
type Recorder = ReturnType<RecorderModule['createRecorder']>;

class OnDemandMetricReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

const discarding = {
  export: (_spans: ReadableSpan[], done: (result: ExportResult) => void) =>
    done({ code: ExportResultCode.SUCCESS }),
  shutdown: async () => undefined,
};

const HEADERS = new Headers({
  'x-ratelimit-limit-requests': '14400',
  'x-ratelimit-limit-tokens': '18000',
  'x-ratelimit-remaining-requests': '14370',
  'x-ratelimit-remaining-tokens': '17997',
  'x-ratelimit-reset-requests': '2m59.56s',
  'x-ratelimit-reset-tokens': '7.66s',
  'content-type': 'application/json',
});
const START = {
  operation: 'chat',
  source: 'groq-sdk',
  requestModel: 'openai/gpt-oss-20b',
  serverAddress: 'api.groq.com',
  serverPort: 443,
  request: { temperature: 0.2, maxTokens: 100 },
};
const RESULT = {
  responseModel: 'openai/gpt-oss-20b',
  responseId: 'chatcmpl-x',
  groqRequestId: 'req_x',
  finishReasons: ['stop'],
  usage: { inputTokens: 120, cachedInputTokens: 0, outputTokens: 40, reasoningTokens: 10 },
  serverTiming: { queueTime: 0.01, promptTime: 0.002, completionTime: 0.04, totalTime: 0.05 },
  serviceTier: 'on_demand',
};
const CHUNKS = 200;

function operation(recorder: Recorder): void {
  const op = recorder.start(START);
  op.attempt({ status: 200, headers: HEADERS });
  op.end(RESULT);
}

function stream(recorder: Recorder): void {
  const op = recorder.start({ ...START, stream: true });
  op.attempt({ status: 200, headers: HEADERS });
  for (let chunk = 0; chunk < CHUNKS; chunk++) op.chunk();
  op.end(RESULT);
}

/** Microseconds of CPU (user + system) of this process. */
function cpuMicros(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

const entries = process.argv.slice(2);
if (entries.length === 0) throw new Error('usage: recorder-ab.ts <recorder entry A> [<recorder entry B>]');
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const modules = (await Promise.all(entries.map((entry) => import(entry)))) as RecorderModule[];
const recorders = modules.map((module) => {
  const metricProducer =
    process.env.METRICS === 'producer' ? module.createGroqmeterMetricProducer?.() : undefined;
  const reader = new OnDemandMetricReader(
    metricProducer === undefined ? {} : { metricProducers: [metricProducer] },
  );
  return module.createRecorder({
    tracerProvider: new BasicTracerProvider({
      sampler: process.env.SAMPLER === 'off' ? new AlwaysOffSampler() : undefined,
      spanProcessors: [new BatchSpanProcessor(discarding)],
    }),
    meterProvider: new MeterProvider({ readers: [reader] }),
    metricProducer,
    tracing: process.env.TRACING !== '0',
    attributes: process.env.ATTR === '0' ? undefined : { feature: 'bench' },
  });
});
const perSegment = Number(process.env.N ?? 300);
const rounds = Number(process.env.ROUNDS ?? 20);
// Steady state first: the JIT has optimised both sides before anything is timed.
for (let call = 0; call < 3000; call++) {
  for (const recorder of recorders) {
    operation(recorder);
    if (call % 20 === 0) stream(recorder);
  }
}
const samples = recorders.map(() => ({ operation: [] as number[], stream: [] as number[] }));
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? [...recorders.keys()] : [...recorders.keys()].reverse();
  for (const index of order) {
    let started = cpuMicros();
    for (let call = 0; call < perSegment; call++) operation(recorders[index]!);
    samples[index]!.operation.push((cpuMicros() - started) / perSegment);
    started = cpuMicros();
    for (let call = 0; call < perSegment / 20; call++) stream(recorders[index]!);
    samples[index]!.stream.push((cpuMicros() - started) / (perSegment / 20));
    // Let the batch span processor export between segments, as an app's event loop would.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
const medians = samples.map((sample) => ({
  operation: median(sample.operation),
  stream: median(sample.stream),
}));
medians.forEach(({ operation: perCall, stream: perStream }, index) => {
  const perChunkNs = ((perStream - perCall) / CHUNKS) * 1000;
  process.stdout.write(
    `${entries[index]}: ${perCall.toFixed(1)} µs CPU per operation, ${perStream.toFixed(0)} µs per ${CHUNKS}-chunk stream (${perChunkNs.toFixed(0)} ns per chunk)\n`,
  );
});
if (medians.length === 2) {
  process.stdout.write(
    `B / A: ${(medians[1]!.operation / medians[0]!.operation).toFixed(3)} per operation, ${(medians[1]!.stream / medians[0]!.stream).toFixed(3)} per stream\n`,
  );
}
