import { type Decimal, parseDecimal, powerOfTen } from './decimal.js';
import { MAX_LIMBED_QUANTA, nanoUsdRoundedHalfUp } from './exact-double.js';
import type { Money } from './types.js';

/**
 * How many quanta make one USD: 3.6 × 10^18.
 *
 * Chosen so that every price with up to 9 decimals, over every billing unit the catalogue uses
 * (1M tokens, 1K tokens, an hour or a minute of audio or tool time billed per millisecond, 1M
 * characters, 1K calls), is a whole number of quanta per token, millisecond, character or call,
 * even after any whole-percent discount. The largest unit is an hour of 3.6 × 10^6 ms, so a
 * nano-dollar per hour is 3.6 × 10^9 / 3.6 × 10^6 = 1000 quanta per ms, and 1000 × (100 − p) / 100
 * is whole for every percentage p. Totals are therefore exact sums, and rounding happens only in
 * {@link formatUsd}.
 */
export const QUANTA_PER_USD: bigint = 3_600_000_000_000_000_000n;

/** The fewest decimals a displayed or exported USD amount keeps. */
const MIN_USD_DECIMALS = 9;
/** Quanta in a nano-dollar (10^-9 USD): {@link QUANTA_PER_USD} / 10^9. */
const QUANTA_PER_NANO_USD = 3_600_000_000n;
const QUANTA_PER_NANO_USD_NUMBER = 3_600_000_000;
/** The largest magnitude whose scaling by 10^extra (extra = index) is still a safe integer. */
const SAFE_MAGNITUDE = Array.from(
  { length: 7 },
  (_, extra) => BigInt(Number.MAX_SAFE_INTEGER) / 10n ** BigInt(extra),
);

/** A decimal USD amount in quanta, or `undefined` if it falls between two quanta. */
export function decimalToMoney(amount: Decimal): Money | undefined {
  const scaled = amount.units * QUANTA_PER_USD;
  const divisor = powerOfTen(amount.scale);
  return scaled % divisor === 0n ? scaled / divisor : undefined;
}

/**
 * Parses a decimal USD string (`'0.075'`, `'-12'`) into exact money.
 *
 * @throws {SyntaxError} when the text is not a plain decimal number.
 * @throws {RangeError} when it has more precision than one quantum (1 / 3.6 × 10^18 USD); 17
 *   decimals always fit.
 */
export function parseUsd(decimal: string): Money {
  const parsed = parseDecimal(decimal);
  if (!parsed) {
    throw new SyntaxError(
      `parseUsd: '${decimal}' is not a decimal USD amount; expected digits with an optional sign and decimal point, such as '0.075' or '-12.5'`,
    );
  }
  const money = decimalToMoney(parsed);
  if (money === undefined) {
    throw new RangeError(
      `parseUsd: '${decimal}' is finer than the money quantum (1 USD = ${QUANTA_PER_USD} quanta); round it to at most 17 decimals`,
    );
  }
  return money;
}

/**
 * Formats money as a decimal USD string with `decimals` places (default and minimum 9), rounding
 * half away from zero in integer arithmetic: `formatUsd(parseUsd('0.0375'))` is `'0.037500000'`.
 *
 * @throws {RangeError} when `decimals` is not a whole number of at least 9.
 */
