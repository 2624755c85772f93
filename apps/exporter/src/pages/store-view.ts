import type { Family } from '../store/metric-store.js';
import type { Labels } from '../store/series.js';

/** One counter or gauge series, its labels as a record. */
export interface ValuePoint {
  labels: Readonly<Record<string, string>>;
  value: number;
}

/** One histogram series: count, sum and per-bucket (not cumulative) counts over `bounds`. */
export interface HistogramPoint {
  labels: Readonly<Record<string, string>>;
  bounds: readonly number[];
  count: number;
  sum: number;
  /** `bounds.length + 1` counts, the last one above the highest bound. */
  buckets: readonly number[];
}

/**
 * A read-only view of one store snapshot by family name, for the pages: the values `/metrics`
 * serves at the same moment, without going through the exposition text.
 */
export class StoreView {
  private readonly byName: ReadonlyMap<string, Family>;

  constructor(families: readonly Family[]) {
    this.byName = new Map(families.map((family) => [family.name, family]));
  }

  /** Counter or gauge series of a family (none when absent or a histogram). */
  values(name: string): ValuePoint[] {
    const family = this.byName.get(name);
    if (family === undefined || family.kind === 'histogram') return [];
    return [...family.series.values()].map((series) => {
      const value = series.value();
      return { labels: record(series.labels), value: typeof value === 'number' ? value : (value[0] ?? 0) };
    });
  }

  /** Histogram series of a family (none when absent or not a histogram). */
  histograms(name: string): HistogramPoint[] {
    const family = this.byName.get(name);
    if (family === undefined || family.kind !== 'histogram') return [];
    return [...family.series.values()].map((series) => {
      const [count = 0, sum = 0, ...buckets] = series.value();
      return { labels: record(series.labels), bounds: series.bounds, count, sum, buckets };
    });
  }

  /** The sum of a counter or gauge family's series whose labels match `where`. */
  total(name: string, where: Readonly<Record<string, string>> = {}): number {
    return this.values(name)
      .filter((point) => matches(point.labels, where))
      .reduce((sum, point) => sum + point.value, 0);
  }

  /** Sums of a family's matching series grouped by the value of `label` (missing: `""`). */
  totalsBy(name: string, label: string, where: Readonly<Record<string, string>> = {}): Map<string, number> {
    const totals = new Map<string, number>();
    for (const point of this.values(name)) {
      if (!matches(point.labels, where)) continue;
      const key = point.labels[label] ?? '';
      totals.set(key, (totals.get(key) ?? 0) + point.value);
    }
    return totals;
  }
}

/** Whether `labels` has every pair of `where`. */
export function matches(
  labels: Readonly<Record<string, string>>,
  where: Readonly<Record<string, string>>,
): boolean {
  return Object.entries(where).every(([name, value]) => labels[name] === value);
}

function record(labels: Labels): Record<string, string> {
  return Object.fromEntries(labels);
}
