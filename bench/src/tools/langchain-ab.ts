/**
 * Interleaved A/B of `@groqmeter/langchain` against a bare LangChain `ChatGroq`, in CPU time of
 * this process (the simulator runs in a child process, `timeScale: 0`, so its CPU is not counted):
 * `invoke` per call and `stream` per chunk.
 *
 *   LANGCHAIN_OLD=/tmp/lc-old/dist/index.js node --import tsx src/tools/langchain-ab.ts
 *
 * `LANGCHAIN_OLD` is an older build of the package (e.g. `cp -r packages/langchain/dist
 * /tmp/lc-old/dist` before a change, with `packages/langchain/node_modules` linked as
 * `/tmp/lc-old/node_modules`, so both copies share one `@langchain/core`); without it only the
 * workspace build is measured. Rows: the bare model, a callback handler that does nothing (what
 * LangChain's callback dispatch alone costs, which any handler pays), and per build
 * `GroqmeterCallbackHandler` and `instrumentChatGroq()`, each with a do-nothing recorder (the
 * adapter's own work). Per chunk = (long stream - short stream) / (their chunk difference), so a
 * stream's fixed cost is not counted per chunk.
 *
 * `DIRECT=1` takes LangChain and the network out: each build's handler has its callbacks called
 * directly (`handleChatModelStart`, `TOKENS` content-only `handleLLMNewToken`s with distinct
 * chunks, `handleLLMEnd`), which is the handler's own work per call and per chunk.
 *
 * Environment: `N` calls per timed segment, `ROUNDS` segments, `WARMUP` calls per row before
 * timing, `TOKENS` of the long stream.
 */
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '@groqmeter/groq-simulator';
import type { Recorder } from '@groqmeter/recorder';
import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import { AIMessageChunk } from '@langchain/core/messages';
import { ChatGenerationChunk } from '@langchain/core/outputs';
import { ChatGroq } from '@langchain/groq';
import {
  BENCH_MODEL,
  BENCH_PROMPT,
  BENCH_SIMULATOR_OPTIONS,
  completionTokensHeaders,
} from '../bench-workload';
import { cpuMicros } from '../cpu-time';
import { doNothingRecorder } from '../do-nothing-recorder';
import { median } from '../statistics';

/** The part of `@groqmeter/langchain` this tool drives. */
interface LangChainModule {
  GroqmeterCallbackHandler: new (options: { recorder: Recorder }) => BaseCallbackHandler;
  instrumentChatGroq(model: ChatGroq, options: { recorder: Recorder }): ChatGroq;
}

/** One row: a call and a stream of `tokens` completion tokens, each resolving when consumed. */
interface Row {
  name: string;
  call(): Promise<unknown>;
  stream(tokens: number): Promise<number>;
}

/** Awaited like groqmeter's handler, so that the two differ only in what the callbacks do. */
class EmptyCallbackHandler extends BaseCallbackHandler {
  name = 'empty';
  constructor() {
    super({ _awaitHandler: true });
  }
  override handleChatModelStart(): void {}
  override handleLLMNewToken(): void {}
  override handleLLMEnd(): void {}
}

function row(name: string, model: ChatGroq): Row {
  return {
    name,
    call: () => model.invoke(BENCH_PROMPT),
    async stream(tokens) {
      let chunks = 0;
      for await (const _chunk of await model.stream(BENCH_PROMPT, {
        headers: completionTokensHeaders(tokens),
      }))
        chunks++;
      return chunks;
    },
  };
}

/** The handler's own CPU per run (start + end) and per chunk, its callbacks called directly. */
async function direct(builds: Array<[string, string]>): Promise<void> {
  const tokens = Number(process.env.TOKENS ?? 200);
  const runs = Number(process.env.N ?? 5000);
  const rounds = Number(process.env.ROUNDS ?? 15);
  const llm = {
    lc: 1,
    type: 'constructor',
    id: ['langchain', 'chat_models', 'groq', 'ChatGroq'],
    kwargs: {},
  };
  const extraParams = { invocation_params: { model: BENCH_MODEL, stream: true, temperature: 0.5 } };
  const chunks = Array.from({ length: tokens }, () => ({
    chunk: new ChatGenerationChunk({ text: 'tok', message: new AIMessageChunk({ content: 'tok' }) }),
  }));
  const output = {
    generations: [[{ text: 'x', message: new AIMessageChunk({ content: 'x', response_metadata: {} }) }]],
  };
  const handlers = await Promise.all(
    builds.map(async ([, entry]) => {
      const module = (await import(entry)) as LangChainModule;
      return new module.GroqmeterCallbackHandler({ recorder: doNothingRecorder() });
    }),
  );
  let next = 0;
  const segment = (handler: BaseCallbackHandler, chunkCount: number): number => {
    const started = cpuMicros();
    for (let run = 0; run < runs; run++) {
      const runId = `run-${next++}`;
      handler.handleChatModelStart?.(llm as never, [], runId, undefined, extraParams);
      for (let index = 0; index < chunkCount; index++)
        handler.handleLLMNewToken?.('tok', { prompt: 0, completion: 0 }, runId, undefined, [], chunks[index]);
      handler.handleLLMEnd?.(output as never, runId);
    }
    return (cpuMicros() - started) / runs;
  };
  const samples = handlers.map(() => ({ call: [] as number[], long: [] as number[] }));
  for (const handler of handlers) for (let warm = 0; warm < 3; warm++) segment(handler, tokens);
  const loadBefore = loadavg()[0]!;
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? [...handlers.keys()] : [...handlers.keys()].reverse();
    for (const index of order) {
      samples[index]!.call.push(segment(handlers[index]!, 0));
      samples[index]!.long.push(segment(handlers[index]!, tokens));
    }
  }
  process.stdout.write(
    `direct callbacks, CPU µs, medians of ${rounds} interleaved rounds (${runs} runs of 0 and ${tokens} chunks per segment), load ${loadBefore.toFixed(2)} -> ${loadavg()[0]!.toFixed(2)}\n`,
  );
  builds.forEach(([label], index) => {
    const call = median(samples[index]!.call);
    const perChunk = (median(samples[index]!.long) - call) / tokens;
    process.stdout.write(
      `${`GroqmeterCallbackHandler [${label}]`.padEnd(36)} call ${call.toFixed(2).padStart(8)}  per chunk ${perChunk.toFixed(3)}\n`,
    );
  });
}

