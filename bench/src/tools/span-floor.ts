/**
 * The floor a traced groq-sdk call cannot go under, in CPU time (robust to a machine other work
 * keeps busy): one non-streaming `chat.completions.create` against the simulator (in a process of
 * its own, so only the client's CPU is counted), bare and through the wrappers of
 * span-reference.ts, which add only what one OTel SDK span per call costs, and through groqmeter.
 *
 *   node --expose-gc --import tsx src/tools/span-floor.ts
 *
 * Variants, interleaved in rotated order in every round: the bare call; a wrapper that does
 * nothing; one span with no attributes; one span with groqmeter's chat-span attributes (read from
 * a span groqmeter recorded, set at its start and before its end as groqmeter sets them); the
 * same span made active in the OTel context around the call (`context.with`, as groqmeter runs
 * the call); `instrumentGroq({ metricProducer })`. Every span goes through the bench's OTel
 * set-up (otel-pipeline.ts: async-hooks context, `BatchSpanProcessor`, discarding exporter).
 * Prints each variant's median CPU µs per call and the median, over rounds, of its difference
 * from the bare call of the same round. Environment: `N` calls per timed segment (default 200),
 * `ROUNDS` (default 40), `WARMUP` calls of each variant before timing (default 3000: steady state),
 * `FETCH=replay` to give every client a `fetch` that answers from memory with one response the
 * simulator gave (status, headers and body), so that the SDK does all its work but no socket's
 * kernel time, the noisiest part of a loaded machine, is counted.
 */
import { loadavg } from 'node:os';
import { instrumentGroq } from '@groqmeter/instrumentation-groq';
import { createGroqmeterMetricProducer } from '@groqmeter/recorder';
import { trace } from '@opentelemetry/api';
import type GroqClient from 'groq-sdk';
import { BenchProcess } from '../bench-process';
import { BENCH_MESSAGES, BENCH_MODEL } from '../bench-workload';
import { cpuMicros } from '../cpu-time';
import type { SimulatorReady } from '../hosts/simulator';
import { requireFromBench } from '../module-copies';
import { installOtelPipeline } from '../otel-pipeline';
import {
  attributeCount,
  type ChatSpanShape,
  doNothingClient,
  groqmeterChatSpanShape,
  spanClient,
} from '../span-reference';
import type { StainlessChatClient } from '../stainless-contender';
import { median } from '../statistics';

/**
 * A `fetch` that answers every request with the simulator's answer to the first one, read once
 * through the real `fetch`.
 */
function replayingFetch(): typeof fetch {
  let recorded: Promise<{ status: number; headers: [string, string][]; body: string }> | undefined;
  return async (input, init) => {
    recorded ??= fetch(input, init).then(async (response) => {
      const headers: [string, string][] = [];
      response.headers.forEach((value, name) => {
        headers.push([name, value]);
      });
      return { status: response.status, headers, body: await response.text() };
    });
    const { status, headers, body } = await recorded;
    return new Response(body, { status, headers });
  };
}

async function calls(client: StainlessChatClient, count: number): Promise<void> {
  for (let call = 0; call < count; call++) {
    await client.chat.completions.create({ model: BENCH_MODEL, messages: BENCH_MESSAGES });
  }
}

const loadAverage = () =>
  loadavg()
    .map((load) => load.toFixed(2))
    .join(' / ');

const perSegment = Number(process.env.N ?? 200);
const rounds = Number(process.env.ROUNDS ?? 40);
const warmup = Number(process.env.WARMUP ?? 3000);
const loadAtStart = loadAverage();
const host = new BenchProcess('hosts/simulator.ts', {});
try {
  const { simulatorUrl } = await host.next<SimulatorReady>();
  installOtelPipeline();
  const { default: Groq } = requireFromBench('groq-sdk') as { default: typeof GroqClient };
  const replay = process.env.FETCH === 'replay' ? replayingFetch() : undefined;
  const client = () => new Groq({ apiKey: 'bench', baseURL: simulatorUrl, maxRetries: 0, fetch: replay });
  const shape = await groqmeterChatSpanShape(client());
  const bare: ChatSpanShape = { ...shape, startAttributes: {}, endAttributes: {} };
  const tracer = trace.getTracer('@groqmeter/bench.reference');
  const count = attributeCount(shape);
  const variants: Array<[string, StainlessChatClient]> = [
    ['bare call', client()],
    ['call + a wrapper that does nothing', doNothingClient(client())],
    ['call + one span, 0 attributes', spanClient(client(), tracer, { shape: bare, activeContext: false })],
    [`call + one span, ${count} attributes`, spanClient(client(), tracer, { shape, activeContext: false })],
    [
      `call + one span, ${count} attributes, active in the context`,
      spanClient(client(), tracer, { shape, activeContext: true }),
    ],
    [
      'call + groqmeter instrumentGroq({ metricProducer })',
      instrumentGroq(client(), { metricProducer: createGroqmeterMetricProducer() }),
    ],
  ];
  // Steady state first, every variant in turn, so that the JIT has optimised them all alike.
  for (let done = 0; done < warmup; done += 100) {
    for (const [, variant] of variants) await calls(variant, 100);
  }
  const samples = variants.map((): number[] => []);
  for (let round = 0; round < rounds; round++) {
    for (let position = 0; position < variants.length; position++) {
      const index = (round + position) % variants.length;
      const started = cpuMicros();
      await calls(variants[index]![1], perSegment);
      samples[index]!.push((cpuMicros() - started) / perSegment);
    }
  }
  process.stdout.write(
    `${rounds} rounds of ${perSegment} calls per variant after ${warmup} warm-up calls each, ` +
      `${replay ? 'answers replayed from memory' : 'over loopback'}; ` +
      `load average ${loadAtStart} at start, ${loadAverage()} at end\n` +
      `groqmeter's chat span: "${shape.name}", ${Object.keys(shape.startAttributes).length} attributes at its start + ${Object.keys(shape.endAttributes).length} before its end\n`,
  );
  for (const [index, [name]] of variants.entries()) {
    const added = samples[index]!.map((perCall, round) => perCall - samples[0]![round]!);
    process.stdout.write(
      `${name.padEnd(60)} ${median(samples[index]!).toFixed(1).padStart(7)} µs CPU per call` +
        `${index === 0 ? '' : `, added ${median(added).toFixed(1)} µs (median of per-round differences)`}\n`,
    );
  }
} finally {
  await host.stop();
}
