/**
 * Throughput of the pricing engine: `defaultPriceBook.price()` and `priceBaseline()` on the
 * usages the adapters hand it, each case a batch of calls, the cases interleaved.
 */
import { defaultPriceBook, type PriceResult } from '@groqmeter/pricing';
import { runSuiteScript, scriptInput } from '../bench-process';
import { BENCH_MODEL } from '../bench-workload';
import { runInterleaved } from '../interleave';
import type { PricingThroughput } from '../results';
import { median, percentile } from '../statistics';
import type { SuiteInput } from '../suite-input';

const CHAT_USAGE = { inputTokens: 1200, cachedInputTokens: 256, outputTokens: 350, reasoningTokens: 120 };

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
  const cases: PricingCase[] = [
    {
      operation: `price ${BENCH_MODEL} chat (exact id, cached + reasoning)`,
      known: true,
      price: () => defaultPriceBook.price(BENCH_MODEL, CHAT_USAGE),
    },
    {
      operation: `price ${alias} (dated snapshot alias)`,
      known: true,
      price: () => defaultPriceBook.price(alias, CHAT_USAGE),
    },
    {
      operation: `price groq/${BENCH_MODEL} chat (groq/ prefix)`,
      known: true,
      price: () => defaultPriceBook.price(`groq/${BENCH_MODEL}`, CHAT_USAGE),
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
  const samples = await runInterleaved(
    cases.map((priced) => ({
      name: priced.operation,
      async run() {
        for (let call = 0; call < plan.pricing.batch; call++) if (priced.price().known) known++;
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
    pricing: cases.map(
      (priced, index): PricingThroughput => ({
        operation: priced.operation,
        opsPerSecondMedian: plan.pricing.batch / (median(samples[index]!) / 1000),
        opsPerSecondP95: plan.pricing.batch / (percentile(samples[index]!, 95) / 1000),
      }),
    ),
  };
});
