/**
 * Formats a duration the way Go's `time.Duration.String()` does, which is what Groq sends in
 * `x-ratelimit-reset-*` and in rate-limit messages: `7.66s`, `2m59.56s`, `1s`, `6m0s`, `1h0m0s`,
 * `250ms`, `0s`. The value is rounded to whole milliseconds first, so float noise never shows.
 *
 * @param seconds a finite, non-negative number of seconds
 */
export function formatGoDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new RangeError(
      `formatGoDuration: expected a finite number of seconds >= 0, got ${seconds}. Clamp negative waits to 0 before formatting.`,
    );
  }
  const totalMs = Math.round(seconds * 1000);
  if (totalMs === 0) return '0s';
  if (totalMs < 1000) return `${totalMs}ms`;
  const hours = Math.floor(totalMs / 3_600_000);
  const minutes = Math.floor((totalMs % 3_600_000) / 60_000);
  const secondsPart = formatSecondsWithFraction(totalMs % 60_000);
  if (hours > 0) return `${hours}h${minutes}m${secondsPart}s`;
  if (minutes > 0) return `${minutes}m${secondsPart}s`;
  return `${secondsPart}s`;
}

function formatSecondsWithFraction(ms: number): string {
  const whole = Math.floor(ms / 1000);
  const fraction = ms % 1000;
  if (fraction === 0) return String(whole);
  return `${whole}.${String(fraction).padStart(3, '0').replace(/0+$/, '')}`;
}
