import type { PriceFileModel, PriceFilePrice } from './price-file.js';
import { compileRate, type Rate } from './rates.js';
import type { ModelPrice, PricePeriod, UnitPrice } from './types.js';

/** The `effectiveFrom` of prices whose start is not known: they apply since the model's launch. */
export const SINCE_LAUNCH = '1970-01-01';

/**
 * The token rates of one way of serving a request (list, batch, a discounted service tier),
 * resolved when the book is built: the cached rate is already the one billed (the cached price,
 * or the input price where there is none or where a batch does not stack with caching).
 */
export interface TokenPlan {
  readonly input: Rate | undefined;
  readonly cachedInput: Rate | undefined;
  readonly audioInput: Rate | undefined;
  readonly output: Rate | undefined;
  readonly audioOutput: Rate | undefined;
}

/** One price period, ready to bill. */
export interface CompiledPeriod {
  /** Start of the period, ms since epoch (UTC midnight of `effectiveFrom`). */
  readonly fromMs: number;
  /** The entry as {@link PriceBook.resolve} shows it while this period is in force. */
  readonly listing: ModelPrice;
  /** Money per billing unit by price key (tools are looked up here). */
  readonly rates: ReadonlyMap<string, Rate>;
  /** Token rates at list price. */
  readonly listTokens: TokenPlan;
  /** Token rates of a batch request; `undefined` when the model has no batch price. */
  readonly batchTokens: TokenPlan | undefined;
  /** Token rates of the service tiers that have a discount (OpenAI's `flex`), by tier. */
  readonly tierTokens: ReadonlyMap<string, TokenPlan>;
  readonly audio: Rate | undefined;
  readonly speech: Rate | undefined;
}

/** A catalogue or price-file model, ready to bill. */
export interface CompiledModel {
  readonly id: string;
  readonly provider: string;
  readonly aliases: readonly string[];
  readonly retiredOn: string | undefined;
  /** UTC midnight of `retiredOn`: usage from then on is priced at the last period and flagged stale. */
  readonly retiredMs: number | undefined;
  /** `undefined` when the prices apply to every service tier. */
  readonly serviceTiers: ReadonlySet<string> | undefined;
  /** The audio minimum in whole milliseconds (0 when none). */
  readonly audioMinimumMs: number;
  /** Oldest first; the first one also prices usage before its start. */
  readonly periods: readonly CompiledPeriod[];
}

/** Price keys billed per token, which the batch and tier discounts apply to. */
export const TOKEN_PRICE_KEYS: readonly string[] = [
  'input',
  'cached_input',
  'output',
  'audio_input',
  'audio_output',
];

function utcMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function unitPrice(price: PriceFilePrice, effectiveFrom: string): UnitPrice {
  const result: UnitPrice = {
    usd: price.usd,
    per: price.per,
    source: price.source ?? 'price file',
    date: price.date ?? effectiveFrom,
  };
  if (price.unconfirmed) result.unconfirmed = true;
  return result;
}

function compileRates(prices: Record<string, PriceFilePrice>, percentOff: number): Map<string, Rate> {
  const rates = new Map<string, Rate>();
  for (const [key, price] of Object.entries(prices)) {
    const rate = compileRate(price.usd, price.per, percentOff, price.unconfirmed === true);
    if (!rate) {
      throw new RangeError(
        `price ${key} = ${price.usd} per ${price.per} is not exact; validate it with parsePriceFile`,
      );
    }
    rates.set(key, rate);
  }
  return rates;
}

/** The token rates billed from `rates`; `cachedAtInput`: cached tokens pay the input rate (a batch that does not stack with caching). */
function tokenPlan(rates: ReadonlyMap<string, Rate>, cachedAtInput: boolean): TokenPlan {
  const input = rates.get('input');
  return {
    input,
    cachedInput: cachedAtInput ? input : (rates.get('cached_input') ?? input),
    audioInput: rates.get('audio_input'),
    output: rates.get('output'),
    audioOutput: rates.get('audio_output'),
  };
}

