/**
 * Whether CPU work added to a loopback groq-sdk call shows in its wall time one for one, or
 * amplified (by a scheduler or an idle core waking late on this VM): the bench's rows are wall
 * time, its A/B tools CPU time. One bare groq-sdk client against the simulator (in its own
 * process, `timeScale: 0`), called plain and through wrappers that burn a fixed number of
 * microseconds of CPU, half before the call and half after, interleaved call by call in rotated
 * order; each wrapper's median wall time against the plain call's.
 *
 *   node --import tsx src/tools/cpu-to-wall.ts
 *
 * Environment: `SPINS` a comma list of microseconds to burn (default `0,5,10,20,40`; `0` is the
 * plain call), `ROUNDS` timed calls per wrapper, `WARMUP` untimed ones first.
 */
import { performance } from 'node:perf_hooks';
import type GroqClient from 'groq-sdk';
import { BenchProcess } from '../bench-process';
import { BENCH_MESSAGES, BENCH_MODEL } from '../bench-workload';
import type { SimulatorReady } from '../hosts/simulator';
import { requireFromBench } from '../module-copies';
import { median } from '../statistics';

/** Keeps the CPU busy for `micros` microseconds (a loop on the clock, which the JIT cannot drop). */
function burn(micros: number): void {
  const end = performance.now() + micros / 1000;
  while (performance.now() < end);
}

const spins = (process.env.SPINS ?? '0,5,10,20,40').split(',').map(Number);
const rounds = Number(process.env.ROUNDS ?? 1000);
const warmup = Number(process.env.WARMUP ?? 2000);
const host = new BenchProcess('hosts/simulator.ts', {});
try {
  const { simulatorUrl } = await host.next<SimulatorReady>();
  const { default: Groq } = requireFromBench('groq-sdk') as { default: typeof GroqClient };
  const client = new Groq({ apiKey: 'bench', baseURL: simulatorUrl, maxRetries: 0 });
  const calls = spins.map((micros) => async () => {
    burn(micros / 2);
    await client.chat.completions.create({ model: BENCH_MODEL, messages: BENCH_MESSAGES });
    burn(micros / 2);
  });
  for (let round = 0; round < warmup; round++) for (const call of calls) await call();
  const wall = spins.map((): number[] => []);
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? [...calls.keys()] : [...calls.keys()].reverse();
    for (const index of order) {
      const started = performance.now();
      await calls[index]!();
      wall[index]!.push((performance.now() - started) * 1000);
    }
  }
  const plain = median(wall[0]!);
  process.stdout.write(`median wall time per call, ${rounds} interleaved calls each after ${warmup}\n`);
  spins.forEach((micros, index) => {
    const added = median(wall[index]!) - plain;
    process.stdout.write(
      `  ${micros} µs of CPU burnt: ${median(wall[index]!).toFixed(0)} µs (${added >= 0 ? '+' : ''}${added.toFixed(0)} µs)\n`,
    );
  });
} finally {
  await host.stop();
}