async function main(): Promise<void> {
  const builds: Array<[string, string]> = [['new', '@groqmeter/langchain']];
  if (process.env.LANGCHAIN_OLD !== undefined) builds.unshift(['old', process.env.LANGCHAIN_OLD]);
  if (process.env.DIRECT === '1') {
    await direct(builds);
    return;
  }
  const simulator = fork(fileURLToPath(import.meta.url), [], {
    env: { ...process.env, LANGCHAIN_AB_SIMULATOR: '1' },
    execArgv: ['--import', 'tsx'],
  });
  const baseUrl = await new Promise<string>((resolve) =>
    simulator.once('message', (url) => resolve(String(url))),
  );
  const chatGroq = (callbacks?: BaseCallbackHandler[]) =>
    new ChatGroq({ apiKey: 'bench', model: BENCH_MODEL, baseUrl, maxRetries: 1, callbacks });
  const rows: Row[] = [
    row('bare', chatGroq()),
    row('do-nothing handler', chatGroq([new EmptyCallbackHandler()])),
  ];
  for (const [label, entry] of builds) {
    const module = (await import(entry)) as LangChainModule;
    const handler = new module.GroqmeterCallbackHandler({ recorder: doNothingRecorder() });
    rows.push(row(`GroqmeterCallbackHandler [${label}]`, chatGroq([handler])));
    rows.push(
      row(
        `instrumentChatGroq() [${label}]`,
        module.instrumentChatGroq(chatGroq(), { recorder: doNothingRecorder() }),
      ),
    );
  }

  const longTokens = Number(process.env.TOKENS ?? 200);
  const shortTokens = 2;
  const perSegment = Number(process.env.N ?? 100);
  const rounds = Number(process.env.ROUNDS ?? 15);
  const streamsPerSegment = Math.max(1, Math.round(perSegment / 20));
  const warmup = Number(process.env.WARMUP ?? 1000);
  for (let index = 0; index < warmup; index++) {
    for (const each of rows) {
      await each.call();
      if (index % 20 === 0) {
        await each.stream(longTokens);
        await each.stream(shortTokens);
      }
    }
  }
  const longChunks = await rows[0]!.stream(longTokens);
  const shortChunks = await rows[0]!.stream(shortTokens);
  const samples = rows.map(() => ({ call: [] as number[], long: [] as number[], short: [] as number[] }));
  const timed = async (times: number, run: () => Promise<unknown>): Promise<number> => {
    const started = cpuMicros();
    for (let index = 0; index < times; index++) await run();
    return (cpuMicros() - started) / times;
  };
  const loadBefore = loadavg()[0]!;
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? [...rows.keys()] : [...rows.keys()].reverse();
    for (const index of order) {
      const each = rows[index]!;
      samples[index]!.call.push(await timed(perSegment, each.call));
      samples[index]!.long.push(await timed(streamsPerSegment, () => each.stream(longTokens)));
      samples[index]!.short.push(await timed(streamsPerSegment, () => each.stream(shortTokens)));
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const medians = samples.map((sample) => ({
    call: median(sample.call),
    perChunk: (median(sample.long) - median(sample.short)) / (longChunks - shortChunks),
  }));
  const bare = medians[0]!;
  process.stdout.write(
    `CPU µs, medians of ${rounds} interleaved rounds (${perSegment} calls, ${streamsPerSegment} streams of ${longChunks} and ${shortChunks} chunks per segment), warm-up ${warmup}, load ${loadBefore.toFixed(2)} -> ${loadavg()[0]!.toFixed(2)}\n`,
  );
  rows.forEach((each, index) => {
    const { call, perChunk } = medians[index]!;
    process.stdout.write(
      `${each.name.padEnd(36)} call ${call.toFixed(1).padStart(8)} (+${(call - bare.call).toFixed(1)})  per chunk ${perChunk.toFixed(2).padStart(6)} (+${(perChunk - bare.perChunk).toFixed(2)})\n`,
    );
  });
  simulator.kill();
}

if (process.env.LANGCHAIN_AB_SIMULATOR === '1') {
  const simulator = await startSimulator(BENCH_SIMULATOR_OPTIONS);
  process.send?.(simulator.url);
} else {
  await main();
}
