/**
 * What `@groqmeter/instrumentation-groq` itself adds to a groq-sdk `chat.completions.create`
 * call, outside the recorder, in CPU time (robust to a machine other work keeps busy). Clients
 * against the groq simulator (timeScale 0, in a child process so that its CPU is not counted),
 * interleaved in one process:
 * - `bare`: groq-sdk uninstrumented;
 * - `null <entry>`: instrumented by the adapter at `<entry>`, recording into a do-nothing recorder
 *   (its handles do nothing): the adapter's own cost is `null - bare`;
 * - `metrics <entry>`: the real recorder, metrics only (`tracing: false`, a metric producer on a
 *   reader);
 * - `spans <entry>`: the real recorder with a producer and every span sampled and exported to a
 *   discarding exporter.
 *
 *   node --expose-gc --import tsx src/tools/adapter-ab.ts <adapter src A> [<adapter src B>]
 *
 * Each entry is an instrumentation-groq `src` folder (it needs `instrument-client.ts` with the
 * `telemetry` argument of `instrumentClient`, and `instrumentation.ts`), e.g. today's and a copy
 * of an older commit's (`git archive <commit> packages/instrumentation-groq/src | tar -x -C
 * /tmp/old`, with the package's `node_modules` linked beside it). Per variant it prints the median
 * CPU per non-streaming call, per streamed chunk (streams of `TOKENS` against streams of one
 * token), the promises created per call and per chunk (an async_hooks init hook, enabled only in
 * its own pass) and the bytes allocated per call and per chunk (heap growth over short segments
 * between collections). Environment: `N` calls per timed segment, `ROUNDS` segments, `TOKENS`
 * tokens of the long stream, `STREAMS` streams per segment, `VARIANTS` a comma list of the
 * variant kinds to run (default `bare,null,metrics,spans`), `FETCH=memory` to replay the
 * simulator's recorded answers from memory through the clients' `fetch` option (one SSE event per
 * body chunk) instead of calling it over loopback: the same SDK and adapter work without the
 * HTTP stack's CPU and noise, for A/Bs of the adapter alone.
 */

