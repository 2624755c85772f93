import { labelBytes, labelText } from '../prometheus/label-text.js';
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

/** Why a family could not be made or used. */
export type FamilyRefusal = 'type_conflict' | 'name_collision' | 'family_cap';
/** Why a point could not be stored. */
export type StoreRefusal = FamilyRefusal | 'series_cap' | 'bucket_mismatch' | 'exposition_cap' | 'stream_cap';

export interface MetricStoreOptions {
  /** Distinct label sets per family before new ones are refused. */
  seriesCap: number;
  /** A sender silent for this long no longer counts as alive. */
  staleAfterMs: number;
  /** Distinct families before new ones are refused (the exporter's own are exempt). */
  maxFamilies?: number;
  /** Distinct streams (senders, start times, colliding OTLP streams) per series before new ones are refused. */
  maxStreamsPerSeries?: number;
  /**
   * When the store started (ms since the epoch): a cumulative run that began before it brings in a
   * total counted before, which {@link MonotonicSeries.carriedIn} keeps apart. Without it, every
   * total counts as received.
   */
  startedAtMs?: number;
  /**
   * An estimate, in bytes, of the whole exposition past which new series are refused: it keeps
   * every scrape well under what one string can hold, whatever the shape of the label sets.
   */
  maxExpositionBytes?: number;
}

/** Defaults of the optional {@link MetricStoreOptions}. */
export const STORE_LIMIT_DEFAULTS = {
  maxFamilies: 2000,
  maxStreamsPerSeries: 1024,
  maxExpositionBytes: 64 * 1024 * 1024,
} as const;

/** Bytes of one sample line beyond its labels: name, braces, value, newline. */
const LINE_OVERHEAD_BYTES = 32;

/**
 * Every series the exporter serves, keyed by Prometheus family name and label set, with the
 * contributions of each sender. Series made by the exporter itself (`exempt`) bypass the caps;
 * their contributions never go stale.
 *
 * Each family claims every name its samples are written under in either exposition format
 * (a counter `x_total` also `x`; a histogram `h` also `h_bucket`, `h_sum`, `h_count`): a later
 * family claiming a taken name is refused, so the exposition never holds two families of one
 * name nor a sample that reads as another family's.
 */
export class MetricStore {
  private readonly families = new Map<string, Family>();
  /** Families the exporter made itself: not counted against the family cap. */
  private readonly exemptFamilies = new Set<string>();
  /** Exposition names claimed, by the family that claims them. */
  private readonly claims = new Map<string, string>();
  private expositionBytes = 0;
  readonly limits: Required<Pick<MetricStoreOptions, keyof typeof STORE_LIMIT_DEFAULTS>>;
  /** {@link MetricStoreOptions.startedAtMs} in ns, or a time before every point. */
  readonly startedAtNs: bigint;

  constructor(readonly options: MetricStoreOptions) {
    this.startedAtNs = options.startedAtMs === undefined ? -1n : BigInt(options.startedAtMs) * 1_000_000n;
    this.limits = {
      maxFamilies: options.maxFamilies ?? STORE_LIMIT_DEFAULTS.maxFamilies,
      maxStreamsPerSeries: options.maxStreamsPerSeries ?? STORE_LIMIT_DEFAULTS.maxStreamsPerSeries,
      maxExpositionBytes: options.maxExpositionBytes ?? STORE_LIMIT_DEFAULTS.maxExpositionBytes,
    };
  }

  /** The counter or histogram family of that name, or why it cannot be had. */
  monotonicFamily(
    name: string,
    kind: MonotonicKind,
    help: string,
    exempt = false,
  ): MonotonicFamily | FamilyRefusal {
    const existing = this.families.get(name);
    if (existing)
      return existing.kind === kind ? (adoptHelp(existing, help) as MonotonicFamily) : 'type_conflict';
    const refusal = this.admitFamily(name, kind, exempt);
    if (refusal) return refusal;
    const family: MonotonicFamily = { name, kind, help, series: new Map(), sharedBounds: [] };
    this.addFamily(family, exempt);
    return family;
  }

  /** The gauge family of that name, or why it cannot be had. */
  gaugeFamily(name: string, kind: GaugeKind, help: string, exempt = false): GaugeFamily | FamilyRefusal {
    const existing = this.families.get(name);
    if (existing)
      return existing.kind === kind ? (adoptHelp(existing, help) as GaugeFamily) : 'type_conflict';
    const refusal = this.admitFamily(name, kind, exempt);
    if (refusal) return refusal;
    const family: GaugeFamily = { name, kind, help, series: new Map() };
    this.addFamily(family, exempt);
    return family;
  }

  /**
   * The series of a counter or histogram family for a label set, created when new and under the
   * caps. Histogram series keep the bucket bounds of their first point.
   */
  monotonicSeries(
    family: MonotonicFamily,
    labels: Labels,
    bounds: readonly number[] = [],
    exempt = false,
  ): MonotonicSeries | StoreRefusal {
    return this.monotonicSeriesOf(family, labelText(labels), labelBytes(labels), bounds, exempt);
  }