function discountProvenance(
  discount: { source?: string; date?: string; unconfirmed?: boolean },
  model: PriceFileModel,
): { source: string; date: string; unconfirmed?: true } {
  return {
    source: discount.source ?? 'price file',
    date: discount.date ?? model.effectiveFrom ?? SINCE_LAUNCH,
    ...(discount.unconfirmed ? { unconfirmed: true } : {}),
  };
}

/** The entry as listed while `period` is in force, keys in the order of the price-file format. */
function listingOf(model: PriceFileModel, period: PricePeriod, history: PricePeriod[]): ModelPrice {
  const batch = model.batch && {
    percentOff: model.batch.percentOff,
    ...(model.batch.stacksWithCaching ? { stacksWithCaching: true } : {}),
    ...discountProvenance(model.batch, model),
  };
  const tiers = model.serviceTierDiscounts;
  const tierDiscounts =
    tiers &&
    Object.fromEntries(
      Object.entries(tiers).map(([tier, discount]) => [
        tier,
        { percentOff: discount.percentOff, ...discountProvenance(discount, model) },
      ]),
    );
  return {
    id: model.id,
    provider: model.provider,
    aliases: model.aliases ?? [],
    effectiveFrom: period.effectiveFrom,
    ...(model.retiredOn ? { retiredOn: model.retiredOn } : {}),
    prices: period.prices,
    ...(history.length > 0 ? { history } : {}),
    ...(batch ? { batch } : {}),
    ...(tierDiscounts ? { serviceTierDiscounts: tierDiscounts } : {}),
    ...(model.serviceTiers ? { serviceTiers: model.serviceTiers } : {}),
    ...(model.audioMinimumSeconds === undefined ? {} : { audioMinimumSeconds: model.audioMinimumSeconds }),
    ...(model.notes ? { notes: model.notes } : {}),
  };
}

/**
 * Turns a validated price-file model into exact rates per period, and the {@link ModelPrice}
 * listing of each period.
 */
export function compileModel(model: PriceFileModel): CompiledModel {
  const periods = [
    ...(model.history ?? []),
    { effectiveFrom: model.effectiveFrom ?? SINCE_LAUNCH, prices: model.prices },
  ].map((period) => ({
    effectiveFrom: period.effectiveFrom,
    filePrices: period.prices,
    prices: Object.fromEntries(
      Object.entries(period.prices).map(([key, price]) => [key, unitPrice(price, period.effectiveFrom)]),
    ),
  }));

  const compiled = periods.map((period, index): CompiledPeriod => {
    const history = periods.slice(0, index).map(({ effectiveFrom, prices }) => ({ effectiveFrom, prices }));
    const tokenPrices = Object.fromEntries(
      Object.entries(period.filePrices).filter(([key]) => TOKEN_PRICE_KEYS.includes(key)),
    );
    const tierTokens = new Map(
      Object.entries(model.serviceTierDiscounts ?? {}).map(([tier, discount]) => [
        tier,
        tokenPlan(compileRates(tokenPrices, discount.percentOff), false),
      ]),
    );
    const rates = compileRates(period.filePrices, 0);
    const batch = model.batch;
    return {
      fromMs: utcMidnight(period.effectiveFrom),
      listing: deepFreeze(structuredClone(listingOf(model, period, history))),
      rates,
      listTokens: tokenPlan(rates, false),
      batchTokens: batch
        ? tokenPlan(compileRates(tokenPrices, batch.percentOff), batch.stacksWithCaching !== true)
        : undefined,
      tierTokens,
      audio: rates.get('audio'),
      speech: rates.get('speech'),
    };
  });

  return {
    id: model.id,
    provider: model.provider,
    aliases: Object.freeze([...(model.aliases ?? [])]),
    retiredOn: model.retiredOn,
    retiredMs: model.retiredOn ? utcMidnight(model.retiredOn) : undefined,
    serviceTiers: model.serviceTiers ? new Set(model.serviceTiers) : undefined,
    audioMinimumMs: Math.round((model.audioMinimumSeconds ?? 0) * 1000),
    periods: compiled,
  };
}
