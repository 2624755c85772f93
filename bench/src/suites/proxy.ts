/**
 * The groqmeter proxy against the direct call and against a bare pass-through Node proxy of the
 * same shape (the floor), in one run: added latency per non-streaming call and per streamed chunk
 * with 1 and 50 concurrent clients, throughput and CPU time per call and per stream of one proxy
 * process, and its memory over a
 * 10,000-chunk stream. Each proxy runs in its own process; the simulator in another.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { BenchProcess, runSuiteScript, scriptInput } from '../bench-process';
import { BENCH_MESSAGES, BENCH_MODEL, completionTokensHeaders } from '../bench-workload';
import { interleavedOrder } from '../interleave';
import { median, percentile } from '../statistics';
import type { SuiteInput } from '../suite-input';
import type { ProxyHostInput, ProxyHostMemory } from './proxy-host';
import type { ProxyBenchResult, ProxyLatencyRow, ProxyThroughputRow, ProxyTiming } from './proxy-results';

const API_KEY = 'gsk_bench';
const CONCURRENT_CLIENTS = 50;

/** One way to reach the simulator. */
interface Target {
  name: 'direct' | 'bare' | 'groqmeter';
  baseURL: string;
  agent: Agent;
}

function target(name: Target['name'], baseURL: string): Target {
  return { name, baseURL, agent: new Agent({ keepAlive: true, maxSockets: CONCURRENT_CLIENTS * 2 }) };
}

const CALL_BODY = JSON.stringify({ model: BENCH_MODEL, messages: BENCH_MESSAGES });
const STREAM_BODY = JSON.stringify({ model: BENCH_MODEL, messages: BENCH_MESSAGES, stream: true });

