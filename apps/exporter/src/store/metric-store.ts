import { GaugeSeries, type Labels, MonotonicSeries } from './series.js';

/**
 * How a family aggregates: `counter` and `histogram` sum monotonic contributions, `gauge` keeps
 * the latest value, `updown` (non-monotonic sums) sums the senders' current values.
 */
export type MonotonicKind = 'counter' | 'histogram';
export type GaugeKind = 'gauge' | 'updown';

interface FamilyBase {
  /** The Prometheus family name (`groq_cost_usd_total`). */
  readonly name: string;
  help: string;
}

export interface MonotonicFamily extends FamilyBase {
  readonly kind: MonotonicKind;
  readonly series: Map<string, MonotonicSeries>;
  /**
   * The bucket bounds of the family's latest new series: series with equal bounds hold this one
   * array rather than a copy each (all series of an instrument usually share its bounds).
   */
  sharedBounds: readonly number[];
}

export interface GaugeFamily extends FamilyBase {
  readonly kind: GaugeKind;
  readonly series: Map<string, GaugeSeries>;
}

export type Family = MonotonicFamily | GaugeFamily;

/** Why a point could not be stored. */
export type StoreRefusal = 'type_conflict' | 'series_cap' | 'bucket_mismatch';

export interface MetricStoreOptions {
  /** Distinct label sets per family before new ones are refused. */
  seriesCap: number;
  /** A sender silent for this long no longer counts as alive. */
  staleAfterMs: number;
}

/**
 * Every series the exporter serves, keyed by Prometheus family name and label set, with the
 * contributions of each sender. Series made by the exporter itself (`exempt`) bypass the series
 * cap; their contributions never go stale.
 */
export class MetricStore {
  private readonly families = new Map<string, Family>();

  constructor(readonly options: MetricStoreOptions) {}

  /** The counter or histogram family of that name, or `type_conflict` if it is another kind. */
  monotonicFamily(name: string, kind: MonotonicKind, help: string): MonotonicFamily | 'type_conflict' {
    const existing = this.families.get(name);
    if (existing)
      return existing.kind === kind ? (adoptHelp(existing, help) as MonotonicFamily) : 'type_conflict';
    const family: MonotonicFamily = { name, kind, help, series: new Map(), sharedBounds: [] };
    this.families.set(name, family);
    return family;
  }

  /** The gauge family of that name, or `type_conflict` if it is another kind. */
  gaugeFamily(name: string, kind: GaugeKind, help: string): GaugeFamily | 'type_conflict' {
    const existing = this.families.get(name);
    if (existing)
      return existing.kind === kind ? (adoptHelp(existing, help) as GaugeFamily) : 'type_conflict';
    const family: GaugeFamily = { name, kind, help, series: new Map() };
    this.families.set(name, family);
    return family;
  }

  /**
   * The series of a counter or histogram family for a label set, created when new and under the
   * cap. Histogram series keep the bucket bounds of their first point.
   */
  monotonicSeries(
    family: MonotonicFamily,
    labels: Labels,
    bounds: readonly number[] = [],
    exempt = false,
  ): MonotonicSeries | StoreRefusal {
    const key = labelsKey(labels);
    const existing = family.series.get(key);
    if (existing) return sameBounds(existing.bounds, bounds) ? existing : 'bucket_mismatch';
    if (!exempt && family.series.size >= this.options.seriesCap) return 'series_cap';
    const width = family.kind === 'counter' ? 1 : bounds.length + 3;
    if (!sameBounds(family.sharedBounds, bounds)) family.sharedBounds = bounds;
    const created = new MonotonicSeries(labels, width, family.sharedBounds);
    family.series.set(key, created);
    return created;
  }

  /** The series of a gauge family for a label set, created when new and under the cap. */
  gaugeSeries(family: GaugeFamily, labels: Labels, exempt = false): GaugeSeries | 'series_cap' {
    const key = labelsKey(labels);
    const existing = family.series.get(key);
    if (existing) return existing;
    if (!exempt && family.series.size >= this.options.seriesCap) return 'series_cap';
    const created = new GaugeSeries(labels, family.kind === 'gauge' ? 'last' : 'sum');
    family.series.set(key, created);
    return created;
  }

  /** Removes every series of a family (used for data the exporter replaces wholesale). */
  clearFamily(name: string): void {
    this.families.get(name)?.series.clear();
  }

  /**
   * Expires what has been silent for longer than `staleAfterMs`: gauge senders and, once all of
   * a series' senders are silent, the series itself. Empty families go too.
   *
   * @returns how many series were removed.
   */
  sweep(nowMs: number): number {
    const cutoffMs = nowMs - this.options.staleAfterMs;
    let removed = 0;
    for (const family of this.families.values()) {
      for (const [key, series] of family.series) {
        if (!series.sweep(cutoffMs)) {
          family.series.delete(key);
          removed++;
        }
      }
      if (family.series.size === 0) this.families.delete(family.name);
    }
    return removed;
  }

  /** Families with at least one series, sorted by name. */
  snapshot(): Family[] {
    return [...this.families.values()]
      .filter((family) => family.series.size > 0)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  seriesCount(): number {
    let count = 0;
    for (const family of this.families.values()) count += family.series.size;
    return count;
  }
}

function adoptHelp(family: Family, help: string): Family {
  if (family.help === '' && help !== '') family.help = help;
  return family;
}

function sameBounds(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((bound, index) => bound === b[index]);
}

/** The identity of a label set within a family. */
export function labelsKey(labels: Labels): string {
  return JSON.stringify(labels);
}
