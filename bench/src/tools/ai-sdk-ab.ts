/**
 * Interleaved A/B of `@groqmeter/ai-sdk`'s middleware against the AI SDK's own bare call, in CPU
 * time of this process (robust to a machine other work keeps busy; the simulator runs in a child
 * process, so its CPU is not counted): `generateText` per call and `streamText` `fullStream` per
 * part, through `@ai-sdk/groq` against the groq simulator (`timeScale: 0`).
 *
 *   node --import tsx src/tools/ai-sdk-ab.ts [<ai-sdk entry A> [<ai-sdk entry B>]]
 *
 * Each entry is an ai-sdk `src/index.ts` (or `dist/index.js`; default: `@groqmeter/ai-sdk`), e.g.
 * today's and a copy of an older commit's (`git archive <commit> packages/ai-sdk/src | tar -x -C
 * /tmp/old`, with the package's `node_modules` linked beside it). Rows: the bare model, a
 * middleware that does nothing (what `wrapLanguageModel` alone costs), one that asks for the raw
 * chunks and drops them with a `TransformStream` (the platform's way to do what groqmeter's
 * middleware must: Groq's server timings ride only on raw chunks), and per entry groqmeter with
 * a do-nothing recorder (the adapter's own work) and with the real recorder on the global OTel
 * providers (as the bench's ai-sdk suite; `METRICS=producer` gives it a groqmeter metric producer
 * instead). Per part = (long stream - short stream) / (their part difference), so a stream's
 * fixed cost is not counted per part.
 *
 * `ISOLATED=1` takes the AI SDK and the network out: one `doGenerate` result and one `doStream`'s
 * parts (raw chunks included) are captured from the simulator, then each row calls `doGenerate` and
 * `doStream` of a model replaying them, wrapped with the row's middleware; the bare row's model is
 * not wrapped (and replays no raw parts, as a bare call has none). The stream's parts
 * are read through a `TransformStream`, as `streamText` reads a model stream. What is left is the
 * middleware's own cost (and `wrapLanguageModel`'s), with far less noise than through `generateText`.
 *
 * After the timing, the promises each row creates per call and per part are counted once (an
 * `async_hooks` init hook, enabled only while counting).
 *
 * Environment: `N` calls per timed segment, `ROUNDS` segments, `WARMUP` calls per row before
 * timing, `TOKENS` of the long stream.
 */
import { createHook } from 'node:async_hooks';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createGroq } from '@ai-sdk/groq';
import { startSimulator } from '@groqmeter/groq-simulator';
import { createGroqmeterMetricProducer } from '@groqmeter/recorder';
import { type LanguageModel, type LanguageModelMiddleware, wrapLanguageModel } from 'ai';
import { aiSdkContender } from '../ai-sdk-contender';
import {
  BENCH_MODEL,
  BENCH_PROMPT,
  BENCH_SIMULATOR_OPTIONS,
  completionTokensHeaders,
} from '../bench-workload';
import { cpuMicros } from '../cpu-time';
import { doNothingRecorder } from '../do-nothing-recorder';
import { installOtelPipeline } from '../otel-pipeline';
import { median } from '../statistics';

/** A provider model as `wrapLanguageModel` takes it, and its call options. */
type ProviderModel = Parameters<typeof wrapLanguageModel>[0]['model'];
type CallOptions = Parameters<ProviderModel['doGenerate']>[0];

/** The part of `@groqmeter/ai-sdk` this tool drives. */
interface AiSdkModule {
  groqmeter(options?: object): LanguageModelMiddleware;
}

/** One row: a call and a stream of `tokens` completion tokens, each resolving when consumed. */
interface Row {
  name: string;
  call(): Promise<unknown>;
  stream(tokens: number): Promise<number>;
}

if (process.env.AI_SDK_AB_SIMULATOR === '1') {
  const simulator = await startSimulator(BENCH_SIMULATOR_OPTIONS);
  process.send?.(simulator.openaiBaseURL);
} else {
  await main();
}

/** The rows of the end-to-end A/B: `generateText` and `streamText` through `model`. */
function endToEndRow(name: string, model: LanguageModel): Row {
  const contender = aiSdkContender(model);
  return { name, call: () => contender.call(), stream: (tokens) => contender.stream(tokens) };
}

/** What the isolated rows replay: one model call's result and stream parts per stream length. */
interface Captured {
  params: Record<string, unknown>;
  generated: unknown;
  parts: Map<number, unknown[]>;
}

