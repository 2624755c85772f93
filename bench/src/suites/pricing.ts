/**
 * Throughput of the pricing engine: `defaultPriceBook.price()` and `priceBaseline()` on the
 * usages the adapters hand it, each case a batch of calls, the cases interleaved. A batch is
 * synchronous CPU work, so it is timed in the process's CPU time (user + system), which the other
 * engineers' load on a shared machine does not stretch the way it stretches wall time.
 */
import { defaultPriceBook, type PriceResult } from '@groqmeter/pricing';
import { runSuiteScript, scriptInput } from '../bench-process';
import { BENCH_MODEL } from '../bench-workload';
import { runInterleaved } from '../interleave';
import type { PricingThroughput } from '../results';
import { median, percentile } from '../statistics';
import type { SuiteInput } from '../suite-input';

const CHAT_USAGE = { inputTokens: 1200, cachedInputTokens: 256, outputTokens: 350, reasoningTokens: 120 };

/** How the recorder prices a call: at the response's time, on the serving provider, in its tier. */
const RECORDER_OPTIONS = { at: new Date('2026-11-20T09:30:00Z'), provider: 'groq', serviceTier: 'on_demand' };

/** CPU time of this process in milliseconds. */
function cpuMilliseconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** A dated snapshot id of a model in service, so that alias resolution is what is timed. */
function snapshotAlias(): string {
  const aliased = defaultPriceBook
    .models()
    .find((model) => model.retiredOn === undefined && model.aliases.length > 0);
  if (aliased === undefined)
    throw new Error('the price catalogue declares no alias of a model in service to benchmark.');
  return aliased.aliases[0]!;
}

/** One timed case: what is priced, and whether the catalogue must know it (checked before timing). */
interface PricingCase {
  operation: string;
  known: boolean;
  price(): PriceResult;
}

await runSuiteScript(async () => {
  const { plan } = scriptInput<SuiteInput>();
  const alias = snapshotAlias();
  // Built once, like every other case's name: a template literal per call would time the string's
  // concatenation and hashing rather than the prefix's resolution.
  const prefixed = `groq/${BENCH_MODEL}`;
  const cases: PricingCase[] = [
    {
      operation: `price ${BENCH_MODEL} chat (exact id, cached + reasoning)`,
      known: true,
      price: () => defaultPriceBook.price(BENCH_MODEL, CHAT_USAGE),
    },
    {
      operation: `price ${BENCH_MODEL} chat as the recorder does (at, provider, service tier)`,
      known: true,
      price: () => defaultPriceBook.price(BENCH_MODEL, CHAT_USAGE, RECORDER_OPTIONS),
    },
    {
      operation: `price ${alias} (dated snapshot alias)`,
      known: true,
      price: () => defaultPriceBook.price(alias, CHAT_USAGE),
    },
    {
      operation: `price groq/${BENCH_MODEL} chat (groq/ prefix)`,
      known: true,
      price: () => defaultPriceBook.price(prefixed, CHAT_USAGE),
    },
    {
      operation: `price ${BENCH_MODEL} chat, batch discount`,
      known: true,
      price: () => defaultPriceBook.price(BENCH_MODEL, CHAT_USAGE, { batch: true }),
    },
    {
      operation: 'price whisper-large-v3 3.2 s (10 s minimum)',
      known: true,
      price: () => defaultPriceBook.price('whisper-large-v3', { audioSeconds: 3.2 }),
    },
    {
      operation: 'priceBaseline chat (gpt-4o)',
      known: true,
      price: () => defaultPriceBook.priceBaseline('chat', CHAT_USAGE),
    },
    {
      operation: 'price unknown model (reason string)',
      known: false,
      price: () => defaultPriceBook.price('not-a-model', CHAT_USAGE),
    },
  ];
  for (const priced of cases) {
    const result = priced.price();
    if (result.known !== priced.known) {
      throw new Error(
        `"${priced.operation}" priced as ${result.known ? 'known' : `unknown (${result.reason})`}, expected ${priced.known ? 'known' : 'unknown'}: the price catalogue changed; update the case.`,
      );
    }
  }
  // Every result is looked at, so that no call can be optimised away.
  let known = 0;
  // runInterleaved's own samples are wall time; the CPU time of each batch is kept beside them.
  const samples = cases.map((): number[] => []);
  await runInterleaved(
    cases.map((priced, index) => ({
      name: priced.operation,
      async run() {
        const started = cpuMilliseconds();
        for (let call = 0; call < plan.pricing.batch; call++) if (priced.price().known) known++;
        samples[index]!.push(cpuMilliseconds() - started);
      },
    })),
    plan.pricing,
  );
  const expectedKnown =
    cases.filter((priced) => priced.known).length *
    plan.pricing.batch *
    (plan.pricing.warmupRounds + plan.pricing.rounds);
  if (known !== expectedKnown) {
    throw new Error(
      `${known} of the timed usages were priced, expected ${expectedKnown}: pricing is not deterministic.`,
    );
  }
  return {
    pricing: cases.map((priced, index): PricingThroughput => {
      const recorded = samples[index]!.slice(plan.pricing.warmupRounds);
      return {
        operation: priced.operation,
        opsPerSecondMedian: plan.pricing.batch / (median(recorded) / 1000),
        opsPerSecondP95: plan.pricing.batch / (percentile(recorded, 95) / 1000),
      };
    }),
  };
});
