import { labelValueIn, scopeMatchesText } from '../prometheus/label-in-text.js';
import type { Family } from '../store/metric-store.js';
import type { GaugeSeries, MonotonicSeries } from '../store/series.js';

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
 *
 * A point's `labels` are parsed from the series' label text only when read, and totals and
 * filters read the labels they need from the text: the history samples every 10 seconds
 * families of up to every series the store holds, and a record per series made each sample a
 * few hundred MB of garbage at 100,000 series.
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
    return [...family.series.values()].map((series) => ({
      get labels() {
        return Object.fromEntries(series.labels);
      },
      value: scalar(series.value()),
    }));
  }

  /** Histogram series of a family whose labels match `where` (none when absent or not a histogram). */
  histograms(name: string, where: Readonly<Record<string, string>> = {}): HistogramPoint[] {
    const family = this.byName.get(name);
    if (family === undefined || family.kind !== 'histogram') return [];
    const points: HistogramPoint[] = [];
    for (const series of family.series.values()) {
      if (!scopeMatchesText(where, series.labelText)) continue;
      const [count = 0, sum = 0, ...buckets] = series.value();
      points.push({
        get labels() {
          return Object.fromEntries(series.labels);
        },
        bounds: series.bounds,
        count,
        sum,
        buckets,
      });
    }
    return points;
  }

  /** The sum of a counter or gauge family's series whose labels match `where`. */
  total(name: string, where: Readonly<Record<string, string>> = {}): number {
    let sum = 0;
    for (const series of this.valueSeries(name))
      if (scopeMatchesText(where, series.labelText)) sum += scalar(series.value());
    return sum;
  }

  /** Sums of a family's matching series grouped by the value of `label` (missing: `""`). */
  totalsBy(name: string, label: string, where: Readonly<Record<string, string>> = {}): Map<string, number> {
    const totals = new Map<string, number>();
    for (const series of this.valueSeries(name)) {
      if (!scopeMatchesText(where, series.labelText)) continue;
      const key = labelValueIn(series.labelText, label) ?? '';
      totals.set(key, (totals.get(key) ?? 0) + scalar(series.value()));
    }
    return totals;
  }

  private valueSeries(name: string): Iterable<MonotonicSeries | GaugeSeries> {
    const family = this.byName.get(name);
    if (family === undefined || family.kind === 'histogram') return [];
    return family.series.values();
  }
}

/** A counter's or gauge's value: its first element when stored as a vector. */
function scalar(value: number | readonly number[]): number {
  return typeof value === 'number' ? value : (value[0] ?? 0);
}