async function capture(baseURL: string, tokens: number[]): Promise<Captured> {
  const model = createGroq({ apiKey: 'bench', baseURL })(BENCH_MODEL);
  const params = {
    prompt: [{ role: 'user' as const, content: [{ type: 'text' as const, text: BENCH_PROMPT }] }],
  };
  const generated = await model.doGenerate(params);
  const parts = new Map<number, unknown[]>();
  for (const count of tokens) {
    const { stream } = await model.doStream({
      ...params,
      includeRawChunks: true,
      headers: completionTokensHeaders(count),
    });
    const all: unknown[] = [];
    const reader = stream.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) all.push(read.value);
    parts.set(count, all);
  }
  return { params, generated, parts };
}

/** `parts` as a model stream; a raw part comes with the part after it, as the provider enqueues them. */
function replayed(parts: unknown[]): ReadableStream<unknown> {
  let next = 0;
  return new ReadableStream({
    pull(controller) {
      while (next < parts.length) {
        const part = parts[next++] as { type: string };
        controller.enqueue(part);
        if (part.type !== 'raw') return;
      }
      controller.close();
    },
  });
}

/** Reads a model stream the way `streamText` does: piped through a transform, then read. */
async function consumed(stream: ReadableStream<unknown>): Promise<number> {
  const reader = stream.pipeThrough(new TransformStream()).getReader();
  let parts = 0;
  while (!(await reader.read()).done) parts++;
  return parts;
}

/**
 * The least a middleware that needs Groq's raw chunks does: it asks for them and filters them out
 * of the consumer's stream with the platform's own `TransformStream`.
 */
function rawPartsDropped(): LanguageModelMiddleware {
  return {
    specificationVersion: 'v3',
    async wrapStream({ doStream, params, model }) {
      const result =
        params.includeRawChunks === true
          ? await doStream()
          : await model.doStream({ ...params, includeRawChunks: true });
      const withoutRaw = new TransformStream<{ type: string }, { type: string }>({
        transform(part, controller) {
          if (part.type !== 'raw') controller.enqueue(part);
        },
      });
      return { ...result, stream: result.stream.pipeThrough(withoutRaw as never) };
    },
  };
}

/** The isolated rows: a model replaying `captured`, wrapped with `middleware` unless bare. */
function isolatedRow(name: string, captured: Captured, middleware: LanguageModelMiddleware | undefined): Row {
  const withoutRaw = new Map(
    [...captured.parts].map(([tokens, parts]) => [
      tokens,
      parts.filter((part) => (part as { type: string }).type !== 'raw'),
    ]),
  );
  const replaying = {
    specificationVersion: 'v3' as const,
    provider: 'groq.chat',
    modelId: BENCH_MODEL,
    supportedUrls: {},
    doGenerate: async () => captured.generated,
    doStream: async (params: {
      includeRawChunks?: boolean;
      headers?: Record<string, string | undefined>;
    }) => {
      const tokens = Number(Object.values(params.headers ?? {})[0]);
      return { stream: replayed((params.includeRawChunks ? captured.parts : withoutRaw).get(tokens)!) };
    },
  } as unknown as ProviderModel;
  const model = middleware === undefined ? replaying : wrapLanguageModel({ model: replaying, middleware });
  return {
    name,
    call: async () => await model.doGenerate(captured.params as CallOptions),
    async stream(tokens) {
      const params = { ...captured.params, headers: completionTokensHeaders(tokens) };
      const result = await model.doStream(params as CallOptions);
      return consumed(result.stream);
    },
  };
}

/** Promises created per call and per stream part of each row, counted once, after the timing. */
async function promisesPerRow(
  rows: Row[],
  longTokens: number,
  shortTokens: number,
  partDifference: number,
): Promise<Array<{ call: number; perPart: number }>> {
  let created = 0;
  const hook = createHook({
    init(_id, type) {
      if (type === 'PROMISE') created++;
    },
  });
  const counted = async (run: () => Promise<unknown>): Promise<number> => {
    hook.enable();
    created = 0;
    await run();
    hook.disable();
    return created;
  };
  const counts: Array<{ call: number; perPart: number }> = [];
  for (const each of rows) {
    const call = await counted(each.call);
    const long = await counted(() => each.stream(longTokens));
    const short = await counted(() => each.stream(shortTokens));
    counts.push({ call, perPart: (long - short) / partDifference });
  }
  return counts;
}