/** POST a chat and read the whole answer; resolves with the SSE frames it held (0 for JSON). */
function chat(to: Target, body: string, completionTokens: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      `${to.baseURL}/chat/completions`,
      {
        method: 'POST',
        agent: to.agent,
        headers: {
          authorization: `Bearer ${API_KEY}`,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          ...completionTokensHeaders(completionTokens),
        },
      },
      (answer) => {
        let frames = 0;
        const counting = answer.headers['content-type']?.startsWith('text/event-stream') === true;
        answer.on('data', (chunk: Buffer) => {
          if (counting)
            for (let at = chunk.indexOf('data: '); at !== -1; at = chunk.indexOf('data: ', at + 6)) frames++;
        });
        answer.on('end', () =>
          answer.statusCode === 200 ? resolve(frames) : reject(new Error(`status ${answer.statusCode}`)),
        );
        answer.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function timing(samples: number[]): ProxyTiming {
  return { count: samples.length, median: median(samples), p99: percentile(samples, 99) };
}

/**
 * Time `once` against every target, interleaved round by round (the order rotates each round);
 * with `clients` > 1 each round runs that many at once and every call is one sample.
 */
async function latency(
  targets: readonly Target[],
  once: (to: Target) => Promise<unknown>,
  plan: { warmupRounds: number; rounds: number },
  clients: number,
): Promise<number[][]> {
  const samples = targets.map((): number[] => []);
  for (let round = 0; round < plan.warmupRounds + plan.rounds; round++) {
    for (const index of interleavedOrder(targets.length, round)) {
      const to = targets[index]!;
      const times = await Promise.all(
        Array.from({ length: clients }, async () => {
          const started = performance.now();
          await once(to);
          return performance.now() - started;
        }),
      );
      if (round >= plan.warmupRounds) samples[index]!.push(...times);
    }
  }
  return samples;
}

function row(
  mode: ProxyLatencyRow['mode'],
  clients: number,
  samples: number[][],
  chunksPerStream?: number,
): ProxyLatencyRow {
  return {
    mode,
    clients,
    chunksPerStream,
    direct: timing(samples[0]!),
    bare: timing(samples[1]!),
    groqmeter: timing(samples[2]!),
  };
}

/** What a throughput run sends: a non-streaming chat, or a stream of `chunks` tokens. */
type ThroughputRequest = { mode: 'call' } | { mode: 'stream'; chunks: number; chunksPerStream: number };

/** Requests per second through one proxy with `clients` loops calling for `seconds`. */
async function throughput(
  to: Target,
  host: BenchProcess,
  clients: number,
  seconds: number,
  what: ThroughputRequest = { mode: 'call' },
): Promise<ProxyThroughputRow> {
  const { cpuMicros: cpuBefore } = await host.ask<{ cpuMicros: number }>({ type: 'cpu' });
  const deadline = performance.now() + seconds * 1000;
  let completed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        if (what.mode === 'call') await chat(to, CALL_BODY, 32);
        else await chat(to, STREAM_BODY, what.chunks);
        completed++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const { cpuMicros: cpuAfter } = await host.ask<{ cpuMicros: number }>({ type: 'cpu' });
  return {
    variant: to.name as ProxyThroughputRow['variant'],
    mode: what.mode,
    chunksPerStream: what.mode === 'stream' ? what.chunksPerStream : undefined,
    clients,
    seconds: elapsed,
    requestsPerSecond: completed / elapsed,
    cpuMsPerRequest: (cpuAfter - cpuBefore) / 1000 / completed,
  };
}

async function startHost(input: ProxyHostInput): Promise<{ host: BenchProcess; baseURL: string }> {
  const host = new BenchProcess('suites/proxy-host.ts', input);
  const { baseURL } = await host.next<{ baseURL: string }>();
  return { host, baseURL };
}

await runSuiteScript(async (): Promise<{ proxy: ProxyBenchResult }> => {
  const { plan, openaiBaseURL } = scriptInput<SuiteInput>();
  const bareHost = await startHost({ kind: 'bare', upstream: openaiBaseURL });
  const groqmeterHost = await startHost({ kind: 'groqmeter', upstream: openaiBaseURL });
  try {
    const targets = [
      target('direct', openaiBaseURL),
      target('bare', bareHost.baseURL),
      target('groqmeter', groqmeterHost.baseURL),
    ];
    const [, bare, groqmeter] = targets as [Target, Target, Target];
    const chunks = plan.streams.chunks;
    const chunksPerStream = await chat(targets[0]!, STREAM_BODY, chunks);
    for (const to of targets) {
      const seen = await chat(to, STREAM_BODY, chunks);
      if (seen !== chunksPerStream) {
        throw new Error(
          `${to.name} delivered ${seen} stream frames, direct ${chunksPerStream}: a proxy changed the stream.`,
        );
      }
    }
    const spansBefore = (await groqmeterHost.host.ask<{ spans: number }>({ type: 'spans' })).spans;
    await chat(groqmeter, CALL_BODY, 32);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const spansPerCall =
      (await groqmeterHost.host.ask<{ spans: number }>({ type: 'spans' })).spans - spansBefore;

    const concurrentRounds = (rounds: number, warmup: number) => ({
      warmupRounds: Math.max(1, Math.round(warmup / 10)),
      rounds: Math.max(5, Math.round(rounds / 20)),
    });
    const latencyRows: ProxyLatencyRow[] = [
      row('call', 1, await latency(targets, (to) => chat(to, CALL_BODY, 32), plan.calls, 1)),
      row(
        'call',
        CONCURRENT_CLIENTS,
        await latency(
          targets,
          (to) => chat(to, CALL_BODY, 32),
          concurrentRounds(plan.calls.rounds, plan.calls.warmupRounds),
          CONCURRENT_CLIENTS,
        ),
      ),
      row(
        'stream',
        1,
        await latency(targets, (to) => chat(to, STREAM_BODY, chunks), plan.streams, 1),
        chunksPerStream,
      ),
      row(
        'stream',
        CONCURRENT_CLIENTS,
        await latency(
          targets,
          (to) => chat(to, STREAM_BODY, chunks),
          concurrentRounds(plan.streams.rounds * 2, plan.streams.warmupRounds * 2),
          CONCURRENT_CLIENTS,
        ),
        chunksPerStream,
      ),
    ];

    const seconds = plan.calls.rounds >= 1000 ? 5 : 2;
    // CPU time of the proxy process per request: the measure a shared machine disturbs least.
    const streamRequest: ThroughputRequest = { mode: 'stream', chunks, chunksPerStream };
    const throughputRows = [
      await throughput(bare, bareHost.host, CONCURRENT_CLIENTS, seconds),
      await throughput(groqmeter, groqmeterHost.host, CONCURRENT_CLIENTS, seconds),
      await throughput(bare, bareHost.host, CONCURRENT_CLIENTS, seconds, streamRequest),
      await throughput(groqmeter, groqmeterHost.host, CONCURRENT_CLIENTS, seconds, streamRequest),
    ];

    // The highest of `repetitions` long streams per proxy, the two proxies taking turns.
    const memory = [bare, groqmeter].map((to) => ({
      variant: to.name as 'bare' | 'groqmeter',
      chunks: 0,
      retainedGrowthBytes: 0,
      peakRssBytes: 0,
    }));
    for (let repetition = 0; repetition < plan.memory.repetitions; repetition++) {
      for (const [index, [to, host]] of (
        [
          [bare, bareHost.host],
          [groqmeter, groqmeterHost.host],
        ] as const
      ).entries()) {
        await host.ask({ type: 'memory-start' });
        const delivered = await chat(to, STREAM_BODY, plan.memory.chunks);
        const stats = await host.ask<ProxyHostMemory>({ type: 'memory-stop' });
        const row = memory[index]!;
        row.chunks = delivered;
        row.retainedGrowthBytes = Math.max(row.retainedGrowthBytes, stats.retainedGrowthBytes);
        row.peakRssBytes = Math.max(row.peakRssBytes, stats.peakRssBytes);
      }
    }
    return { proxy: { latency: latencyRows, throughput: throughputRows, memory, spansPerCall } };
  } finally {
    await bareHost.host.stop();
    await groqmeterHost.host.stop();
  }
});
