/**
 * Exact decimals as a whole number of units and a power-of-ten scale: `{ units: 375n, scale: 4 }`
 * is 0.0375. Prices, USD amounts and audio seconds pass through here so that nothing is ever read
 * through a binary float.
 */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

const PLAIN_DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;
const NUMBER_TEXT = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;

/** Parses `123`, `0.0375` or `-1.5`; anything else (exponents, spaces, `+`, `.5`) gives `undefined`. */
export function parseDecimal(text: string): Decimal | undefined {
  const match = PLAIN_DECIMAL.exec(text);
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = ''] = match;
  return { units: BigInt(`${sign}${whole}${fraction}`), scale: fraction.length };
}

/**
 * The decimal a finite number prints as (its shortest round-trip form, e.g. `0.1` for 0.1 and
 * `1e-7` for 1e-7), which is the value a person typed or a JSON document carried, not the binary
 * float nearest to it.
 */
export function decimalFromNumber(value: number): Decimal {
  const match = NUMBER_TEXT.exec(String(value));
  if (!match) throw new RangeError(`expected a finite number, got ${String(value)}`);
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  const units = BigInt(`${sign}${whole}${fraction}`);
  const scale = fraction.length - Number(exponent);
  return scale >= 0 ? { units, scale } : { units: units * 10n ** BigInt(-scale), scale: 0 };
}

/** `numerator / denominator` rounded towards positive infinity (both positive or zero numerator). */
export function divideRoundingUp(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  return quotient * denominator === numerator ? quotient : quotient + 1n;
}

const POWERS_OF_TEN = Array.from({ length: 40 }, (_, exponent) => 10n ** BigInt(exponent));

/** 10 to the power `exponent`, as a bigint (the usual ones from a table: this runs per priced line). */
export function powerOfTen(exponent: number): bigint {
  return POWERS_OF_TEN[exponent] ?? 10n ** BigInt(exponent);
}