async function main(): Promise<void> {
  const simulator = fork(fileURLToPath(import.meta.url), [], {
    env: { ...process.env, AI_SDK_AB_SIMULATOR: '1' },
    execArgv: ['--import', 'tsx'],
  });
  const baseURL = await new Promise<string>((resolve) =>
    simulator.once('message', (url) => resolve(String(url))),
  );
  installOtelPipeline();
  const entries = process.argv.slice(2);
  const modules = (await Promise.all(
    (entries.length === 0 ? ['@groqmeter/ai-sdk'] : entries).map((entry) => import(entry)),
  )) as AiSdkModule[];
  const longTokens = Number(process.env.TOKENS ?? 200);
  const shortTokens = 2;
  const isolated = process.env.ISOLATED === '1';
  const captured = isolated ? await capture(baseURL, [longTokens, shortTokens]) : undefined;
  const groq = createGroq({ apiKey: 'bench', baseURL });
  const row = (name: string, middleware: LanguageModelMiddleware | undefined): Row =>
    captured !== undefined
      ? isolatedRow(name, captured, middleware)
      : endToEndRow(
          name,
          middleware === undefined
            ? groq(BENCH_MODEL)
            : wrapLanguageModel({ model: groq(BENCH_MODEL), middleware }),
        );
  const rows: Row[] = [
    row('bare', undefined),
    row('do-nothing middleware', { specificationVersion: 'v3' }),
    row('raw parts asked for and dropped (TransformStream)', rawPartsDropped()),
  ];
  modules.forEach((module, index) => {
    const label = entries.length > 1 ? ` [${String.fromCharCode(65 + index)}]` : '';
    rows.push(
      row(`groqmeter, do-nothing recorder${label}`, module.groqmeter({ recorder: doNothingRecorder() })),
    );
    const metricProducer = process.env.METRICS === 'producer' ? createGroqmeterMetricProducer() : undefined;
    rows.push(row(`groqmeter, real recorder${label}`, module.groqmeter({ metricProducer })));
  });

  const perSegment = Number(process.env.N ?? (isolated ? 2000 : 100));
  const rounds = Number(process.env.ROUNDS ?? 20);
  const streamsPerSegment = Math.max(1, Math.round(perSegment / 20));
  const warmup = Number(process.env.WARMUP ?? (isolated ? 20000 : 2000));
  for (let index = 0; index < warmup; index++) {
    for (const each of rows) {
      await each.call();
      if (index % 20 === 0) {
        await each.stream(longTokens);
        await each.stream(shortTokens);
      }
    }
    // Let the batch span processor export, as an app's event loop would.
    if (index % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  const longParts = await rows[0]!.stream(longTokens);
  const shortParts = await rows[0]!.stream(shortTokens);
  const samples = rows.map(() => ({ call: [] as number[], long: [] as number[], short: [] as number[] }));
  const timed = async (times: number, run: () => Promise<unknown>): Promise<number> => {
    const started = cpuMicros();
    for (let index = 0; index < times; index++) await run();
    return (cpuMicros() - started) / times;
  };
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
    long: median(sample.long),
    perPart: (median(sample.long) - median(sample.short)) / (longParts - shortParts),
  }));
  const promises = await promisesPerRow(rows, longTokens, shortTokens, longParts - shortParts);
  const bare = medians[0]!;
  process.stdout.write(
    `${isolated ? 'isolated' : 'end to end'}, CPU µs, medians of ${rounds} interleaved rounds (${perSegment} calls, ${streamsPerSegment} streams of ${longParts} and ${shortParts} parts per segment), warm-up ${warmup}\n`,
  );
  rows.forEach((each, index) => {
    const { call: perCall, long, perPart } = medians[index]!;
    const counted = promises[index]!;
    process.stdout.write(
      `${each.name.padEnd(40)} call ${perCall.toFixed(2).padStart(8)} (+${(perCall - bare.call).toFixed(2)})  stream ${long.toFixed(0).padStart(6)} (+${(long - bare.long).toFixed(0)})  per part ${perPart.toFixed(3)} (+${(perPart - bare.perPart).toFixed(3)})  promises per call ${counted.call} (+${counted.call - promises[0]!.call}), per part ${counted.perPart.toFixed(2)} (+${(counted.perPart - promises[0]!.perPart).toFixed(2)})\n`,
    );
  });
  simulator.kill();
}