  /**
   * {@link monotonicSeries} for a label set already rendered (see `label-text.ts`), with its
   * `labelBytes` estimate: what ingest uses, so that a point costs one lookup of its text.
   */
  monotonicSeriesOf(
    family: MonotonicFamily,
    text: string,
    bytes: number,
    bounds: readonly number[] = [],
    exempt = false,
  ): MonotonicSeries | StoreRefusal {
    const existing = family.series.get(text);
    if (existing) return sameBounds(existing.bounds, bounds) ? existing : 'bucket_mismatch';
    // Also the sample lines of the series: one, or the buckets, `_sum` and `_count`.
    const width = family.kind === 'counter' ? 1 : bounds.length + 3;
    const refusal = this.admitSeries(family, bytes, width, exempt);
    if (refusal) return refusal;
    if (!sameBounds(family.sharedBounds, bounds)) family.sharedBounds = bounds;
    const created = new MonotonicSeries(text, width, family.sharedBounds, this.streamCap(exempt));
    family.series.set(text, created);
    return created;
  }

  /** The series of a gauge family for a label set, created when new and under the caps. */
  gaugeSeries(family: GaugeFamily, labels: Labels, exempt = false): GaugeSeries | StoreRefusal {
    return this.gaugeSeriesOf(family, labelText(labels), labelBytes(labels), exempt);
  }

  /** {@link gaugeSeries} for a label set already rendered, as {@link monotonicSeriesOf}. */
  gaugeSeriesOf(
    family: GaugeFamily,
    text: string,
    bytes: number,
    exempt = false,
  ): GaugeSeries | StoreRefusal {
    const existing = family.series.get(text);
    if (existing) return existing;
    const refusal = this.admitSeries(family, bytes, 1, exempt);
    if (refusal) return refusal;
    const mode = family.kind === 'gauge' ? 'last' : 'sum';
    const created = new GaugeSeries(text, mode, this.streamCap(exempt));
    family.series.set(text, created);
    return created;
  }

  /** Removes every series of a family (used for data the exporter replaces wholesale). */
  clearFamily(name: string): void {
    const family = this.families.get(name);
    if (!family) return;
    for (const series of family.series.values()) this.expositionBytes -= seriesBytes(family, series);
    family.series.clear();
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
          this.expositionBytes -= seriesBytes(family, series);
          removed++;
        }
      }
      if (family.series.size === 0) this.removeFamily(family);
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

  familyCount(): number {
    return this.families.size;
  }

  /** The estimated size of the exposition, in bytes. */
  estimatedExpositionBytes(): number {
    return this.expositionBytes;
  }

  private admitFamily(name: string, kind: Family['kind'], exempt: boolean): FamilyRefusal | undefined {
    if (!exempt && this.families.size - this.exemptFamilies.size >= this.limits.maxFamilies)
      return 'family_cap';
    for (const claimed of exposedNames(name, kind)) {
      const owner = this.claims.get(claimed);
      if (owner !== undefined && owner !== name) return 'name_collision';
    }
    return undefined;
  }

  private addFamily(family: Family, exempt: boolean): void {
    this.families.set(family.name, family);
    if (exempt) this.exemptFamilies.add(family.name);
    for (const claimed of exposedNames(family.name, family.kind)) this.claims.set(claimed, family.name);
  }

  private removeFamily(family: Family): void {
    this.families.delete(family.name);
    this.exemptFamilies.delete(family.name);
    for (const claimed of exposedNames(family.name, family.kind)) {
      if (this.claims.get(claimed) === family.name) this.claims.delete(claimed);
    }
  }

  /** Why a new series cannot be made, or `undefined` (its estimated bytes then counted). */
  private admitSeries(
    family: Family,
    labelBytes: number,
    lines: number,
    exempt: boolean,
  ): StoreRefusal | undefined {
    if (!exempt && family.series.size >= this.options.seriesCap) return 'series_cap';
    const bytes = expositionEstimate(family, labelBytes, lines);
    if (!exempt && this.expositionBytes + bytes > this.limits.maxExpositionBytes) return 'exposition_cap';
    this.expositionBytes += bytes;
    return undefined;
  }

  private streamCap(exempt: boolean): number {
    return exempt ? Number.POSITIVE_INFINITY : this.limits.maxStreamsPerSeries;
  }
}

/** Every sample or family name a family is written under, in the Prometheus text format or OpenMetrics. */
function exposedNames(name: string, kind: Family['kind']): string[] {
  switch (kind) {
    case 'counter':
      return [name, name.replace(/_total$/, ''), `${name.replace(/_total$/, '')}_created`];
    case 'histogram':
      return [name, `${name}_bucket`, `${name}_sum`, `${name}_count`, `${name}_created`];
    default:
      return [name];
  }
}

function adoptHelp(family: Family, help: string): Family {
  if (family.help === '' && help !== '') family.help = help;
  return family;
}

function sameBounds(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((bound, index) => bound === b[index]);
}

/** The estimated exposition bytes of a series: its lines (one, or buckets, `_sum`, `_count`), each with its labels. */
function expositionEstimate(family: Family, labelBytes: number, lines: number): number {
  return (family.name.length + LINE_OVERHEAD_BYTES + labelBytes) * lines;
}

/**
 * What {@link MetricStore.admitSeries} counted for a series, worked out again from its labels when
 * it goes (rare) rather than kept by every series.
 */
function seriesBytes(family: Family, series: MonotonicSeries | GaugeSeries): number {
  const lines = series instanceof MonotonicSeries && family.kind === 'histogram' ? series.width : 1;
  return expositionEstimate(family, labelBytes(series.labels), lines);
}
