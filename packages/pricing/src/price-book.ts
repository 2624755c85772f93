import { DEFAULT_BASELINES } from './baselines.js';
import { billUsage } from './billing.js';
import { GROQ_MODEL_PREFIX, groqPrices } from './catalogue/groq.js';
import { OPENAI_MODEL_PREFIX, openaiPrices } from './catalogue/openai.js';
import { type CompiledModel, type CompiledPeriod, compileModel } from './compiled-model.js';
import { formatQuantaUsd, formatUsd } from './money.js';
import { type PriceFile, parsePriceFile } from './price-file.js';
import type {
  BaselineOperation,
  KnownPrice,
  ModelPrice,
  PriceBook,
  PriceOptions,
  PriceResult,
  UnknownPrice,
  Usage,
} from './types.js';
import { validateUsage } from './usage.js';

/** Options of {@link createPriceBook}. */
export interface PriceBookOptions {
  /**
   * Your own prices, e.g. from {@link loadPriceFile}. An entry replaces the catalogue entry with
   * the same id completely (its aliases and price history too); later files win over earlier ones.
   */
  overrides?: PriceFile | PriceFile[];
}

/** Within a provider, `<prefix><id>` resolves like `<id>` (e.g. `groq/llama-3.3-70b-versatile`). */
const PROVIDER_PREFIXES: ReadonlyArray<readonly [provider: string, prefix: string]> = [
  ['groq', GROQ_MODEL_PREFIX],
  ['openai', OPENAI_MODEL_PREFIX],
];

const HOW_TO_ADD_A_PRICE =
  'add it in a price file (see the @groqmeter/pricing README, "Price files") and load it with createPriceBook({ overrides: loadPriceFile(path) }) or groqmeter-price --price-file';

/** The options of a costing without any: one shared object, not one per call. */
const NO_OPTIONS: PriceOptions = Object.freeze({});

function unknown(requestedModel: string, reason: string): UnknownPrice {
  return { known: false, requestedModel, reason };
}

// The refusals are built out of line: their long messages would otherwise take the inlining
// budget of the costing path.

function unknownModel(model: string): UnknownPrice {
  return unknown(
    model,
    `unknown model "${model}": it is not in the groqmeter price catalogue (ids match exactly, then declared aliases and groq/ or openai/ prefixes); ${HOW_TO_ADD_A_PRICE}`,
  );
}

function servedByOtherProvider(model: string, entry: CompiledModel, provider: string): UnknownPrice {
  return unknown(
    model,
    `"${model}" is a ${entry.provider} model in the groqmeter price catalogue, but ${provider} served it; ${HOW_TO_ADD_A_PRICE} with provider "${provider}"`,
  );
}

function unpricedTier(
  model: string,
  entry: CompiledModel,
  tiers: ReadonlySet<string>,
  tier: string,
): UnknownPrice {
  return unknown(
    model,
    `service tier "${tier}" has no published price for ${entry.id} (priced tiers: ${[...tiers].join(', ')}); ${HOW_TO_ADD_A_PRICE} with serviceTiers: ["${tier}"]`,
  );
}

function periodAt(model: CompiledModel, atMs: number): CompiledPeriod {
  let current = model.periods[0]!;
  for (const period of model.periods) if (period.fromMs <= atMs) current = period;
  return current;
}

function timeOf(at: Date | undefined): number {
  // Date.now() rather than a new Date: this runs on every costing.
  const ms = at === undefined ? Date.now() : at.getTime();
  if (Number.isNaN(ms)) throw new RangeError('options.at must be a valid Date, got Invalid Date');
  return ms;
}

function withoutTools(usage: Usage): Usage {
  const { toolCalls: _calls, toolSeconds: _seconds, ...comparable } = usage;
  return comparable;
}

class CataloguePriceBook implements PriceBook {
  private readonly byId = new Map<string, CompiledModel>();
  private readonly byAlias = new Map<string, CompiledModel>();

  /**
   * Every name a costing may ask for, resolved once as {@link find} and the prefixes define it:
   * the exact id, else an alias, else `<prefix><id or alias>` within the prefix's provider. One
   * map lookup per costing, whatever kind of name it is.
   */
  private readonly byName = new Map<string, CompiledModel>();

  constructor(models: CompiledModel[]) {
    for (const model of models) this.byId.set(model.id, model);
    for (const model of this.byId.values()) for (const alias of model.aliases) this.byAlias.set(alias, model);
    const names = [...this.byId.keys(), ...this.byAlias.keys()];
    // Lowest precedence first: a later set of the same name wins.
    for (const name of names) {
      const entry = this.find(name)!;
      for (const [provider, prefix] of PROVIDER_PREFIXES) {
        if (entry.provider === provider) this.byName.set(`${prefix}${name}`, entry);
      }
    }
    for (const [alias, entry] of this.byAlias) this.byName.set(alias, entry);
    for (const [id, entry] of this.byId) this.byName.set(id, entry);
  }

