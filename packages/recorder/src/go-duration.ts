/** Seconds per Go duration unit; `µ` (micro sign) and `μ` (Greek mu) are both accepted, as Go does. */
const SECONDS_PER_UNIT: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  μs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const DOT = 46;

function isDigit(code: number): boolean {
  return code >= DIGIT_0 && code <= DIGIT_9;
}

/** End of the number at `start` (`\d+\.?\d*` or `\.\d+`), or -1 when there is none. */
function numberEnd(text: string, start: number): number {
  let index = start;
  while (index < text.length && isDigit(text.charCodeAt(index))) index++;
  const wholeDigits = index - start;
  if (index < text.length && text.charCodeAt(index) === DOT) {
    index++;
    const fractionStart = index;
    while (index < text.length && isDigit(text.charCodeAt(index))) index++;
    if (wholeDigits === 0 && index === fractionStart) return -1;
  }
  return wholeDigits === 0 && index === start ? -1 : index;
}

/** The unit at `start`: the two-character ones first, so `ms` is not read as `m` then `s`. */
function unitAt(text: string, start: number): string | undefined {
  const two = text.slice(start, start + 2);
  if (two.length === 2 && SECONDS_PER_UNIT[two] !== undefined) return two;
  const one = text.charAt(start);
  return one === 's' || one === 'm' || one === 'h' ? one : undefined;
}

/**
 * Parse a Go `time.Duration` string, as Groq sends in `x-ratelimit-reset-*`, into seconds:
 * `7.66s` → 7.66, `2m59.56s` → 179.56, `1h2m3s` → 3723, `500ms` → 0.5, `6m0s` → 360. A leading
 * sign is allowed and `0` alone is zero, as in Go. Anything else (empty, missing unit, unknown
 * unit, stray characters) gives `undefined`.
 */
export function parseGoDuration(text: string): number | undefined {
  return exactSeconds(text) ?? scannedSeconds(text);
}

/** Nanoseconds per unit of the exact path (`ns`, `us` and the rest go the general way). */
const NANOS_PER_SECOND = 1e9;
const NANOS_PER_MINUTE = 6e10;
const NANOS_PER_HOUR = 3.6e12;
const NANOS_PER_MILLISECOND = 1e6;
const LOWER_S = 115;
const LOWER_M = 109;
const LOWER_H = 104;
const MAX_FRACTION_DIGITS = 9;
const MAX_WHOLE_DIGITS = 15;
const POWERS_OF_TEN = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
/**
 * 10^5 s (about 28 h) in nanoseconds. Below it a sum of a few float parts is within 10^-10 of its
 * decimal value, so rounding it to 9 decimals gives that value exactly, and the nearest double
 * to it is the quotient of whole nanoseconds by 10^9: both paths give the same number.
 */
const EXACT_NANOS_LIMIT = 1e14;

/**
 * Groq's usual shapes (`7.66s`, `2m59.56s`, `120ms`), without sign or spaces, read as whole
 * nanoseconds: no slices, no lookup by unit string and no `toFixed` (this runs twice per Groq
 * response). `undefined` for anything else, which {@link scannedSeconds} then reads.
 */
function exactSeconds(text: string): number | undefined {
  const length = text.length;
  if (length === 0) return undefined;
  let nanos = 0;
  let index = 0;
  while (index < length) {
    let code = text.charCodeAt(index);
    let whole = 0;
    let wholeDigits = 0;
    while (isDigit(code)) {
      whole = whole * 10 + (code - DIGIT_0);
      wholeDigits++;
      code = text.charCodeAt(++index);
    }
    let fraction = 0;
    let fractionDigits = 0;
    if (code === DOT) {
      code = text.charCodeAt(++index);
      while (isDigit(code)) {
        fraction = fraction * 10 + (code - DIGIT_0);
        fractionDigits++;
        code = text.charCodeAt(++index);
      }
    }
    if (wholeDigits + fractionDigits === 0) return undefined;
    if (wholeDigits > MAX_WHOLE_DIGITS || fractionDigits > MAX_FRACTION_DIGITS) return undefined;
    let unitNanos: number;
    if (code === LOWER_S) unitNanos = NANOS_PER_SECOND;
    else if (code === LOWER_H) unitNanos = NANOS_PER_HOUR;
    else if (code === LOWER_M) {
      if (text.charCodeAt(index + 1) === LOWER_S) {
        unitNanos = NANOS_PER_MILLISECOND;
        index++;
      } else unitNanos = NANOS_PER_MINUTE;
    } else return undefined;
    index++;
    // Whole nanoseconds only: a fraction finer than the unit allows (`1.2345678ms`) goes the general way.
    const fractionScale = unitNanos / POWERS_OF_TEN[fractionDigits]!;
    if (!Number.isInteger(fractionScale)) return undefined;
    nanos += whole * unitNanos + fraction * fractionScale;
    if (nanos >= EXACT_NANOS_LIMIT) return undefined;
  }
  return nanos / NANOS_PER_SECOND;
}

/** Any Go duration, scanned part by part as floats and rounded to 9 decimals. */
function scannedSeconds(text: string): number | undefined {
  let rest = text.trim();
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest.length === 0) return undefined;
  let seconds = 0;
  // A scan by hand rather than a sticky regex: this runs on every Groq response.
  let index = 0;
  while (index < rest.length) {
    const end = numberEnd(rest, index);
    if (end < 0) return undefined;
    const unit = unitAt(rest, end);
    if (unit === undefined) return undefined;
    seconds += Number(rest.slice(index, end)) * SECONDS_PER_UNIT[unit]!;
    index = end + unit.length;
  }
  // Summing float parts (179 + 0.56) leaves binary noise; Groq's values have at most 9 decimals.
  return sign * Number(seconds.toFixed(9));
}
