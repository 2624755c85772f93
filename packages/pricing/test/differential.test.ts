/**
 * The optimised engine against the reference engine (`fixtures/reference-engine`, the code before
 * the issue 14 performance work): a generated matrix of costings (every catalogue id, alias and
 * provider-prefixed name × serving modes × dates around price cuts and retirements × usage edge
 * values, exact fast-path boundaries included) and seeded random costings must give results that
 * are deep-equal key by key, in the same key order, with the same prototypes, or the same error.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPriceBook } from '../src/price-book.js';
import type { PriceFile } from '../src/price-file.js';
import type { BaselineOperation, ModelPrice, PriceBook, PriceOptions, Usage } from '../src/types.js';
import { createPriceBook as createReferenceBook } from './fixtures/reference-engine/price-book.js';
import { compileRate } from './fixtures/reference-engine/rates.js';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const DAY_MS = 86_400_000;

/** A price file exercising what the catalogue does not: per-token prices too large for a double, stacking batch, tier discounts, per-second tools. */
const EDGE_PRICES: PriceFile = {
  models: [
    {
      id: 'edge/huge-token',
      provider: 'groq',
      prices: {
        input: { usd: '1000', per: 'token' },
        output: { usd: '0.000000001', per: 'token' },
        cached_input: { usd: '999.999999999', per: '1K tokens' },
      },
      batch: { percentOff: 33, stacksWithCaching: true },
      serviceTierDiscounts: { flex: { percentOff: 7 }, slow: { percentOff: 100 } },
    },
    {
      id: 'edge/tools',
      provider: 'openai',
      aliases: ['edge/tools-2026-01-01'],
      effectiveFrom: '2026-01-01',
      retiredOn: '2026-06-01',
      prices: {
        input: { usd: '0.3', per: '1M tokens', unconfirmed: true },
        audio_input: { usd: '4', per: '1M tokens' },
        audio_output: { usd: '8', per: '1M tokens' },
        audio: { usd: '0.02', per: 'second' },
        speech: { usd: '12.5', per: '1K characters' },
        'tool:clock': { usd: '0.000000001', per: 'second' },
        'tool:ping': { usd: '3', per: 'call' },
      },
      history: [{ effectiveFrom: '2025-01-01', prices: { input: { usd: '0.5', per: '1M tokens' } } }],
      serviceTiers: ['default', 'flex'],
      serviceTierDiscounts: { flex: { percentOff: 50, unconfirmed: true } },
      audioMinimumSeconds: 0.5,
    },
  ],
};

/** The books compared, and which of their entries the matrix covers (the shipped ones once). */
const BOOKS: ReadonlyArray<{
  name: string;
  reference: PriceBook;
  optimised: PriceBook;
  covers(model: ModelPrice): boolean;
  randomRuns: number;
}> = [
  {
    name: 'shipped catalogue',
    reference: createReferenceBook(),
    optimised: createPriceBook(),
    covers: () => true,
    randomRuns: 30_000,
  },
  {
    name: 'edge price file',
    reference: createReferenceBook({ overrides: EDGE_PRICES }),
    optimised: createPriceBook({ overrides: EDGE_PRICES }),
    covers: (model) => model.id.startsWith('edge/'),
    randomRuns: 10_000,
  },
];

/**
 * A value written out so that two values print the same exactly when they are deep-equal with
 * the same key order and prototypes: bigints, -0, undefined-valued keys and class instances are
 * told apart (JSON would not).
 */
