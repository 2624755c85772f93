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
 * operations per timed segment, `ROUNDS` segments, `WARMUP` operations per recorder before timing
 * (default 3000; 100 is the bench's early regime).
 *
 * `SDK=1` runs each operation around a real groq-sdk `chat.completions.create` (uninstrumented) to
 * the groqmeter simulator (`timeScale: 0`, in a child process so that its CPU is not counted):
 * `start` before the call, `attempt` with the response's own headers from the client's fetch, `end`
 * after it, so that the recorder runs with caches as cold as inside a real call. Only the recorder's
 * methods are timed (each bracketed by `process.cpuUsage`, a bare contender's empty brackets
 * subtracted); the whole segment's CPU above the bare contender's is printed beside it (GC caused
 * by the recorder's garbage included, and the SDK's noise). `ALLOC=1` adds the V8 heap bytes one
 * operation allocates (median of `used_heap_size` deltas around single operations, a bracket that
 * saw a scavenge left out).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { getHeapStatistics } from 'node:v8';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { MeterProvider, type MetricProducer } from '@opentelemetry/sdk-metrics';
import { AlwaysOffSampler, BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type GroqClient from 'groq-sdk';
import { BENCH_ROOT } from '../bench-process';
import { BENCH_MESSAGES, BENCH_MODEL, BENCH_SIMULATOR_OPTIONS } from '../bench-workload';
import { cpuMicros } from '../cpu-time';
import { requireFromBench } from '../module-copies';
import { DiscardingSpanExporter, OnDemandMetricReader } from '../otel-pipeline';
import { median } from '../statistics';

/** The part of `@groqmeter/recorder` this tool drives. */
interface RecorderModule {
  createGroqmeterMetricProducer?: () => MetricProducer;
  createRecorder(options: object): {
    start(start: object): Operation;
  };
}
type Recorder = ReturnType<RecorderModule['createRecorder']>;
interface Operation {
  attempt(facts: object): void;
  chunk(): void;
  end(result: object): void;
}

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
  requestModel: BENCH_MODEL,
  serverAddress: 'api.groq.com',
  serverPort: 443,
  request: { temperature: 0.2, maxTokens: 100 },
};
const RESULT = {
  responseModel: BENCH_MODEL,
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

/** The simulator in a child process of its own, and its URL. */
async function startSimulatorProcess(): Promise<{ url: string; child: ChildProcess }> {
  const script = `import('@groqmeter/groq-simulator').then(async ({ startSimulator }) => {
    const simulator = await startSimulator(${JSON.stringify(BENCH_SIMULATOR_OPTIONS)});
    process.send(simulator.url);
  });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: BENCH_ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message) => resolve(String(message)));
    child.once('exit', (code) => reject(new Error(`the simulator exited with code ${code}`)));
  });
  return { url, child };
}

/**
 * One call of the SDK with the recorder's operation around it, as an adapter would record it: only
 * the recorder's methods are timed, into `timed.micros`.
 */
class SdkOperations {
  private current: Operation | undefined;
  /** CPU µs of the recorder's methods, summed; wall µs of the call being made. */
  readonly timed = { micros: 0, wall: 0 };
  readonly client: GroqClient;

  constructor(url: string) {
    const { default: Groq } = requireFromBench('groq-sdk') as { default: typeof GroqClient };
    const fetchAndReport = (input: string | URL | Request, init?: RequestInit): Promise<Response> =>
      fetch(input, init).then((response) => {
        const wall = performance.now();
        const started = cpuMicros();
        this.current?.attempt({ status: response.status, headers: response.headers });
        this.timed.micros += cpuMicros() - started;
        this.timed.wall += performance.now() - wall;
        return response;
      });
    this.client = new Groq({ apiKey: 'bench', baseURL: url, maxRetries: 0, fetch: fetchAndReport });
  }

  /** One SDK call; `recorder` undefined is the bare contender (its brackets empty). */
  async call(recorder: Recorder | undefined): Promise<number> {
    this.timed.wall = 0;
    let wall = performance.now();
    let started = cpuMicros();
    this.current = recorder?.start(START);
    this.timed.micros += cpuMicros() - started;
    this.timed.wall += performance.now() - wall;
    await this.client.chat.completions.create({ model: BENCH_MODEL, messages: BENCH_MESSAGES });
    wall = performance.now();
    started = cpuMicros();
    this.current?.end(RESULT);
    this.timed.micros += cpuMicros() - started;
    this.timed.wall += performance.now() - wall;
    this.current = undefined;
    return this.timed.wall * 1000;
  }
}

/** Heap bytes of one operation: the median over single operations whose bracket saw no scavenge. */
function allocatedPerOperation(recorder: Recorder | undefined, samples: number): number {
  const deltas: number[] = [];
  for (let sample = 0; sample < samples; sample++) {
    const before = getHeapStatistics().used_heap_size;
    if (recorder !== undefined) operation(recorder);
    const after = getHeapStatistics().used_heap_size;
    if (after >= before) deltas.push(after - before);
  }
  return median(deltas);
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
      spanProcessors: [new BatchSpanProcessor(new DiscardingSpanExporter())],
    }),
    meterProvider: new MeterProvider({ readers: [reader] }),
    metricProducer,
    tracing: process.env.TRACING !== '0',
    attributes: process.env.ATTR === '0' ? undefined : { feature: 'bench' },
  });
});
const perSegment = Number(process.env.N ?? 300);
const rounds = Number(process.env.ROUNDS ?? 20);
const warmUp = Number(process.env.WARMUP ?? 3000);

/** Tight loops of recorder operations alone (caches warm): per operation and per stream. */
async function tightLoops(): Promise<void> {
  // Steady state first: the JIT has optimised both sides before anything is timed.
  for (let call = 0; call < warmUp; call++) {
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
}

/** Operations around real SDK calls (caches as cold as inside a call): the recorder's CPU per call. */
async function sdkCalls(): Promise<void> {
  const simulator = await startSimulatorProcess();
  try {
    const sdk = new SdkOperations(simulator.url);
    // The bare contender (index 0) times empty brackets: their cost is subtracted from the others.
    const contenders: Array<Recorder | undefined> = [undefined, ...recorders];
    for (let call = 0; call < warmUp; call++) {
      for (const contender of contenders) await sdk.call(contender);
    }
    const samples = contenders.map(() => ({
      recorder: [] as number[],
      wall: [] as number[],
      segment: [] as number[],
    }));
    const walls = new Array<number>(perSegment);
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? [...contenders.keys()] : [...contenders.keys()].reverse();
      for (const index of order) {
        sdk.timed.micros = 0;
        const started = cpuMicros();
        for (let call = 0; call < perSegment; call++) walls[call] = await sdk.call(contenders[index]);
        samples[index]!.segment.push((cpuMicros() - started) / perSegment);
        samples[index]!.recorder.push(sdk.timed.micros / perSegment);
        samples[index]!.wall.push(median(walls));
      }
    }
    const [bare, ...timed] = samples.map((sample) => ({
      recorder: median(sample.recorder),
      wall: median(sample.wall),
      segment: median(sample.segment),
    }));
    process.stdout.write(
      `bare SDK call: ${bare!.segment.toFixed(1)} µs CPU per call (empty brackets ${bare!.recorder.toFixed(1)} µs CPU, ${bare!.wall.toFixed(1)} µs wall)\n`,
    );
    // CPU is the process's (JIT and GC threads included), the median wall a call's own thread.
    const perCall = timed.map((sample, index) => {
      const recorder = sample.recorder - bare!.recorder;
      const wall = sample.wall - bare!.wall;
      const added = sample.segment - bare!.segment;
      process.stdout.write(
        `${entries[index]}: recorder ${recorder.toFixed(1)} µs CPU (mean) / ${wall.toFixed(1)} µs wall (median) per call inside SDK calls, ${added.toFixed(1)} µs segment CPU above the bare call\n`,
      );
      return { recorder, wall, added };
    });
    if (perCall.length === 2) {
      const [a, b] = perCall as [(typeof perCall)[0], (typeof perCall)[0]];
      process.stdout.write(
        `B / A: ${(b.recorder / a.recorder).toFixed(3)} recorder CPU, ${(b.wall / a.wall).toFixed(3)} recorder wall; B - A: ${(b.added - a.added).toFixed(1)} µs segment CPU\n`,
      );
    }
  } finally {
    simulator.child.kill('SIGTERM');
  }
}

if (process.env.SDK === '1') await sdkCalls();
else await tightLoops();
if (process.env.ALLOC === '1') {
  const empty = allocatedPerOperation(undefined, 2000);
  recorders.forEach((recorder, index) => {
    const bytes = allocatedPerOperation(recorder, 2000) - empty;
    process.stdout.write(`${entries[index]}: ${bytes.toFixed(0)} heap bytes allocated per operation\n`);
  });
}
