import { performance } from 'node:perf_hooks';

/** One contender of an interleaved comparison: `run` is one timed iteration. */
export interface Variant {
  name: string;
  run(): Promise<void>;
}

/** How many rounds to run; warm-up rounds run every variant too but are not recorded. */
export interface InterleavePlan {
  warmupRounds: number;
  rounds: number;
}

/**
 * The order in which the variants run in a round: rotated by one each round, so every variant
 * runs first (and last) equally often and slow drift of the machine hits them all alike. With a
 * baseline and one instrumented variant the rounds go AB, BA, AB, ...
 */
export function interleavedOrder(variantCount: number, round: number): number[] {
  if (!Number.isInteger(variantCount) || variantCount < 1) {
    throw new RangeError(`an interleaved comparison needs at least one variant, got ${variantCount}.`);
  }
  const start = round % variantCount;
  return Array.from({ length: variantCount }, (_, position) => (start + position) % variantCount);
}

/**
 * Runs every variant once per round in {@link interleavedOrder}, all in this process, and returns
 * each variant's iteration times in milliseconds (indexed like `variants`).
 */
export async function runInterleaved(
  variants: readonly Variant[],
  plan: InterleavePlan,
): Promise<number[][]> {
  const samples = variants.map((): number[] => []);
  for (let round = 0; round < plan.warmupRounds + plan.rounds; round++) {
    for (const index of interleavedOrder(variants.length, round)) {
      const started = performance.now();
      await variants[index]!.run();
      const elapsed = performance.now() - started;
      if (round >= plan.warmupRounds) samples[index]!.push(elapsed);
    }
  }
  return samples;
}
