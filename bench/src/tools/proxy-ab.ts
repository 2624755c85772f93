/**
 * What the groqmeter proxy costs in CPU per request and per streamed chunk, one build against
 * another: each build's proxy runs in a process of its own (set up as the proxy suite hosts it:
 * metric producer on an on-demand reader, batch span processor exporting nowhere, logs silent),
 * both forwarding to one groq simulator (timeScale 0) in this process, and the CPU time of each
 * proxy process (`process.cpuUsage`, read over IPC) is taken around each timed segment.
 * Segments are interleaved (A, B, A, B, …) so that the load of a shared machine falls on both.
 *
 *   node --import tsx src/tools/proxy-ab.ts <proxy dist A> <proxy dist B>
 *
 * Each dist is an `apps/proxy/dist` folder (its `index.cjs` is required), e.g. a copy taken before
 * a change (`cp -r apps/proxy/dist /tmp/P/old-dist`, with `ln -s <repo>/apps/proxy/node_modules
 * /tmp/P/node_modules` so that its imports resolve) and today's. Per build it prints the median
 * CPU per non-streamed request and per stream of one token, and per chunk (streams of `TOKENS`
 * tokens against streams of one, over the extra chunks). Environment: `N` requests per timed
 * segment, `ROUNDS` segments per kind, `TOKENS` tokens of the long stream, `CONCURRENCY` requests
 * in flight (default 1), `WARMUP` requests before timing.
 */
import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { startSimulator } from '@groqmeter/groq-simulator';
import type { GroqmeterMetricProducer } from '@groqmeter/recorder';
import { trace } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { BenchProcess, sendToParent } from '../bench-process';
import {
  BENCH_MESSAGES,
  BENCH_MODEL,
  BENCH_SIMULATOR_OPTIONS,
  completionTokensHeaders,
} from '../bench-workload';
import { installOtelPipeline, OnDemandMetricReader } from '../otel-pipeline';
import { median } from '../statistics';

/** The input of this script when it runs as a proxy host. */
interface HostInput {
  host: string;
  upstream: string;
}

/** A proxy build's `startProxy`, as this tool calls it. */
type StartProxy = (options: object) => Promise<{ baseURL: string }>;

