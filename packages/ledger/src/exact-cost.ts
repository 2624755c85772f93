import {
  type BaselineOperation,
  formatUsd,
  type Money,
  type PriceBook,
  parseUsd,
  type Usage,
} from '@groqmeter/pricing';

/** Decimals of the recorder's `groq.cost.usd` and `groq.cost.baseline.usd`. */
export const SPAN_USD_DECIMALS = 12;

const BASELINE_OPERATIONS: ReadonlySet<string> = new Set<BaselineOperation>([
  'chat',
  'transcription',
  'translation',
  'speech',
]);

/** The cost facts of a span, as the recorder wrote them. */
export interface SpanCost {
  operation: string;
  requestModel: string | null;
  responseModel: string | null;
  usage: Usage;
  serviceTier: string | null;
  batch: boolean;
  at: Date;
  /** Who served it: re-priced on that provider's entries only. */
  provider: string;
  /** `groq.cost.usd`, rounded to 12 decimals by the recorder. */
  costUsd: Money | null;
  /** `groq.cost.quanta`: exact. Spans of recorders older than this attribute lack it. */
  costQuanta: Money | null;
  baselineUsd: Money | null;
  baselineQuanta: Money | null;
  baselineModel: string | null;
}

/** How an exact cost is found; baselines without a model in the catalogue are left to the price book's default. */
export interface CostPricing {
  priceBook: PriceBook;
  baselines: Partial<Record<BaselineOperation, string>>;
}

export interface LedgerCost {
  costQuanta: Money | null;
  costExact: boolean | null;
  baselineModel: string | null;
  baselineCostQuanta: Money | null;
}

/** `amount` as the recorder writes it: rounded half away from zero to 12 decimals. */
function roundedAsOnSpan(amount: Money): Money {
  return parseUsd(formatUsd(amount, SPAN_USD_DECIMALS));
}

/** The catalogue id the recorder priced: the response model when the catalogue knows it, else the requested one. */
function pricedModel(cost: SpanCost, priceBook: PriceBook): string | null {
  if (cost.responseModel !== null && priceBook.resolve(cost.responseModel, cost.at) !== undefined) {
    return cost.responseModel;
  }
  return cost.requestModel ?? cost.responseModel;
}

/**
 * The exact cost of an operation. A 12-decimal USD string is not always exact: one quantum is
 * 1 / 3.6 × 10¹⁸ USD, and per-millisecond audio and tool prices (e.g. $0.111 per hour) give
 * amounts with endless decimals. So the cost is, in this order: the span's exact quanta
 * (`groq.cost.quanta`); the usage re-priced with the app's price book, when it rounds to the
 * span's `groq.cost.usd` (then it is what the recorder charged, to the quantum); else the span's
 * rounded amount, marked inexact. The baseline cost is found the same way, and its model with it.
 */
export function exactCost(cost: SpanCost, { priceBook, baselines }: CostPricing): LedgerCost {
  let costQuanta: Money | null = cost.costQuanta;
  let costExact: boolean | null = costQuanta === null ? null : true;
  if (costQuanta === null && cost.costUsd !== null) {
    const model = pricedModel(cost, priceBook);
    const price =
      model === null
        ? undefined
        : priceBook.price(model, cost.usage, {
            serviceTier: cost.serviceTier ?? undefined,
            batch: cost.batch,
            at: cost.at,
            provider: cost.provider,
          });
    const repriced = price?.known === true && roundedAsOnSpan(price.total) === cost.costUsd;
    costQuanta = repriced ? price.total : cost.costUsd;
    costExact = repriced;
  }

  let baselineModel = cost.baselineModel;
  let baselineCostQuanta = cost.baselineQuanta;
  if (baselineCostQuanta === null && cost.baselineUsd !== null) {
    baselineCostQuanta = cost.baselineUsd;
    if (BASELINE_OPERATIONS.has(cost.operation)) {
      const operation = cost.operation as BaselineOperation;
      const baseline = priceBook.priceBaseline(operation, cost.usage, baselines[operation]);
      if (baseline.known && roundedAsOnSpan(baseline.total) === cost.baselineUsd) {
        baselineCostQuanta = baseline.total;
        baselineModel = baseline.model;
      }
    }
  }
  return { costQuanta, costExact, baselineModel, baselineCostQuanta };
}
