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

const SEGMENT = /(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

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
  SEGMENT.lastIndex = 0;
  while (SEGMENT.lastIndex < rest.length) {
    const match = SEGMENT.exec(rest);
    if (match === null) return undefined;
    seconds += Number(match[1]) * SECONDS_PER_UNIT[match[2]!]!;
  }
  // Summing float parts (179 + 0.56) leaves binary noise; Groq's values have at most 9 decimals.
  return sign * Number(seconds.toFixed(9));
}
