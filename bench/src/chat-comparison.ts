import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchPlan } from './bench-options';
import { interleavedOrder, runInterleaved } from './interleave';
import type { OtelPipeline } from './otel-pipeline';
import type { CallComparison, MemoryStats, StreamMemory, SuiteResult } from './results';
import { compare, median } from './statistics';
import { measureStreamMemory } from './stream-memory';

/** One side of a comparison: the same calls, through a bare or an instrumented client. */
export interface ChatContender {
  /** One non-streaming chat call. */
  call(): Promise<void>;
  /**
   * One streamed chat answer of `tokens` completion tokens, consumed to the end; `onChunk` gets
   * the running count of chunks the caller received. Returns that count.
   */
  stream(tokens: number, onChunk?: (count: number) => void): Promise<number>;
}

/** What {@link compareChatContenders} measures, and how it labels the rows. */
export interface ChatComparisonSetup {
  sdk: string;
  streamSdk: string;
  instrumentation: string;
  baseline: ChatContender;
  instrumented: ChatContender;
  pipeline: OtelPipeline;
  /**
   * Names of the metrics the instrumented side has recorded, for the rows' metric count; the
   * pipeline's by default. A variant with its own metric producer passes that producer's names,
   * so the count leaves out what other variants in this process recorded.
   */
  metricNames?: () => Promise<string[]>;
  plan: BenchPlan;
}

const PROBE_CALLS = 4;
/** Tokens of the short streams timed beside the long ones, for the per-chunk slope. */
export const SHORT_STREAM_TOKENS = 10;

/** Spans ended per operation of `run`, after letting asynchronous span ends settle. */
async function spansPer(pipeline: OtelPipeline, run: () => Promise<unknown>): Promise<number> {
  const before = pipeline.spansEnded();
  for (let call = 0; call < PROBE_CALLS; call++) await run();
  await sleep(20);
  return (pipeline.spansEnded() - before) / PROBE_CALLS;
}

function medianMemory(samples: MemoryStats[]): MemoryStats {
  return {
    retainedGrowthBytes: median(samples.map((sample) => sample.retainedGrowthBytes)),
    peakAboveStartBytes: median(samples.map((sample) => sample.peakAboveStartBytes)),
  };
}

/**
 * Compares a bare and an instrumented client of the same SDK in this process, interleaved:
 * non-streaming calls, streams of `plan.streams.chunks` tokens (and, in the same rounds, of
 * {@link SHORT_STREAM_TOKENS}, for the cost of one more chunk), and the heap while consuming a
 * `plan.memory.chunks`-token stream. Before timing, a probe counts the spans each side ends per
 * call, proving the baseline is bare and the instrumentation active.
 */
export async function compareChatContenders(setup: ChatComparisonSetup): Promise<SuiteResult> {
  const { baseline, instrumented, pipeline, plan } = setup;
  const { chunks } = plan.streams;
  const metricNames = setup.metricNames ?? (() => pipeline.metricNames());

  const callSpans = {
    baseline: await spansPer(pipeline, () => baseline.call()),
    instrumented: await spansPer(pipeline, () => instrumented.call()),
  };
  const metricsRecorded = (await metricNames()).length;
  const callVariants = [
    { name: 'baseline', run: () => baseline.call() },
    { name: 'instrumented', run: () => instrumented.call() },
  ];
  const [callsBase, callsInstr] = await runInterleaved(callVariants, plan.calls);
  // The same calls again once the process is at steady state: warm-up so far plus the long one.
  const steadyWarmup = plan.calls.warmupRounds + plan.calls.rounds + plan.calls.longWarmupRounds;
  const [steadyBase, steadyInstr] = await runInterleaved(callVariants, {
    warmupRounds: plan.calls.longWarmupRounds,
    rounds: plan.calls.rounds,
  });

  const streamSpans = {
    baseline: await spansPer(pipeline, () => baseline.stream(chunks)),
    instrumented: await spansPer(pipeline, () => instrumented.stream(chunks)),
  };
  const chunksPerStream = await baseline.stream(chunks);
  const shortChunksPerStream = await baseline.stream(SHORT_STREAM_TOKENS);
  const [streamsBase, streamsInstr, shortBase, shortInstr] = await runInterleaved(
    [
      { name: 'baseline', run: async () => void (await baseline.stream(chunks)) },
      { name: 'instrumented', run: async () => void (await instrumented.stream(chunks)) },
      { name: 'baseline, short', run: async () => void (await baseline.stream(SHORT_STREAM_TOKENS)) },
      {
        name: 'instrumented, short',
        run: async () => void (await instrumented.stream(SHORT_STREAM_TOKENS)),
      },
    ],
    plan.streams,
  );

  const calls: CallComparison[] = [
    {
      sdk: setup.sdk,
      instrumentation: setup.instrumentation,
      mode: 'call',
      warmup: plan.calls.warmupRounds,
      timing: compare(callsBase!, callsInstr!),
      spansPerCall: callSpans,
      metricsRecorded,
    },
    {
      sdk: setup.sdk,
      instrumentation: setup.instrumentation,
      mode: 'call',
      warmup: steadyWarmup,
      timing: compare(steadyBase!, steadyInstr!),
      spansPerCall: callSpans,
      metricsRecorded,
    },
    {
      sdk: setup.streamSdk,
      instrumentation: setup.instrumentation,
      mode: 'stream',
      warmup: plan.streams.warmupRounds,
      chunksPerStream,
      timing: compare(streamsBase!, streamsInstr!),
      shortStream: { chunksPerStream: shortChunksPerStream, timing: compare(shortBase!, shortInstr!) },
      spansPerCall: streamSpans,
      metricsRecorded: (await metricNames()).length,
    },
  ];

  const samples: MemoryStats[][] = [[], []];
  const contenders = [baseline, instrumented];
  let longStreamChunks = 0;
  for (let repetition = 0; repetition < plan.memory.repetitions; repetition++) {
    for (const index of interleavedOrder(2, repetition)) {
      const measured = await measureStreamMemory((onChunk) =>
        contenders[index]!.stream(plan.memory.chunks, onChunk),
      );
      samples[index]!.push(measured.stats);
      longStreamChunks = Math.max(longStreamChunks, measured.chunks);
    }
  }
  const memory: StreamMemory = {
    sdk: setup.streamSdk,
    instrumentation: setup.instrumentation,
    chunks: longStreamChunks,
    baseline: medianMemory(samples[0]!),
    instrumented: medianMemory(samples[1]!),
  };
  return { calls, memory: [memory] };
}
