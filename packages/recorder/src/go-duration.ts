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