  private find(id: string): CompiledModel | undefined {
    return this.byId.get(id) ?? this.byAlias.get(id);
  }

  private lookup(model: string): CompiledModel | undefined {
    return this.byName.get(model);
  }

  private priceOn(model: string, usage: Usage, options: PriceOptions, flagRetirement: boolean): PriceResult {
    validateUsage(usage);
    const requestedAt = options.at === undefined ? undefined : timeOf(options.at);
    const entry = this.lookup(model);
    if (!entry) return unknownModel(model);
    if (options.provider !== undefined && entry.provider !== options.provider) {
      return servedByOtherProvider(model, entry, options.provider);
    }
    const tier = options.serviceTier;
    if (tier !== undefined && entry.serviceTiers !== undefined && !entry.serviceTiers.has(tier)) {
      return unpricedTier(model, entry, entry.serviceTiers, tier);
    }
    // The clock is read only when the answer depends on it (price history, a retirement date):
    // a model with one period and no retirement prices the same at any time.
    const atMs =
      requestedAt ??
      (entry.periods.length > 1 || entry.retiredMs !== undefined ? Date.now() : Number.POSITIVE_INFINITY);
    const period = periodAt(entry, atMs);
    const plan =
      options.batch === true
        ? period.batchTokens
        : ((tier === undefined ? undefined : period.tierTokens.get(tier)) ?? period.listTokens);
    const bill = billUsage(entry, period, plan, usage);
    if (bill.unpriced !== undefined) return unknown(model, bill.unpriced);
    const { total, exactTotal } = bill;
    const result: KnownPrice = {
      known: true,
      requestedModel: model,
      model: entry.id,
      provider: entry.provider,
      lines: bill.lines,
      total,
      totalUsd: Number.isNaN(exactTotal) ? formatUsd(total) : formatQuantaUsd(exactTotal),
    };
    // Served means billed: Groq answers retired ids for a while, so usage after the retirement date
    // is priced at the last known period and flagged, never unknown (a baseline is a list-price
    // comparison and is not flagged).
    if (
      flagRetirement &&
      entry.retiredOn !== undefined &&
      entry.retiredMs !== undefined &&
      atMs >= entry.retiredMs
    ) {
      result.stale = { retiredOn: entry.retiredOn };
    }
    return result;
  }

  price(model: string, usage: Usage, options: PriceOptions = NO_OPTIONS): PriceResult {
    return this.priceOn(model, usage, options, true);
  }

  priceBaseline(operation: BaselineOperation, usage: Usage, baselineModel?: string): PriceResult {
    const model =
      baselineModel ??
      (Object.hasOwn(DEFAULT_BASELINES, operation) ? DEFAULT_BASELINES[operation] : undefined);
    if (model === undefined) {
      return unknown(
        String(operation),
        `no default baseline for operation "${String(operation)}"; expected chat, transcription, translation or speech, or pass a baseline model`,
      );
    }
    // Tools are not compared; a usage without them is used as it is (no copy per costing).
    const comparable =
      usage.toolCalls === undefined && usage.toolSeconds === undefined ? usage : withoutTools(usage);
    // A baseline is a list-price comparison: it stays meaningful after the baseline model retires.
    return this.priceOn(model, comparable, NO_OPTIONS, false);
  }

  resolve(model: string, at?: Date): ModelPrice | undefined {
    const entry = this.lookup(model);
    return entry && periodAt(entry, timeOf(at)).listing;
  }

  models(): ModelPrice[] {
    return [...this.byId.values()].map((model) => model.periods[model.periods.length - 1]!.listing);
  }
}

/** The shipped catalogue (Groq, then OpenAI) as price-file models. */
const CATALOGUE = [...groqPrices.models, ...openaiPrices.models];

/**
 * A price book: the shipped Groq and OpenAI catalogue, with your overrides applied.
 *
 * @throws {PriceFileError} when an override is not a valid price file.
 */
export function createPriceBook(options: PriceBookOptions = {}): PriceBook {
  const overrides = options.overrides === undefined ? [] : [options.overrides].flat();
  const userModels = overrides.flatMap((file, index) => parsePriceFile(file, `overrides[${index}]`).models);
  return new CataloguePriceBook([...CATALOGUE, ...userModels].map(compileModel));
}

/** The shipped catalogue without overrides. */
export const defaultPriceBook: PriceBook = createPriceBook();

/** Prices a usage on {@link defaultPriceBook}; see {@link PriceBook.price}. */
export function priceUsage(model: string, usage: Usage, options?: PriceOptions): PriceResult {
  return defaultPriceBook.price(model, usage, options);
}