function canonical(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return String(value);
  if (value instanceof Date) return `Date(${value.getTime()})`;
  const prototype = Object.getPrototypeOf(value);
  const kind = Array.isArray(value)
    ? 'Array'
    : prototype === Object.prototype
      ? 'Object'
      : prototype === null
        ? 'NullPrototype'
        : 'Other';
  if (kind === 'Other') throw new Error(`unexpected prototype ${prototype?.constructor?.name}`);
  const frozen = Object.isFrozen(value) ? 'frozen ' : '';
  const entries = Object.keys(value).map(
    (key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`,
  );
  return `${frozen}${kind}{${entries.join(',')}}`;
}

/** The result of a call, or the error it threw, as {@link canonical} text. */
function outcome(call: () => unknown): string {
  try {
    return canonical(call());
  } catch (error) {
    return `throws ${(error as Error).constructor.name}: ${(error as Error).message}`;
  }
}

/** Collects differing cases, so that one failure shows the first few instead of one. */
class Differences {
  count = 0;
  compared = 0;
  readonly first: string[] = [];

  compare(what: string, reference: () => unknown, optimised: () => unknown): void {
    this.compared++;
    const expected = outcome(reference);
    const actual = outcome(optimised);
    if (expected === actual) return;
    this.count++;
    if (this.first.length < 5) this.first.push(`${what}\n  reference: ${expected}\n  optimised: ${actual}`);
  }
}

/** Every id and alias of the entries covered. */
function catalogueNames(book: PriceBook, covers: (model: ModelPrice) => boolean): string[] {
  return book
    .models()
    .filter(covers)
    .flatMap((model) => [model.id, ...model.aliases]);
}

/** Names that resolve through a prefix or not at all: both prefixes of every id and alias, unknown names. */
function otherNames(book: PriceBook, covers: (model: ModelPrice) => boolean): string[] {
  return [
    ...catalogueNames(book, covers).flatMap((name) => [`groq/${name}`, `openai/${name}`]),
    'not-a-model',
    '',
    'gpt-oss-120b',
    'GPT-4O',
    'openai/whisper-large-v3',
    'groq/groq/compound',
  ];
}

/** Dates around every price period start and retirement, the epoch, the far future, and now. */
function datesFor(book: PriceBook, name: string): Array<Date | undefined> {
  const entry = book.resolve(name);
  const days = [
    ...(entry?.history ?? []).map((period) => period.effectiveFrom),
    ...(entry ? [entry.effectiveFrom] : []),
    ...(entry?.retiredOn ? [entry.retiredOn] : []),
  ].map((day) => Date.parse(`${day}T00:00:00Z`));
  const instants = [
    0,
    Date.parse('2100-01-01T00:00:00Z'),
    ...days.flatMap((ms) => [ms - 1, ms, ms + DAY_MS]),
  ];
  return [undefined, ...instants.map((ms) => new Date(ms))];
}

const SERVING: PriceOptions[] = [
  {},
  { batch: false },
  { batch: true },
  { serviceTier: 'on_demand' },
  { serviceTier: 'flex' },
  { serviceTier: 'auto' },
  { serviceTier: 'performance' },
  { serviceTier: 'default' },
  { serviceTier: 'priority' },
  { serviceTier: 'slow' },
  { batch: true, serviceTier: 'flex' },
  { provider: 'groq' },
  { provider: 'openai' },
  { provider: 'anthropic', serviceTier: 'flex' },
];

/** Usage edge values: empty, zeros, typical, every part equal to its whole, huge, fractional audio, tools, invalid. */
const EDGE_USAGES: Usage[] = [
  {},
  { inputTokens: 0 },
  { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, audioSeconds: 0, characters: 0 },
  { inputTokens: 1200, cachedInputTokens: 256, outputTokens: 350, reasoningTokens: 120 },
  { inputTokens: 1 },
  { outputTokens: 1, reasoningTokens: 1 },
  { inputTokens: 500, cachedInputTokens: 500 },
  {
    inputTokens: 900,
    cachedInputTokens: 300,
    audioInputTokens: 600,
    outputTokens: 70,
    audioOutputTokens: 70,
  },
  { inputTokens: 10, audioInputTokens: 4, outputTokens: 9, audioOutputTokens: 2 },
  { inputTokens: MAX_SAFE },
  { inputTokens: MAX_SAFE, cachedInputTokens: MAX_SAFE, outputTokens: MAX_SAFE },
  { inputTokens: 2 ** 40, cachedInputTokens: 2 ** 39, outputTokens: 2 ** 41 + 1 },
  { inputTokens: 123_456_789, outputTokens: 987_654_321 },
  { audioSeconds: 0 },
  { audioSeconds: -0 },
  { audioSeconds: 3.2 },
  { audioSeconds: 0.0001 },
  { audioSeconds: 0.0015 },
  { audioSeconds: 9.9999 },
  { audioSeconds: 10 },
  { audioSeconds: 10.0001 },
  { audioSeconds: 0.1 + 0.2 },
  { audioSeconds: 1e-7 },
  { audioSeconds: 5e-324 },
  { audioSeconds: 123_456.789 },
  { audioSeconds: 9_007_199_254.740_992 },
  { audioSeconds: 1e21 },
  { audioSeconds: 1.5e300 },
  { characters: 1 },
  { characters: 1_000_000 },
  { characters: MAX_SAFE },
  { inputTokens: 100, outputTokens: 10, toolCalls: { web_search: 2, visit_website: 0 } },
  { toolCalls: { web_search: 1, browser_search: 3, ping: 2 } },
  { toolCalls: { code_execution: 1 } },
  { toolCalls: { wolfram_alpha: 1 } },
  { toolCalls: { ping: MAX_SAFE } },
  { toolSeconds: { code_execution: 12.5, clock: 0.0004 } },
  { toolSeconds: { code_execution: 0, browser_automation: 7.25 } },
  { toolSeconds: { web_search: 1 } },
  { toolSeconds: { clock: 1e15 } },
  { inputTokens: 5, toolCalls: {}, toolSeconds: {} },
  { inputTokens: -1 },
  { inputTokens: 1.5 },
  { outputTokens: Number.NaN },
  { inputTokens: MAX_SAFE + 1 },
  { inputTokens: 3, cachedInputTokens: 4 },
  { outputTokens: 3, reasoningTokens: 4 },
  { outputTokens: 3, audioOutputTokens: 4 },
  { inputTokens: 5, cachedInputTokens: 3, audioInputTokens: 3 },
  { audioSeconds: -0.5 },
  { audioSeconds: Number.POSITIVE_INFINITY },
  { characters: '12' as unknown as number },
  { toolCalls: { web_search: -1 } },
  { toolSeconds: { code_execution: Number.NaN } },
];

/**
 * Usage counts at the edge of exact double arithmetic for the model's rates (list, batch and tier
 * discounts): the largest count whose amount is a safe integer, one less and one more, for each
 * line alone, and pairs of lines whose total crosses 2^53.
 */
function boundaryUsages(book: PriceBook, name: string): Usage[] {
  const entry = book.resolve(name);
  if (!entry) return [];
  const percents = [
    0,
    ...(entry.batch ? [entry.batch.percentOff] : []),
    ...Object.values(entry.serviceTierDiscounts ?? {}).map((tier) => tier.percentOff),
  ];
  const limits = new Set<number>();
  for (const price of Object.values(entry.prices)) {
    for (const percent of percents) {
      const rate = compileRate(price.usd, price.per as never, percent);
      if (!rate || rate.perUnit === 0n) continue;
      const largest = BigInt(MAX_SAFE) / rate.perUnit;
      for (const count of [largest, largest + 1n, largest / 2n + 1n]) {
        if (count > 0n && count <= BigInt(MAX_SAFE)) limits.add(Number(count));
      }
    }
  }
  return [...limits].flatMap((count): Usage[] => [
    { inputTokens: count },
    { inputTokens: count, cachedInputTokens: count },
    { inputTokens: count, audioInputTokens: count },
    { outputTokens: count, audioOutputTokens: count },
    { outputTokens: count },
    { inputTokens: count, outputTokens: count },
    { inputTokens: count * 2 <= MAX_SAFE ? count * 2 : count, cachedInputTokens: count, outputTokens: 1 },
    { characters: count },
    { audioSeconds: count / 1000 },
    { toolCalls: { ping: count, web_search: count } },
    { toolSeconds: { clock: count / 1000, code_execution: count / 1000 } },
  ]);
}

/** The serving modes of the boundary and prefixed-name cases: list, batch, a discounted tier, a provider. */
const BOUNDARY_SERVING: PriceOptions[] = [{}, { batch: true }, { serviceTier: 'flex' }, { provider: 'groq' }];

function comparePrice(
  differences: Differences,
  reference: PriceBook,
  optimised: PriceBook,
  name: string,
  usage: Usage,
  serving: PriceOptions,
  at: Date | undefined,
): void {
  const options: PriceOptions = at === undefined ? serving : { ...serving, at };
  differences.compare(
    `price(${JSON.stringify(name)}, ${canonical(usage)}, ${canonical(options)})`,
    () => reference.price(name, usage, options),
    () => optimised.price(name, usage, options),
  );
}

describe('the optimised engine prices exactly like the reference engine', () => {
  for (const { name: bookName, reference, optimised, covers, randomRuns } of BOOKS) {
    it(`${bookName}: every id and alias × serving mode × date × edge usage`, { timeout: 120_000 }, () => {
      const differences = new Differences();
      for (const name of catalogueNames(reference, covers)) {
        const dates = datesFor(reference, name);
        for (const usage of EDGE_USAGES) {
          for (const serving of SERVING) {
            for (const at of dates) comparePrice(differences, reference, optimised, name, usage, serving, at);
          }
        }
        for (const at of dates) {
          differences.compare(
            `resolve(${JSON.stringify(name)}, ${at?.toISOString()})`,
            () => reference.resolve(name, at),
            () => optimised.resolve(name, at),
          );
        }
      }
      differences.compare(
        'models()',
        () => reference.models(),
        () => optimised.models(),
      );
      differences.compare(
        'price with an invalid date',
        () => reference.price('gpt-4o', { inputTokens: 1 }, { at: new Date(Number.NaN) }),
        () => optimised.price('gpt-4o', { inputTokens: 1 }, { at: new Date(Number.NaN) }),
      );
      expect(differences.first).toEqual([]);
      expect(differences.count).toBe(0);
    });

    it(`${bookName}: every id and alias × the exact-arithmetic boundaries of its rates`, {
      timeout: 120_000,
    }, () => {
      const differences = new Differences();
      for (const name of catalogueNames(reference, covers)) {
        const dates = datesFor(reference, name).slice(0, 3);
        for (const usage of boundaryUsages(reference, name)) {
          for (const serving of BOUNDARY_SERVING) {
            for (const at of dates) comparePrice(differences, reference, optimised, name, usage, serving, at);
          }
        }
      }
      expect(differences.first).toEqual([]);
      expect(differences.count).toBe(0);
    });

    it(`${bookName}: prefixed and unknown names × edge usage`, { timeout: 120_000 }, () => {
      const differences = new Differences();
      for (const name of otherNames(reference, covers)) {
        for (const usage of EDGE_USAGES) {
          for (const serving of BOUNDARY_SERVING) {
            comparePrice(differences, reference, optimised, name, usage, serving, undefined);
          }
        }
        differences.compare(
          `resolve(${JSON.stringify(name)})`,
          () => reference.resolve(name),
          () => optimised.resolve(name),
        );
      }
      expect(differences.first).toEqual([]);
      expect(differences.count).toBe(0);
    });

    it(`${bookName}: every baseline operation × baseline model × edge usage`, () => {
      const differences = new Differences();
      const operations = [
        'chat',
        'transcription',
        'translation',
        'speech',
        'embeddings',
      ] as BaselineOperation[];
      const baselines = [undefined, ...reference.models().map((model) => model.id), 'not-a-model'];
      for (const operation of operations) {
        for (const baseline of baselines) {
          for (const usage of EDGE_USAGES) {
            differences.compare(
              `priceBaseline(${operation}, ${canonical(usage)}, ${baseline})`,
              () => reference.priceBaseline(operation, usage, baseline),
              () => optimised.priceBaseline(operation, usage, baseline),
            );
          }
        }
      }
      expect(differences.first).toEqual([]);
      expect(differences.count).toBe(0);
    });

    it(`${bookName}: seeded random costings`, { timeout: 120_000 }, () => {
      const names = [...catalogueNames(reference, covers), ...otherNames(reference, covers)];
      const count = fc.oneof(
        fc.constant(undefined),
        fc.nat({ max: 10 }),
        fc.nat({ max: 5_000_000 }),
        fc.nat({ max: MAX_SAFE }),
      );
      const seconds = fc.oneof(
        fc.constant(undefined),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.nat({ max: 10_000_000 }).map((micros) => micros / 1_000_000),
        fc.double({ min: 0, max: 1e18, noNaN: true }),
      );
      const tools = fc.option(
        fc.dictionary(
          fc.constantFrom('web_search', 'code_execution', 'ping', 'clock', 'visit_website'),
          fc.nat(),
        ),
        { nil: undefined },
      );
      const usage = fc
        .record({
          inputTokens: count,
          cachedInputTokens: count,
          outputTokens: count,
          reasoningTokens: count,
          audioInputTokens: count,
          audioOutputTokens: count,
          audioSeconds: seconds,
          characters: count,
          toolCalls: tools,
          toolSeconds: fc.option(
            fc.dictionary(
              fc.constantFrom('code_execution', 'clock', 'browser_automation'),
              seconds.map((s) => s ?? 0),
            ),
            { nil: undefined },
          ),
        })
        .map(
          (drawn) =>
            Object.fromEntries(Object.entries(drawn).filter(([, value]) => value !== undefined)) as Usage,
        );
      const options = fc.record(
        {
          batch: fc.boolean(),
          serviceTier: fc.constantFrom('on_demand', 'flex', 'auto', 'priority', 'default'),
          provider: fc.constantFrom('groq', 'openai'),
          at: fc
            .integer({ min: Date.parse('2024-06-01'), max: Date.parse('2027-06-01') })
            .map((ms) => new Date(ms)),
        },
        { requiredKeys: [] },
      );
      const differences = new Differences();
      fc.assert(
        fc.property(fc.constantFrom(...names), usage, options, (name, drawn, drawnOptions) => {
          differences.compare(
            `price(${JSON.stringify(name)}, ${canonical(drawn)}, ${canonical(drawnOptions)})`,
            () => reference.price(name, drawn, drawnOptions),
            () => optimised.price(name, drawn, drawnOptions),
          );
        }),
        { seed: 14, numRuns: randomRuns },
      );
      expect(differences.first).toEqual([]);
      expect(differences.count).toBe(0);
    });
  }
});
