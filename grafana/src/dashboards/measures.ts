/** Expressions more than one dashboard shows, so that they always agree. */
import { counterGrowth, SERIES, type Series, select, sumBy } from '../promql.js';
import { RANGE } from './range.js';

/** The sum of a counter's exact growth over `range`, optionally grouped `by` labels. */
export function growth(
  series: Series,
  range: string,
  options: { where?: readonly string[]; by?: readonly string[] } = {},
): string {
  return sumBy(options.by ?? [], counterGrowth(select(series, { where: options.where ?? [] }), range));
}

/** Spend over `range` in USD: all AI spend (Groq and OpenAI), narrowed by `where`. */
export function spendOver(range: string, where: readonly string[] = []): string {
  return growth(SERIES.cost, range, { where });
}

/**
 * Matchers of the operations Groq served (series of senders older than the `provider` label were
 * all Groq's, so Groq is "not OpenAI"), and of those still on OpenAI.
 */
export const ON_GROQ = ['provider!="openai"'];
export const ON_OPENAI = ['provider="openai"'];

/** Labels that identify one stream of usage on both the cost and the baseline-cost counters. */
const USAGE_IDENTITY = ['job', 'instance', 'provider', 'model', 'operation', 'feature'];

/**
 * Realized savings over `range`: what the Groq traffic would have cost on its OpenAI baseline
 * minus what it cost on Groq. Built-in tools are left out of the Groq side because the baseline
 * has no price for them; operations without a baseline (embeddings, and everything OpenAI served)
 * drop out of the match.
 */
export function realizedSavings(range: string): string {
  return `sum(${growth(SERIES.baselineCost, range, { by: USAGE_IDENTITY })} - ${growth(SERIES.cost, range, {
    where: ['component!="tool"', ...ON_GROQ],
    by: USAGE_IDENTITY,
  })})`;
}

/** {@link realizedSavings} over the dashboard range. */
export const BASELINE_SAVINGS = realizedSavings(RANGE);

/** Groq's share of a counter's growth over `range` (spend, operations): 0 when nothing ran on Groq. */
export function groqShare(series: Series, range: string): string {
  return `(${growth(series, range, { where: ON_GROQ })} or vector(0)) / ${growth(series, range)}`;
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