import { createHook } from 'node:async_hooks';
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { COMPLETION_TOKENS_HEADER } from '@groqmeter/groq-simulator';
import { createGroqmeterMetricProducer, type OperationHandle, type Recorder } from '@groqmeter/recorder';
import { context, createContextKey, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type GroqClient from 'groq-sdk';
import {
  BENCH_MESSAGES,
  BENCH_MODEL,
  BENCH_SIMULATOR_OPTIONS,
  completionTokensHeaders,
} from '../bench-workload';
import { cpuMicros } from '../cpu-time';
import { requireFromBench } from '../module-copies';
import { DiscardingSpanExporter, OnDemandMetricReader } from '../otel-pipeline';
import { median } from '../statistics';

/** The part of an instrumentation-groq `src` folder this tool drives. */
interface AdapterModules {
  instrumentClient(client: object, options: object, sdk: unknown, telemetry?: unknown): object;
  GROQ_SDK: unknown;
}

/** The recorder's active-operation key (`Symbol.for` of its name, as the recorder makes it). */
const ACTIVE_OPERATION_KEY = createContextKey('groqmeter.active_operation');

/** A recorder whose handles do nothing, each carried in a context as the real recorder's are. */
function nullRecorder(): Recorder {
  const handle: OperationHandle = {
    context: ROOT_CONTEXT,
    span: trace.wrapSpanContext({ traceId: '1'.repeat(32), spanId: '2'.repeat(16), traceFlags: 0 }),
    attempt() {},
    chunk() {},
    end() {},
    fail() {},
    abandon() {},
  };
  (handle as { context: unknown }).context = ROOT_CONTEXT.setValue(ACTIVE_OPERATION_KEY, handle);
  return { start: () => handle, dropped() {} };
}

interface Variant {
  name: string;
  client: GroqClient;
}

function instrumentedVariants(
  entry: string,
  adapter: AdapterModules,
  fresh: () => GroqClient,
  kinds: Set<string>,
): Variant[] {
  const variants: Variant[] = [];
  if (kinds.has('null')) {
    const telemetry = {
      recorder: nullRecorder(),
      captureContent: false,
      source: 'groq-sdk',
      providerOf: () => 'groq',
    };
    variants.push({
      name: `null ${entry}`,
      client: adapter.instrumentClient(fresh(), {}, adapter.GROQ_SDK, telemetry) as GroqClient,
    });
  }
  for (const kind of ['metrics', 'spans']) {
    if (!kinds.has(kind)) continue;
    const metricProducer = createGroqmeterMetricProducer();
    const options = {
      metricProducer,
      meterProvider: new MeterProvider({
        readers: [new OnDemandMetricReader({ metricProducers: [metricProducer] })],
      }),
      tracerProvider: new BasicTracerProvider({
        spanProcessors: [new BatchSpanProcessor(new DiscardingSpanExporter())],
      }),
      tracing: kind === 'spans',
    };
    variants.push({
      name: `${kind} ${entry}`,
      client: adapter.instrumentClient(fresh(), options, adapter.GROQ_SDK) as GroqClient,
    });
  }
  return variants;
}

/** One recorded answer of the simulator. */
interface Recording {
  status: number;
  headers: [string, string][];
  /** The body, split into SSE events for a stream. */
  chunks: Uint8Array[];
}

/**
 * A `fetch` that answers each request with the simulator's recorded answer for it: the chat
 * completion, or the stream of as many tokens as the request asks for.
 */
async function recordedFetch(simulatorUrl: string, tokens: number): Promise<typeof fetch> {
  const encoder = new TextEncoder();
  const record = async (body: object, headers: Record<string, string>): Promise<Recording> => {
    const response = await fetch(`${simulatorUrl}/openai/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer bench', ...headers },
      body: JSON.stringify({ model: BENCH_MODEL, messages: BENCH_MESSAGES, ...body }),
    });
    const text = await response.text();
    const stream = 'stream' in body;
    return {
      status: response.status,
      headers: Array.from(response.headers as unknown as Iterable<[string, string]>).filter(
        ([name]) => name !== 'content-length' && name !== 'transfer-encoding',
      ),
      chunks: stream ? text.split(/(?<=\n\n)/).map((event) => encoder.encode(event)) : [encoder.encode(text)],
    };
  };
  const answers = new Map<string, Recording>([
    ['call', await record({}, {})],
    ['1', await record({ stream: true }, completionTokensHeaders(1))],
    [String(tokens), await record({ stream: true }, completionTokensHeaders(tokens))],
  ]);
  return async (_url, init) => {
    const body = String(init?.body);
    const key = body.includes('"stream":true')
      ? (new Headers(init?.headers).get(COMPLETION_TOKENS_HEADER) ?? '1')
      : 'call';
    const answer = answers.get(key)!;
    let next = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (next < answer.chunks.length) controller.enqueue(answer.chunks[next++]!);
        else controller.close();
      },
    });
    return new Response(stream, { status: answer.status, headers: answer.headers });
  };
}

async function call(client: GroqClient): Promise<void> {
  await client.chat.completions.create({ model: BENCH_MODEL, messages: BENCH_MESSAGES });
}

async function stream(client: GroqClient, tokens: number): Promise<number> {
  const chunks = await client.chat.completions.create(
    { model: BENCH_MODEL, messages: BENCH_MESSAGES, stream: true },
    { headers: completionTokensHeaders(tokens) },
  );
  let count = 0;
  for await (const _chunk of chunks) count++;
  return count;
}

/** What one variant costs per unit of work, measured by `measure` over a segment. */
interface Costs {
  call: number[];
  shortStream: number[];
  longStream: number[];
}

async function segment(
  variant: Variant,
  calls: number,
  streams: number,
  tokens: number,
  measure: () => number,
): Promise<[number, number, number]> {
  let started = measure();
  for (let index = 0; index < calls; index++) await call(variant.client);
  const perCall = (measure() - started) / calls;
  if (streams === 0) return [perCall, 0, 0];
  started = measure();
  for (let index = 0; index < streams; index++) await stream(variant.client, 1);
  const perShort = (measure() - started) / streams;
  started = measure();
  for (let index = 0; index < streams; index++) await stream(variant.client, tokens);
  const perLong = (measure() - started) / streams;
  return [perCall, perShort, perLong];
}

function startSimulatorProcess(): Promise<{ url: string; stop(): void }> {
  const child = fork(new URL(import.meta.url).pathname, [], {
    env: { ...process.env, ADAPTER_AB_ROLE: 'simulator' },
    execArgv: ['--import', 'tsx'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (url) => resolve({ url: String(url), stop: () => child.disconnect() }));
  });
}

async function compare(entries: string[]): Promise<void> {
  if (entries.length === 0) throw new Error('usage: adapter-ab.ts <instrumentation-groq src A> [<src B>]');
  const perSegment = Number(process.env.N ?? 100);
  const rounds = Number(process.env.ROUNDS ?? 15);
  const tokens = Number(process.env.TOKENS ?? 200);
  const streams = Number(process.env.STREAMS ?? 4);
  const kinds = new Set((process.env.VARIANTS ?? 'bare,null,metrics,spans').split(','));
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const simulator = await startSimulatorProcess();
  const { default: Groq } = requireFromBench('groq-sdk') as { default: typeof GroqClient };
  const replay = process.env.FETCH === 'memory' ? await recordedFetch(simulator.url, tokens) : undefined;
  const fresh = () => new Groq({ apiKey: 'bench', baseURL: simulator.url, maxRetries: 0, fetch: replay });
  const adapters = await Promise.all(
    entries.map(async (entry) => {
      // A folder of plain JavaScript (transpiled, for line-level profiles) works as well.
      const extension = existsSync(`${entry}/instrument-client.ts`) ? 'ts' : 'js';
      const [client, instrumentation] = await Promise.all([
        import(`${entry}/instrument-client.${extension}`),
        import(`${entry}/instrumentation.${extension}`),
      ]);
      return {
        instrumentClient: client.instrumentClient,
        GROQ_SDK: instrumentation.GROQ_SDK,
      } as AdapterModules;
    }),
  );
  const variants: Variant[] = kinds.has('bare') ? [{ name: 'bare', client: fresh() }] : [];
  for (const [index, entry] of entries.entries()) {
    variants.push(...instrumentedVariants(entry, adapters[index]!, fresh, kinds));
  }

  // Steady state first: the JIT has optimised every path before anything is timed.
  for (let warm = 0; warm < 20; warm++) {
    for (const variant of variants) await segment(variant, 100, Math.min(streams, 2), tokens, cpuMicros);
  }
  const cpu = variants.map((): Costs => ({ call: [], shortStream: [], longStream: [] }));
  const shortChunks = await stream(variants[0]!.client, 1);
  const longChunks = await stream(variants[0]!.client, tokens);
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? [...variants.keys()] : [...variants.keys()].reverse();
    for (const index of order) {
      const [perCall, perShort, perLong] = await segment(
        variants[index]!,
        perSegment,
        streams,
        tokens,
        cpuMicros,
      );
      cpu[index]!.call.push(perCall);
      cpu[index]!.shortStream.push(perShort);
      cpu[index]!.longStream.push(perLong);
    }
  }

  // Promises: counted in a pass of their own, the hook taxes every promise while enabled.
  let promises = 0;
  const hook = createHook({
    init(_id, type) {
      if (type === 'PROMISE') promises++;
    },
  });
  const promiseCounts: Array<[number, number, number]> = [];
  for (const variant of variants) {
    hook.enable();
    const counted = await segment(variant, 20, Math.min(streams, 2), tokens, () => promises);
    hook.disable();
    promiseCounts.push(counted);
  }

  // Allocations: heap growth over segments short enough to fit the young generation, after a full
  // collection; the median drops the segments a scavenge cut short.
  const gc = (globalThis as { gc?: () => void }).gc;
  const bytes = variants.map((): Costs => ({ call: [], shortStream: [], longStream: [] }));
  if (gc !== undefined) {
    for (let round = 0; round < 7; round++) {
      for (const [index, variant] of variants.entries()) {
        gc();
        const [perCall, perShort, perLong] = await segment(
          variant,
          20,
          Math.min(streams, 2),
          tokens,
          () => process.memoryUsage().heapUsed,
        );
        bytes[index]!.call.push(perCall);
        bytes[index]!.shortStream.push(perShort);
        bytes[index]!.longStream.push(perLong);
      }
    }
  }
  simulator.stop();

  const chunkDelta = longChunks - shortChunks;
  const perChunk = (costs: Costs) => (median(costs.longStream) - median(costs.shortStream)) / chunkDelta;
  process.stdout.write(
    `${rounds} rounds of ${perSegment} calls and ${streams}+${streams} streams (${shortChunks} and ${longChunks} chunks), medians\n`,
  );
  variants.forEach((variant, index) => {
    const [promisesPerCall, shortPromises, longPromises] = promiseCounts[index]!;
    const allocation =
      gc === undefined
        ? ''
        : `, ${(median(bytes[index]!.call) / 1024).toFixed(1)} KiB/call, ${perChunk(bytes[index]!).toFixed(0)} B/chunk`;
    process.stdout.write(
      `${variant.name}: ${median(cpu[index]!.call).toFixed(1)} µs CPU/call, ${(perChunk(cpu[index]!) * 1000).toFixed(0)} ns/chunk, ` +
        `${promisesPerCall.toFixed(1)} promises/call, ${((longPromises - shortPromises) / chunkDelta).toFixed(2)} promises/chunk${allocation}\n`,
    );
  });
  const bare = variants.findIndex((variant) => variant.name === 'bare');
  if (bare >= 0) {
    // Paired by round (each round runs every variant back to back): steadier than a difference of medians.
    const added = (costs: Costs, pick: (costs: Costs, round: number) => number) =>
      median(costs.call.map((_, round) => pick(costs, round) - pick(cpu[bare]!, round)));
    process.stdout.write('added to bare (median of per-round differences):\n');
    variants.forEach((variant, index) => {
      if (index === bare) return;
      const call = added(cpu[index]!, (costs, round) => costs.call[round]!);
      const chunk =
        (added(cpu[index]!, (costs, round) => costs.longStream[round]! - costs.shortStream[round]!) /
          chunkDelta) *
        1000;
      process.stdout.write(`  ${variant.name}: +${call.toFixed(1)} µs/call, +${chunk.toFixed(0)} ns/chunk\n`);
    });
  }
}

if (process.env.ADAPTER_AB_ROLE === 'simulator') {
  const { startSimulator } = await import('@groqmeter/groq-simulator');
  const simulator = await startSimulator(BENCH_SIMULATOR_OPTIONS);
  process.send?.(simulator.url);
  process.on('disconnect', () => void simulator.close().then(() => process.exit(0)));
} else {
  await compare(process.argv.slice(2));
}