export function formatUsd(amount: Money, decimals: number = MIN_USD_DECIMALS): string {
  if (!Number.isSafeInteger(decimals) || decimals < MIN_USD_DECIMALS) {
    throw new RangeError(
      `formatUsd: decimals must be a whole number of at least ${MIN_USD_DECIMALS} (USD values keep at least ${MIN_USD_DECIMALS} decimals), got ${decimals}`,
    );
  }
  const negative = amount < 0n;
  const magnitude = negative ? -amount : amount;
  const units = roundedUnits(magnitude, decimals - MIN_USD_DECIMALS);
  const digits = units.padStart(decimals + 1, '0');
  const sign = negative && units !== '0' ? '-' : '';
  return `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/** The character codes of `0` and `.`. */
const ZERO = 48;
const DOT = 46;

/**
 * The hundreds digit of a whole number below 1000, by a multiply and a shift instead of a
 * division (`41 / 2^12` is within `1 / 1000` of `1 / 100`; exhaustively tested).
 */
export function hundreds(value: number): number {
  return (value * 41) >>> 12;
}

/** The tens digit of a whole number below 100 (`103 / 2^10` is close enough to `1 / 10`; exhaustively tested). */
export function tens(value: number): number {
  return (value * 103) >>> 10;
}

/**
 * {@link formatUsd} with the default 9 decimals for a whole number of quanta ≥ 0 held exactly in a
 * double, without a bigint operation: the costing hot path sums its lines in doubles when they are
 * exact. The nine decimals are cut into three groups of three by two independent divisions, and
 * each group into digits by multiplies and shifts (a chain of eight divisions by ten cost about
 * as much as the rest); the string is made in one allocation (a `String()` of the fraction and its
 * padding cost about twice as much). Falls back to {@link formatUsd} beyond the range of the
 * two-limb division.
 */
export function formatQuantaUsd(quanta: number): string {
  if (quanta > MAX_LIMBED_QUANTA) return formatUsd(BigInt(quanta));
  const units = nanoUsdRoundedHalfUp(quanta);
  // At most 2.6 × 10^12 nano-dollars: the whole dollars and the fraction are both exact.
  const whole = Math.floor(units / 1e9);
  const fraction = units - whole * 1e9;
  const first = (fraction / 1e6) | 0;
  const thousands = (fraction / 1e3) | 0;
  const second = thousands - first * 1000;
  const third = fraction - thousands * 1000;
  const d1 = hundreds(first);
  const d2 = tens(first - d1 * 100);
  const d3 = first - d1 * 100 - d2 * 10;
  const d4 = hundreds(second);
  const d5 = tens(second - d4 * 100);
  const d6 = second - d4 * 100 - d5 * 10;
  const d7 = hundreds(third);
  const d8 = tens(third - d7 * 100);
  const d9 = third - d7 * 100 - d8 * 10;
  if (whole < 10) {
    return String.fromCharCode(
      ZERO + whole,
      DOT,
      ZERO + d1,
      ZERO + d2,
      ZERO + d3,
      ZERO + d4,
      ZERO + d5,
      ZERO + d6,
      ZERO + d7,
      ZERO + d8,
      ZERO + d9,
    );
  }
  const decimals = String.fromCharCode(
    ZERO + d1,
    ZERO + d2,
    ZERO + d3,
    ZERO + d4,
    ZERO + d5,
    ZERO + d6,
    ZERO + d7,
    ZERO + d8,
    ZERO + d9,
  );
  return `${whole}.${decimals}`;
}

/**
 * `magnitude × 10^extra / QUANTA_PER_NANO_USD` rounded half up, in digits: the units of the last of
 * `9 + extra` decimals. 10^(9 + extra) / QUANTA_PER_USD is 10^extra / QUANTA_PER_NANO_USD exactly,
 * so quotient and remainder are those of the full formula. While the scaled amount stays below
 * 2^53 (single calls, mostly) it is done in doubles, which are exact on whole numbers that small:
 * formatting runs on every priced call.
 */
function roundedUnits(magnitude: bigint, extra: number): string {
  const limit = SAFE_MAGNITUDE[extra];
  if (limit !== undefined && magnitude <= limit) {
    const scaled = Number(magnitude) * 10 ** extra;
    const remainder = scaled % QUANTA_PER_NANO_USD_NUMBER;
    const units = (scaled - remainder) / QUANTA_PER_NANO_USD_NUMBER;
    return String(remainder * 2 >= QUANTA_PER_NANO_USD_NUMBER ? units + 1 : units);
  }
  const scaled = magnitude * powerOfTen(extra);
  const units = scaled / QUANTA_PER_NANO_USD;
  return String((scaled % QUANTA_PER_NANO_USD) * 2n >= QUANTA_PER_NANO_USD ? units + 1n : units);
}

/**
 * Money as a JavaScript number of USD, for metric values. Whole dollars and the fraction are
 * converted separately, so the result is the nearest double for any realistic amount.
 */
export function toUsdNumber(amount: Money): number {
  const whole = amount / QUANTA_PER_USD;
  const fraction = amount % QUANTA_PER_USD;
  return Number(whole) + Number(fraction) / Number(QUANTA_PER_USD);
}
