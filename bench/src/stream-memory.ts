import type { MemoryStats } from './results';

/** Heap sampled every this many chunks without forcing GC (cheap, catches transient peaks). */
const SAMPLE_EVERY_CHUNKS = 100;
/** A full GC and a sample every this many chunks: what is still reachable is what was kept. */
const COLLECT_EVERY_CHUNKS = 1_000;

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function') {
    throw new Error('memory measurements need a forced GC: run Node with --expose-gc (pnpm bench does).');
  }
  gc();
}

/**
 * Consumes one stream and reports how far the heap grew above where it started: sampled every
 * 100 chunks (peak, garbage included) and after a forced GC every 1,000 chunks (retained). An
 * instrumentation that buffers chunks shows retained growth proportional to the chunk count; one
 * that passes them through stays flat.
 *
 * @param stream consumes one stream, calling `onChunk` with the running chunk count.
 */
export async function measureStreamMemory(
  stream: (onChunk: (count: number) => void) => Promise<number>,
): Promise<{ chunks: number; stats: MemoryStats }> {
  collectGarbage();
  const start = process.memoryUsage().heapUsed;
  let peak = start;
  let retained = start;
  const chunks = await stream((count) => {
    if (count % COLLECT_EVERY_CHUNKS === 0) {
      collectGarbage();
      retained = Math.max(retained, process.memoryUsage().heapUsed);
    } else if (count % SAMPLE_EVERY_CHUNKS === 0) {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
  });
  return {
    chunks,
    stats: { retainedGrowthBytes: retained - start, peakAboveStartBytes: Math.max(peak, retained) - start },
  };
}
