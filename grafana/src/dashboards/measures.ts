/** Expressions more than one dashboard shows, so that they always agree. */
import { counterGrowth, SERIES, type Series, select, sumBy } from '../promql.js';

/** The sum of a counter's exact growth over `range`, optionally grouped `by` labels. */
export function growth(
  series: Series,
  range: string,
  options: { where?: readonly string[]; by?: readonly string[] } = {},
): string {
  return sumBy(options.by ?? [], counterGrowth(select(series, { where: options.where ?? [] }), range));
}

/** Groq spend over `range` in USD. */
export function spendOver(range: string, where: readonly string[] = []): string {
  return growth(SERIES.cost, range, { where });
}

/** `remaining / limit` per series, leaving out limits of 0 (nothing to divide by). */
export const HEADROOM = `${select(SERIES.rateLimitRemaining)} / (${select(SERIES.rateLimitLimit)} > 0)`;

/** The lowest `remaining / limit` of any model and resource. */
export const LOWEST_HEADROOM = `min(${HEADROOM})`;

/** Average of a histogram's values over `range`: exact growth of `_sum` over growth of `_count`. */
export function mean(series: Series, range: string, where: readonly string[] = []): string {
  const sum = counterGrowth(select(series, { part: '_sum', where }), range);
  const count = counterGrowth(select(series, { part: '_count', where }), range);
  return `${sumBy([], sum)} / ${sumBy([], count)}`;
}

/**
 * Share of the operations with billable usage whose cost is exact over `range`: 1 when every
 * one was priced exactly; partial, stale, unpriced and usage-missing operations lower it.
 */
export function fullyPricedShare(range: string, options: { unfiltered?: boolean } = {}): string {
  const priced = (where: readonly string[]) =>
    sumBy(
      [],
      counterGrowth(select(SERIES.pricedOperations, { where, unfiltered: options.unfiltered }), range),
    );
  return `(${priced(['pricing="exact"'])} or vector(0)) / ${priced([])}`;
}
