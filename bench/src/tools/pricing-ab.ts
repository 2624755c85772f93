/**
 * Interleaved A/B of `@groqmeter/pricing` builds in one process, in CPU time (robust to a machine
 * other work keeps busy): costings per second of each build's `defaultPriceBook` on the pricing
 * suite's cases (`src/pricing-cases.ts`), and the heap bytes one costing allocates.
 *
 *   node --import tsx src/tools/pricing-ab.ts <pricing entry A> [<pricing entry B>]
 *
 * Each entry is a pricing `src/index.ts` (or `dist/index.js`) given by absolute path, e.g. today's
 * and a copy of an older commit's (`git archive <commit> packages/pricing/src | tar -x -C /tmp/old`,
 * with the package's `node_modules` linked beside it). Each round runs one segment of every case
 * of every build, the builds in rotated order. Run it with the entries in both orders: the
 * difference that holds in both is the build's. Bytes per costing come from V8's sampling heap
 * profiler (one sample per 32 bytes) over `BYTES_N` costings of each case, after the timed rounds,
 * the results kept alive so that none is optimised away. Environment: `N` costings per segment
 * (10,000), `ROUNDS` (40), `WARMUP` rounds left out of the medians (5), `BYTES_N` (200,000).
 */
import { Session } from 'node:inspector/promises';
import type { PriceBook } from '@groqmeter/pricing';
import { cpuMicros } from '../cpu-time';
import { type PricingCase, pricingCases } from '../pricing-cases';
import { median } from '../statistics';

const N = Number(process.env.N ?? 10_000);
const ROUNDS = Number(process.env.ROUNDS ?? 40);
const WARMUP = Number(process.env.WARMUP ?? 5);
const BYTES_N = Number(process.env.BYTES_N ?? 200_000);

const entries = process.argv.slice(2);
if (entries.length === 0) {
  process.stderr.write(
    'usage: node --import tsx src/tools/pricing-ab.ts <pricing entry> [<pricing entry>]\n',
  );
  process.exit(2);
}
const builds = await Promise.all(
  entries.map(async (entry) => pricingCases((await import(entry)).defaultPriceBook as PriceBook)),
);

/** Costings per second of each case of each build, one sample per round. */
const samples = builds.map((cases) => cases.map((): number[] => []));
let known = 0;
for (let round = 0; round < ROUNDS; round++) {
  for (let turn = 0; turn < builds.length; turn++) {
    const index = (round + turn) % builds.length;
    for (const [caseIndex, priced] of builds[index]!.entries()) {
      const started = cpuMicros();
      for (let call = 0; call < N; call++) if (priced.price().known) known++;
      samples[index]![caseIndex]!.push(N / ((cpuMicros() - started) / 1e6));
    }
  }
}

/** Heap bytes one costing allocates, sampled over one segment of each case. */
async function bytesPerCosting(priced: PricingCase): Promise<number> {
  const session = new Session();
  session.connect();
  const kept: unknown[] = new Array(64);
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 32,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  for (let call = 0; call < BYTES_N; call++) kept[call & 63] = priced.price();
  const { profile } = await session.post('HeapProfiler.stopSampling');
  session.disconnect();
  let bytes = 0;
  const nodes = [profile.head];
  for (let node = nodes.pop(); node !== undefined; node = nodes.pop()) {
    // The profiler's own frames (the inspector session) are not the costing's.
    if (!node.callFrame.url.startsWith('node:')) bytes += node.selfSize;
    nodes.push(...node.children);
  }
  return bytes / BYTES_N;
}

for (const [index, entry] of entries.entries()) {
  process.stdout.write(`${entry}\n`);
  for (const [caseIndex, priced] of builds[index]!.entries()) {
    const perSecond = median(samples[index]![caseIndex]!.slice(WARMUP));
    const bytes = await bytesPerCosting(priced);
    process.stdout.write(
      `  ${priced.operation.padEnd(80)} ${(perSecond / 1e6).toFixed(2).padStart(6)}M costings/s  ${bytes.toFixed(0).padStart(5)} B/costing\n`,
    );
  }
}
// Every result was looked at (so that no costing could be optimised away); they must all agree.
const expectedKnown =
  builds.reduce((sum, cases) => sum + cases.filter((priced) => priced.known).length, 0) * N * ROUNDS;
if (known !== expectedKnown)
  throw new Error(`${known} timed costings were priced, expected ${expectedKnown}.`);
