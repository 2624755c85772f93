/**
 * The engine against results recorded from the reference engine (the code before the issue 14
 * performance work, commit ad2f72d): a generated matrix of costings (every catalogue id, alias and
 * provider-prefixed name × serving modes × dates around price cuts and retirements × usage edge
 * values, exact fast-path boundaries included) and seeded random costings must give results that
 * are deep-equal key by key, in the same key order, with the same prototypes and frozenness, or the
 * same error. `differential/expected-results.json` holds, per group (a model or name within a case
 * family), the case count and a SHA-256 of the cases and of their results in order, and the full
 * results of a sample of telling cases, so that a difference names its groups and shows the samples'
 * diff. A change of a billing rule on purpose re-records it with
 * `pnpm --filter @groqmeter/pricing record-differential` and says why in the commit.
 */
import { createHash, type Hash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createPriceBook } from '../src/price-book.js';
import type { PriceFile } from '../src/price-file.js';
import { compileRate } from '../src/rates.js';
import type { BaselineOperation, ModelPrice, PriceBook, PriceOptions, Usage } from '../src/types.js';

const FIXTURE = new URL('./differential/expected-results.json', import.meta.url);
const RECORD = process.env.GROQMETER_RECORD_DIFFERENTIAL === '1';

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

/** The books priced, and which of their entries the matrix covers (the shipped ones once). */
const BOOKS: ReadonlyArray<{
  name: string;
  book: PriceBook;
  covers(model: ModelPrice): boolean;
  randomRuns: number;
}> = [
  { name: 'shipped catalogue', book: createPriceBook(), covers: () => true, randomRuns: 30_000 },
  {
    name: 'edge price file',
    book: createPriceBook({ overrides: EDGE_PRICES }),
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

/** What one group of cases gave: how many, and the SHA-256 of their descriptions and of their outcomes, in order. */
interface GroupDigest {
  cases: number;
  matrix: string;
  results: string;
}

/** The record of one case family (one `it`) of one book. */
interface FamilyRecord {
  groups: Record<string, GroupDigest>;
  /** Telling cases written out in full: description to outcome. */
  samples: Record<string, string>;
}

/** The recorded file: book name to family name to its record. */
type RecordedResults = Record<string, Record<string, FamilyRecord>>;

const recorded: RecordedResults = RECORD ? {} : JSON.parse(readFileSync(FIXTURE, 'utf8'));

/** Prices the cases of one family, hashing them by group and keeping the outcomes of the sampled ones. */
class Family {
  private readonly hashes = new Map<string, { cases: number; matrix: Hash; results: Hash }>();
  private readonly samples: Record<string, string> = {};

  record(group: string, what: string, call: () => unknown, sample = false): void {
    const result = outcome(call);
    let hashes = this.hashes.get(group);
    if (!hashes) {
      hashes = { cases: 0, matrix: createHash('sha256'), results: createHash('sha256') };
      this.hashes.set(group, hashes);
    }
    hashes.cases++;
    hashes.matrix.update(`${what}\n`);
    hashes.results.update(`${result}\n`);
    if (sample) this.samples[`${group}: ${what}`] = result;
  }

  finish(): FamilyRecord {
    const groups: Record<string, GroupDigest> = {};
    for (const [group, { cases, matrix, results }] of this.hashes) {
      groups[group] = { cases, matrix: matrix.digest('hex'), results: results.digest('hex') };
    }
    return { groups, samples: this.samples };
  }
}

/** Each group whose cases or results differ from the recording, with what differs. */
function differingGroups(actual: FamilyRecord, expected: FamilyRecord): string[] {
  const names = new Set([...Object.keys(expected.groups), ...Object.keys(actual.groups)]);
  return [...names].flatMap((name) => {
    const got = actual.groups[name];
    const want = expected.groups[name];
    if (!got) return [`${name}: not priced (recorded ${want?.cases} cases)`];
    if (!want) return [`${name}: not recorded (${got.cases} cases)`];
    if (got.matrix !== want.matrix) return [`${name}: other cases (${got.cases}, recorded ${want.cases})`];
    if (got.results !== want.results) return [`${name}: other results (${got.cases} cases)`];
    return [];
  });
}

/** Records the family (when recording) or compares it with the recording. */
function expectRecorded(bookName: string, familyName: string, family: Family): void {
  const actual = family.finish();
  if (RECORD) {
    recorded[bookName] ??= {};
    recorded[bookName][familyName] = actual;
    return;
  }
  const expected = recorded[bookName]?.[familyName] ?? { groups: {}, samples: {} };
  expect({ differingGroups: differingGroups(actual, expected), samples: actual.samples }).toEqual({
    differingGroups: [],
    samples: expected.samples,
  });
}

afterAll(() => {
  if (RECORD) writeFileSync(FIXTURE, `${JSON.stringify(recorded, null, 2)}\n`);
});

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

/**
 * The names whose telling cases are written out in full: a Groq model with caching, batch and tools,
 * one whose boundary costings end on an exact half nano-dollar (rounded up), a tools-only system, per-hour audio with a minimum and without one, per-character speech, an
 * OpenAI model with flex, an OpenAI model billing audio tokens, both edge entries, and names
 * resolved through a prefix or not at all.
 */
const SAMPLE_NAMES = new Set([
  'openai/gpt-oss-120b',
  'openai/gpt-oss-20b',
  'groq/compound',
  'whisper-large-v3',
  'whisper-1',
  'playai-tts',
  'gpt-5',
  'gpt-4o-mini-tts',
  'edge/huge-token',
  'edge/tools',
  'not-a-model',
  'groq/whisper-large-v3',
  'openai/gpt-5',
]);

/** The usages of the samples: empty, typical, the largest count, -0 and fractional audio seconds, an inexact sum, tools, an invalid count. */
const TELLING_USAGES = new Set([0, 3, 9, 14, 15, 21, 31, 41].map((index) => EDGE_USAGES[index]));

/** The serving modes of the samples: list, batch, a discounted tier. */
const SAMPLE_SERVING = new Set([SERVING[0], SERVING[2], SERVING[4], BOUNDARY_SERVING[0]]);

function recordPrice(
  family: Family,
  book: PriceBook,
  name: string,
  usage: Usage,
  serving: PriceOptions,
  at: Date | undefined,
  sample: boolean,
): void {
  const options: PriceOptions = at === undefined ? serving : { ...serving, at };
  family.record(
    name,
    `price(${JSON.stringify(name)}, ${canonical(usage)}, ${canonical(options)})`,
    () => book.price(name, usage, options),
    sample,
  );
}

/** Whether a case of `name` is written out in full. */
function sampled(name: string, usage: Usage, serving: PriceOptions, at: Date | undefined): boolean {
  return (
    SAMPLE_NAMES.has(name) && TELLING_USAGES.has(usage) && SAMPLE_SERVING.has(serving) && at === undefined
  );
}

describe('the engine prices exactly like the reference engine did', () => {
  for (const { name: bookName, book, covers, randomRuns } of BOOKS) {
    const family = 'every id and alias × serving mode × date × edge usage';
    it(`${bookName}: ${family}`, { timeout: 120_000 }, () => {
      const recording = new Family();
      for (const name of catalogueNames(book, covers)) {
        const dates = datesFor(book, name);
        for (const usage of EDGE_USAGES) {
          for (const serving of SERVING) {
            for (const at of dates) {
              recordPrice(recording, book, name, usage, serving, at, sampled(name, usage, serving, at));
            }
          }
        }
        for (const at of dates) {
          recording.record(
            name,
            `resolve(${JSON.stringify(name)}, ${at?.toISOString()})`,
            () => book.resolve(name, at),
            SAMPLE_NAMES.has(name) && at === undefined,
          );
        }
      }
      recording.record('models()', 'models()', () => book.models());
      recording.record(
        'invalid date',
        'price with an invalid date',
        () => book.price('gpt-4o', { inputTokens: 1 }, { at: new Date(Number.NaN) }),
        true,
      );
      expectRecorded(bookName, family, recording);
    });

    const boundaries = 'every id and alias × the exact-arithmetic boundaries of its rates';
    it(`${bookName}: ${boundaries}`, { timeout: 120_000 }, () => {
      const recording = new Family();
      for (const name of catalogueNames(book, covers)) {
        const dates = datesFor(book, name).slice(0, 3);
        for (const [index, usage] of boundaryUsages(book, name).entries()) {
          for (const serving of BOUNDARY_SERVING) {
            for (const at of dates) {
              const sample = SAMPLE_NAMES.has(name) && index < 11 && serving === BOUNDARY_SERVING[0] && !at;
              recordPrice(recording, book, name, usage, serving, at, sample);
            }
          }
        }
      }
      expectRecorded(bookName, boundaries, recording);
    });

    const others = 'prefixed and unknown names × edge usage';
    it(`${bookName}: ${others}`, { timeout: 120_000 }, () => {
      const recording = new Family();
      for (const name of otherNames(book, covers)) {
        for (const usage of EDGE_USAGES) {
          for (const serving of BOUNDARY_SERVING) {
            recordPrice(
              recording,
              book,
              name,
              usage,
              serving,
              undefined,
              sampled(name, usage, serving, undefined),
            );
          }
        }
        recording.record(
          name,
          `resolve(${JSON.stringify(name)})`,
          () => book.resolve(name),
          SAMPLE_NAMES.has(name),
        );
      }
      expectRecorded(bookName, others, recording);
    });

    const baselineFamily = 'every baseline operation × baseline model × edge usage';
    it(`${bookName}: ${baselineFamily}`, () => {
      const recording = new Family();
      const operations = [
        'chat',
        'transcription',
        'translation',
        'speech',
        'embeddings',
      ] as BaselineOperation[];
      const baselines = [undefined, ...book.models().map((model) => model.id), 'not-a-model'];
      for (const operation of operations) {
        for (const baseline of baselines) {
          for (const usage of EDGE_USAGES) {
            recording.record(
              operation,
              `priceBaseline(${operation}, ${canonical(usage)}, ${baseline})`,
              () => book.priceBaseline(operation, usage, baseline),
              baseline === undefined && TELLING_USAGES.has(usage),
            );
          }
        }
      }
      expectRecorded(bookName, baselineFamily, recording);
    });

    const random = 'seeded random costings';
    it(`${bookName}: ${random}`, { timeout: 120_000 }, () => {
      const names = [...catalogueNames(book, covers), ...otherNames(book, covers)];
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
      const recording = new Family();
      let run = 0;
      fc.assert(
        fc.property(fc.constantFrom(...names), usage, options, (name, drawn, drawnOptions) => {
          recording.record(
            name,
            `price(${JSON.stringify(name)}, ${canonical(drawn)}, ${canonical(drawnOptions)})`,
            () => book.price(name, drawn, drawnOptions),
            run++ < 12,
          );
        }),
        { seed: 14, numRuns: randomRuns },
      );
      expectRecorded(bookName, random, recording);
    });
  }
});
