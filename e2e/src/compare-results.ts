import type { Expected } from './expected-values.js';

/** One series of a query result: its labels and its value (the last value for range queries). */
export interface ResultValue {
  metric: Record<string, string>;
  value: number;
}

/** Costs are float sums of exact amounts: equal within a billionth of a dollar (or of a token). */
const TOLERANCE = 1e-9;

function close(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= TOLERANCE * Math.max(1, Math.abs(expected));
}

/**
 * The differences between a query result and the expected value, as readable lines; empty when
 * they agree. A `total` is compared with the sum of all series, a `minimum` with the single
 * series, a `by` value series by series (a series missing from the result counts as 0).
 */
export function differences(result: readonly ResultValue[], expected: Expected): string[] {
  switch (expected.kind) {
    case 'total': {
      if (result.length === 0 && expected.value === 0) return [];
      const actual = result.reduce((total, series) => total + series.value, 0);
      return result.length > 0 && close(actual, expected.value)
        ? []
        : [`expected ${expected.value}, got ${actual} from ${result.length} series`];
    }
    case 'minimum': {
      const values = result.map((series) => series.value);
      return values.length === 1 && close(values[0] ?? Number.NaN, expected.value)
        ? []
        : [`expected ${expected.value}, got [${values.join(', ')}]`];
    }
    case 'by': {
      const problems: string[] = [];
      const seen = new Set<string>();
      for (const series of result) {
        const key = expected.labels.map((label) => series.metric[label] ?? '').join('|');
        seen.add(key);
        const want = expected.values.get(key) ?? 0;
        if (!close(series.value, want)) problems.push(`${key}: expected ${want}, got ${series.value}`);
      }
      for (const [key, want] of expected.values) {
        if (!seen.has(key) && want !== 0) problems.push(`${key}: expected ${want}, missing from the result`);
      }
      return problems;
    }
  }
}
