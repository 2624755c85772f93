/**
 * The rate window of every forecast: 7 days, as `FORECAST_RATE_WINDOW` of `@groqmeter/grafana`
 * (whose dashboards and alert rules forecast in PromQL with `rate(...[7d])`).
 */
export const FORECAST_RATE_WINDOW_MS = 7 * 86_400_000;

/** A stored reading is kept per this interval at most, so a budget holds at most 1,008 of them. */
const SAMPLE_EVERY_MS = 10 * 60_000;

interface Reading {
  timeMs: number;
  spentUsd: number;
}

/**
 * What a period will have cost when it ends: the spend so far plus the rest of the period at
 * `ratePerSecond`. groqmeter's one definition of a forecast (the PromQL `forecast()` of
 * `@groqmeter/grafana` is the same).
 */
export function forecastSpendUsd(
  spentUsd: number,
  ratePerSecond: number,
  nowMs: number,
  endMs: number,
): number {
  return spentUsd + (ratePerSecond * Math.max(endMs - nowMs, 0)) / 1000;
}

/**
 * Each budget's spend per second over {@link FORECAST_RATE_WINDOW_MS}, from the period-to-date
 * spend it reads: like PromQL's `rate()`, the increase over the readings within the window (a
 * smaller reading is the period starting again from 0) divided by the time they span, so a
 * budget younger than the window is averaged over its own age.
 */
export class SpendRate {
  private readonly readings = new Map<string, Reading[]>();

  /** Records a budget's spend so far in its period. */
  observe(budget: string, spentUsd: number, nowMs: number): void {
    const readings = this.readings.get(budget) ?? [];
    this.readings.set(budget, readings);
    const head = readings[readings.length - 1];
    const beforeHead = readings[readings.length - 2];
    // The latest reading moves along until it is a sampling interval past the one before it.
    if (head && beforeHead && nowMs - beforeHead.timeMs < SAMPLE_EVERY_MS) readings.pop();
    readings.push({ timeMs: nowMs, spentUsd });
    while (readings.length > 2 && (readings[0] as Reading).timeMs < nowMs - FORECAST_RATE_WINDOW_MS)
      readings.shift();
  }

  /** Forgets the budgets not in `names` (removed from the budgets file). */
  keepOnly(names: ReadonlySet<string>): void {
    for (const budget of this.readings.keys()) if (!names.has(budget)) this.readings.delete(budget);
  }

  /** USD per second, or `undefined` before a budget has two readings a moment apart. */
  perSecond(budget: string): number | undefined {
    const readings = this.readings.get(budget) ?? [];
    const first = readings[0];
    const last = readings[readings.length - 1];
    if (!first || !last || last.timeMs <= first.timeMs) return undefined;
    let increase = 0;
    for (let index = 1; index < readings.length; index++) {
      const previous = (readings[index - 1] as Reading).spentUsd;
      const current = (readings[index] as Reading).spentUsd;
      increase += current >= previous ? current - previous : current;
    }
    return increase / ((last.timeMs - first.timeMs) / 1000);
  }
}
