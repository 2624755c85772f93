/** A distribution of timings (or any samples) reduced to what the result tables print. */
export interface Summary {
  count: number;
  median: number;
  p95: number;
}

/** Baseline against instrumented: what the instrumentation costs. */
export interface Comparison {
  baseline: Summary;
  instrumented: Summary;
  /** Instrumented median / baseline median: 1.05 means 5 % slower. */
  ratio: number;
  /** Instrumented median - baseline median, in the samples' unit. */
  added: number;
}

function sorted(values: readonly number[], what: string): number[] {
  if (values.length === 0) {
    throw new RangeError(`${what} of no samples: every benchmark case must measure at least one iteration.`);
  }
  return [...values].sort((a, b) => a - b);
}

/** The middle value; the mean of the two middle values when the count is even. */
export function median(values: readonly number[]): number {
  const ordered = sorted(values, 'median');
  const middle = ordered.length >> 1;
  return ordered.length % 2 === 1 ? ordered[middle]! : (ordered[middle - 1]! + ordered[middle]!) / 2;
}

/**
 * The nearest-rank percentile: the smallest sample that at least `p` % of the samples do not
 * exceed. It is always one of the samples, never an interpolation between two.
 */
export function percentile(values: readonly number[], p: number): number {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}.`);
  const ordered = sorted(values, `p${p}`);
  return ordered[Math.ceil((p / 100) * ordered.length) - 1]!;
}

export function summarize(values: readonly number[]): Summary {
  return { count: values.length, median: median(values), p95: percentile(values, 95) };
}

export function compare(baseline: readonly number[], instrumented: readonly number[]): Comparison {
  const base = summarize(baseline);
  const instr = summarize(instrumented);
  return {
    baseline: base,
    instrumented: instr,
    ratio: instr.median / base.median,
    added: instr.median - base.median,
  };
}