async function runHost(input: HostInput): Promise<void> {
  installOtelPipeline();
  // The build's CommonJS entry, and the recorder it requires: the metric producer must come from
  // the same module instance as the proxy's recorder, which refuses anyone else's.
  const load = createRequire(join(input.host, 'index.cjs'));
  const { startProxy } = load(join(input.host, 'index.cjs')) as { startProxy: StartProxy };
  const { createGroqmeterMetricProducer } = load('@groqmeter/recorder') as {
    createGroqmeterMetricProducer(): GroqmeterMetricProducer;
  };
  const metricProducer = createGroqmeterMetricProducer();
  const proxy = await startProxy({
    port: 0,
    upstream: input.upstream,
    logLevel: 'silent',
    tracerProvider: trace.getTracerProvider(),
    meterProvider: new MeterProvider({
      readers: [new OnDemandMetricReader({ metricProducers: [metricProducer] })],
    }),
    metricProducer,
  });
  process.on('message', () => {
    const { user, system } = process.cpuUsage();
    void sendToParent({ cpuMicros: user + system });
  });
  process.on('SIGTERM', () => process.exit(0));
  await sendToParent({ baseURL: proxy.baseURL });
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** One chat completion through a proxy, its answer read to the end. */
function call(baseURL: string, body: string, headers: Record<string, string>): Promise<void> {
  return new Promise((done, fail) => {
    const url = new URL(`${baseURL}/chat/completions`);
    const outgoing = httpRequest(
      {
        hostname: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent,
        headers: {
          authorization: 'Bearer gsk_bench',
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
      },
      (answer: IncomingMessage) => {
        answer.resume();
        answer.once('end', () =>
          answer.statusCode === 200 ? done() : fail(new Error(`status ${answer.statusCode}`)),
        );
        answer.once('error', fail);
      },
    );
    outgoing.once('error', fail);
    outgoing.end(body);
  });
}

/** A kind of request: its body and headers. */
interface Workload {
  name: string;
  body: string;
  headers: Record<string, string>;
}

function workload(name: string, stream: boolean, tokens: number): Workload {
  return {
    name,
    body: JSON.stringify({ model: BENCH_MODEL, messages: BENCH_MESSAGES, stream }),
    headers: completionTokensHeaders(tokens),
  };
}

async function segment(baseURL: string, load: Workload, count: number, concurrency: number): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) {
      next += 1;
      await call(baseURL, load.body, load.headers);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}

interface Build {
  name: string;
  process: BenchProcess;
  baseURL: string;
}

async function cpuMicros(build: Build): Promise<number> {
  return (await build.process.ask<{ cpuMicros: number }>({ type: 'cpu' })).cpuMicros;
}

/** CPU micros per request of `build`'s proxy over one segment. */
async function timed(build: Build, load: Workload, count: number, concurrency: number): Promise<number> {
  const before = await cpuMicros(build);
  await segment(build.baseURL, load, count, concurrency);
  return ((await cpuMicros(build)) - before) / count;
}

async function main(): Promise<void> {
  const dists = process.argv.slice(2, 4).map((dist) => resolve(dist));
  if (dists.length !== 2) throw new Error('usage: proxy-ab.ts <proxy dist A> <proxy dist B>');
  const count = Number(process.env.N ?? 400);
  const rounds = Number(process.env.ROUNDS ?? 15);
  const tokens = Number(process.env.TOKENS ?? 200);
  const concurrency = Number(process.env.CONCURRENCY ?? 1);
  const warmup = Number(process.env.WARMUP ?? 2000);
  const simulator = await startSimulator(BENCH_SIMULATOR_OPTIONS);
  const builds: Build[] = [];
  for (const [index, dist] of dists.entries()) {
    const host = new BenchProcess('tools/proxy-ab.ts', { host: dist, upstream: simulator.openaiBaseURL });
    const { baseURL } = await host.next<{ baseURL: string }>();
    builds.push({ name: `${'AB'[index]} ${dist}`, process: host, baseURL });
  }
  const loads = [
    workload('chat', false, 16),
    workload('stream 1', true, 1),
    workload(`stream ${tokens}`, true, tokens),
  ];
  const chunks = await countChunks(builds[0] as Build, loads[2] as Workload);
  for (const build of builds) {
    for (const load of loads) await segment(build.baseURL, load, warmup / loads.length, concurrency);
  }
  const samples = builds.map(() => loads.map((): number[] => []));
  const loadBefore = loadavg()[0];
  for (let round = 0; round < rounds; round += 1) {
    for (const [l, load] of loads.entries()) {
      // Alternate which build goes first, so that neither always follows the other's garbage.
      const order = round % 2 === 0 ? [0, 1] : [1, 0];
      for (const b of order) {
        samples[b]?.[l]?.push(await timed(builds[b] as Build, load, count, concurrency));
      }
    }
  }
  const loadAfter = loadavg()[0];
  console.log(
    `N=${count} ROUNDS=${rounds} CONCURRENCY=${concurrency}, long stream ${chunks} chunks of the body, load ${loadBefore?.toFixed(2)} -> ${loadAfter?.toFixed(2)}`,
  );
  for (const [b, build] of builds.entries()) {
    const [chat, short, long] = (samples[b] as number[][]).map(median) as [number, number, number];
    console.log(
      `${build.name}\n  CPU per request: chat ${chat.toFixed(1)} us, stream of 1 token ${short.toFixed(1)} us, stream of ${tokens} ${long.toFixed(1)} us; per extra token ${((long - short) / (tokens - 1)).toFixed(2)} us`,
    );
  }
  for (const build of builds) await build.process.stop();
  agent.destroy();
  await simulator.close();
}

/** How many body chunks a long stream arrives in at the client (the proxy writes one per upstream chunk). */
async function countChunks(build: Build, load: Workload): Promise<number> {
  const url = new URL(`${build.baseURL}/chat/completions`);
  return new Promise((done, fail) => {
    const outgoing = httpRequest(
      {
        hostname: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent,
        headers: { authorization: 'Bearer gsk_bench', 'content-type': 'application/json', ...load.headers },
      },
      (answer) => {
        let chunks = 0;
        answer.on('data', () => {
          chunks += 1;
        });
        answer.once('end', () => done(chunks));
      },
    );
    outgoing.once('error', fail);
    outgoing.end(load.body);
  });
}

const hostInput = process.argv[2]?.startsWith('{') ? (JSON.parse(process.argv[2]) as HostInput) : undefined;
if (hostInput !== undefined) await runHost(hostInput);
else await main();
