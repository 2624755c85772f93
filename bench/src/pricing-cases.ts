import type { PriceBook, PriceResult } from '@groqmeter/pricing';
import { BENCH_MODEL } from './bench-workload';

const CHAT_USAGE = { inputTokens: 1200, cachedInputTokens: 256, outputTokens: 350, reasoningTokens: 120 };

/** How the recorder prices a call: at the response's time, on the serving provider, in its tier. */
const RECORDER_OPTIONS = { at: new Date('2026-11-20T09:30:00Z'), provider: 'groq', serviceTier: 'on_demand' };

/** One timed case: what is priced, and whether the catalogue must know it (checked before timing). */
export interface PricingCase {
  operation: string;
  known: boolean;
  price(): PriceResult;
}

/** A dated snapshot id of a model in service, so that alias resolution is what is timed. */
function snapshotAlias(book: PriceBook): string {
  const aliased = book.models().find((model) => model.retiredOn === undefined && model.aliases.length > 0);
  if (aliased === undefined)
    throw new Error('the price catalogue declares no alias of a model in service to benchmark.');
  return aliased.aliases[0]!;
}

/**
 * The costings the pricing suite times (and `tools/pricing-ab.ts` compares between builds), on
 * `book`: the usages the adapters hand the engine, each checked to be priced as expected.
 *
 * @throws {Error} when a case is not priced as it expects (the catalogue changed).
 */
export function pricingCases(book: PriceBook): PricingCase[] {
  const alias = snapshotAlias(book);
  // Built once, like every other case's name: a template literal per call would time the string's
  // concatenation and hashing rather than the prefix's resolution.
  const prefixed = `groq/${BENCH_MODEL}`;
  const cases: PricingCase[] = [
    {
      operation: `price ${BENCH_MODEL} chat (exact id, cached + reasoning)`,
      known: true,
      price: () => book.price(BENCH_MODEL, CHAT_USAGE),
    },
    {
      operation: `price ${BENCH_MODEL} chat as the recorder does (at, provider, service tier)`,
      known: true,
      price: () => book.price(BENCH_MODEL, CHAT_USAGE, RECORDER_OPTIONS),
    },
    {
      operation: `price ${alias} (dated snapshot alias)`,
      known: true,
      price: () => book.price(alias, CHAT_USAGE),
    },
    {
      operation: `price groq/${BENCH_MODEL} chat (groq/ prefix)`,
      known: true,
      price: () => book.price(prefixed, CHAT_USAGE),
    },
    {
      operation: `price ${BENCH_MODEL} chat, batch discount`,
      known: true,
      price: () => book.price(BENCH_MODEL, CHAT_USAGE, { batch: true }),
    },
    {
      operation: 'price whisper-large-v3 3.2 s (10 s minimum)',
      known: true,
      price: () => book.price('whisper-large-v3', { audioSeconds: 3.2 }),
    },
    {
      operation: 'priceBaseline chat (gpt-4o)',
      known: true,
      price: () => book.priceBaseline('chat', CHAT_USAGE),
    },
    {
      operation: 'price unknown model (reason string)',
      known: false,
      price: () => book.price('not-a-model', CHAT_USAGE),
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
  return cases;
}
