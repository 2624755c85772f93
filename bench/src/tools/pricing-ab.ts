/**
 * Interleaved A/B of `@groqmeter/pricing` builds in one process, in CPU time (robust to a machine
 * other work keeps busy): costings per second of `defaultPriceBook` on the bench's pricing cases,
 * and the heap bytes one costing allocates.
 *
 *   node --import tsx src/tools/pricing-ab.ts <pricing entry A> [<pricing entry B>]
 *
 * Each entry is a pricing `src/index.ts` (or `dist/index.js`) given by absolute path, e.g. today's
 * and a copy of an older commit's (`git archive <commit> packages/pricing/src | tar -x -C /tmp/old`,
 * with the package's `node_modules` linked beside it). Each round runs every case of every build
 * for one segment, builds and cases in rotated order. Read both orders (A B, then B A): the build
 * named first has measured up to 1.75× slower for the same code, so only the difference that holds
 * in both orders is the build's. Bytes per costing come from V8's sampling heap profiler (one
 * sample per 32 bytes) over a segment of each case, the results kept alive so that none is
 * optimised away. Environment: `N` costings per segment (10,000), `ROUNDS` (40), `WARMUP` rounds
 * left out of the medians (5).
 */
import { Session } from 'node:inspector/promises';
import { cpuMicros } from '../cpu-time';
import { median } from '../statistics';

/** The part of `@groqmeter/pricing` this tool drives. */
interface PriceBook {
  price(model: string, usage: object, options?: object): { known: boolean };
}

const CHAT = { inputTokens: 1200, cachedInputTokens: 256, outputTokens: 350, reasoningTokens: 120 };
const RECORDER_OPTIONS = { at: new Date('2026-11-20T09:30:00Z'), provider: 'groq', serviceTier: 'on_demand' };
const BATCH = { batch: true };
const WHISPER = { audioSeconds: 3.2 };

/** The bench's pricing cases (`src/suites/pricing.ts`), each a costing on a build's book. */
const CASES: ReadonlyArray<[string, (book: PriceBook) => { known: boolean }]> = [
  ['exact id', (book) => book.price('openai/gpt-oss-20b', CHAT)],
  ['as the recorder calls it', (book) => book.price('openai/gpt-oss-20b', CHAT, RECORDER_OPTIONS)],
  ['groq/ prefix', (book) => book.price('groq/openai/gpt-oss-20b', CHAT)],
  ['batch discount', (book) => book.price('openai/gpt-oss-20b', CHAT, BATCH)],
  ['whisper-large-v3, 3.2 s', (book) => book.price('whisper-large-v3', WHISPER)],
  ['unknown model', (book) => book.price('not-a-model', CHAT)],
];

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
const books = await Promise.all(
  entries.map(async (entry) => (await import(entry)).defaultPriceBook as PriceBook),
);

/** Costings per second of each case of each build, one sample per round. */
const samples = books.map(() => CASES.map((): number[] => []));
let priced = 0;
for (let round = 0; round < ROUNDS; round++) {
  for (let turn = 0; turn < books.length; turn++) {
    const index = (round + turn) % books.length;
    const book = books[index]!;
    for (const [caseIndex, [, cost]] of CASES.entries()) {
      const started = cpuMicros();
      for (let call = 0; call < N; call++) if (cost(book).known) priced++;
      samples[index]![caseIndex]!.push(N / ((cpuMicros() - started) / 1e6));
    }
  }
}

/** Heap bytes one costing allocates, sampled over one segment of each case. */
async function bytesPerCosting(book: PriceBook, cost: (book: PriceBook) => unknown): Promise<number> {
  const session = new Session();
  session.connect();
  const kept: unknown[] = new Array(64);
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 32,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  for (let call = 0; call < BYTES_N; call++) kept[call & 63] = cost(book);
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
  for (const [caseIndex, [name, cost]] of CASES.entries()) {
    const perSecond = median(samples[index]![caseIndex]!.slice(WARMUP));
    const bytes = await bytesPerCosting(books[index]!, cost);
    process.stdout.write(
      `  ${name.padEnd(26)} ${(perSecond / 1e6).toFixed(2).padStart(6)}M costings/s  ${bytes.toFixed(0).padStart(5)} B/costing\n`,
    );
  }
}
if (priced === 0) throw new Error('no costing was priced: the cases no longer match the catalogue.');
