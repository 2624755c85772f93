import { parseDecimal } from './decimal.js';
import { splitHigh } from './exact-double.js';
import { decimalToMoney } from './money.js';
import { type BillingUnit, PRICE_UNITS, type PriceUnit } from './price-units.js';
import type { Money } from './types.js';

/** A price turned into exact money per billing unit (token, millisecond, character, call). */
export interface Rate {
  billing: BillingUnit;
  perUnit: Money;
  /** {@link Rate.perUnit} as a double when it is one exactly, else `NaN` (every product then falls back to bigints). */
  perUnitNumber: number;
  /** The high half of {@link Rate.perUnitNumber}'s Veltkamp split, for the exact-product check. */
  perUnitHigh: number;
  unconfirmed: boolean;
}

/**
 * Money per billing unit for `usd` per `per`, after taking `percentOff` off; `undefined` when the
 * result is not a whole number of quanta (the price has more precision than the quantum carries).
 */
export function compileRate(
  usd: string,
  per: PriceUnit,
  percentOff = 0,
  unconfirmed = false,
): Rate | undefined {
  const decimal = parseDecimal(usd);
  if (!decimal) return undefined;
  const perQuotedUnit = decimalToMoney(decimal);
  if (perQuotedUnit === undefined) return undefined;
  const { billing, size } = PRICE_UNITS[per];
  const numerator = perQuotedUnit * BigInt(100 - percentOff);
  const denominator = size * 100n;
  if (numerator % denominator !== 0n) return undefined;
  const perUnit = numerator / denominator;
  const asNumber = Number(perUnit);
  const perUnitNumber = BigInt(asNumber) === perUnit ? asNumber : Number.NaN;
  return { billing, perUnit, perUnitNumber, perUnitHigh: splitHigh(perUnitNumber), unconfirmed };
}
