/**
 * Exact whole-number arithmetic in doubles, for the costing hot path: a product or sum of whole
 * numbers is used only when it is provably the exact result, else the caller falls back to
 * bigints. A double holds every integer below 2^53 and, above it, those whose odd part fits in 53
 * bits; most costings (amounts up to a few cents, and well beyond when the rate has trailing zero
 * bits, as every per-token rate does) stay exact without a single bigint operation.
 */

/** Veltkamp's splitting factor for doubles: 2^27 + 1. */
const SPLITTER = 134_217_729;

/** The high half of Veltkamp's split of `value`: `value − high` is exact and both have ≤ 26 bits. */
export function splitHigh(value: number): number {
  const scaled = SPLITTER * value;
  return scaled - (scaled - value);
}

/**
 * Whether `product`, the double `a × b` of two whole numbers below 2^1000, is their exact product:
 * Dekker's error-free product gives the rounding error of `a × b` exactly, and it is zero only
 * when nothing was rounded. `bHigh` is {@link splitHigh} of `b` (a rate's, computed once).
 */
export function isExactProduct(a: number, b: number, bHigh: number, product: number): boolean {
  if (product <= Number.MAX_SAFE_INTEGER) return true;
  const aHigh = splitHigh(a);
  const aLow = a - aHigh;
  const bLow = b - bHigh;
  return aHigh * bHigh - product + aHigh * bLow + aLow * bHigh + aLow * bLow === 0;
}

/**
 * `a + b` for exact whole numbers ≥ 0, or `NaN` when the double sum is rounded. With
 * `a ≥ b`, `sum − a` is computed exactly (Sterbenz / Fast2Sum), so the sum is exact iff it gives `b`.
 */
export function exactSum(a: number, b: number): number {
  const sum = a + b;
  if (sum <= Number.MAX_SAFE_INTEGER) return sum;
  return (a >= b ? sum - a === b : sum - b === a) ? sum : Number.NaN;
}

/** Nano-dollars per quantum's divisor: quanta in one nano-dollar (10^-9 USD). */
const QUANTA_PER_NANO_USD = 3_600_000_000;
/** 2^20: the low limb of {@link nanoUsdRoundedHalfUp}, small enough that `remainder × 2^20` stays safe. */
const LIMB = 1_048_576;
/** Above this many quanta the high limb would pass 2^53. */
export const MAX_LIMBED_QUANTA = Number.MAX_SAFE_INTEGER * LIMB;

/**
 * `numerator / QUANTA_PER_NANO_USD` rounded down, for a safe whole numerator: the double
 * division may be off by one either way, and the exact remainder tells which.
 */
function nanoQuotient(numerator: number): number {
  const quotient = Math.floor(numerator / QUANTA_PER_NANO_USD);
  const remainder = numerator - quotient * QUANTA_PER_NANO_USD;
  if (remainder < 0) return quotient - 1;
  return remainder >= QUANTA_PER_NANO_USD ? quotient + 1 : quotient;
}

/**
 * `quanta / 3.6 × 10^9` rounded half up, for an exact whole number of quanta in
 * [0, {@link MAX_LIMBED_QUANTA}]: the nano-dollars `formatUsd` shows. A safe number of quanta (a
 * costing up to about $0.0025, most chat calls) takes one division; above, it is done in two limbs,
 * `quanta = high × 2^20 + low`, so that every intermediate value is a safe integer.
 */
export function nanoUsdRoundedHalfUp(quanta: number): number {
  let units: number;
  let remainder: number;
  if (quanta <= Number.MAX_SAFE_INTEGER) {
    units = nanoQuotient(quanta);
    remainder = quanta - units * QUANTA_PER_NANO_USD;
  } else {
    const high = Math.floor(quanta / LIMB);
    const highQuotient = nanoQuotient(high);
    const lowNumerator = (high - highQuotient * QUANTA_PER_NANO_USD) * LIMB + (quanta - high * LIMB);
    const lowQuotient = nanoQuotient(lowNumerator);
    remainder = lowNumerator - lowQuotient * QUANTA_PER_NANO_USD;
    units = highQuotient * LIMB + lowQuotient;
  }
  return remainder * 2 >= QUANTA_PER_NANO_USD ? units + 1 : units;
}
