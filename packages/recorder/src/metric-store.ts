import type { Attributes } from '@opentelemetry/api';
import { type FamilyId, METRIC_FAMILIES } from './instruments.js';
import type { Series } from './series.js';

/** Creates the series of a family for a label set seen for the first time. */
export type SeriesFactory = (family: FamilyId, attributes: Attributes) => Series;

/** Every family, in {@link METRIC_FAMILIES} order. */
export const FAMILY_IDS = Object.keys(METRIC_FAMILIES) as FamilyId[];

/**
 * The series of every metric family, by label set: one value holder per series, shared by every
 * recorder that writes to the same metric producer (or the same fallback meter), as the SDK shares
 * one storage per instrument between recorders on one meter.
 */
export class MetricStore {
  private readonly families = new Map<FamilyId, Map<string, Series>>(
    FAMILY_IDS.map((family) => [family, new Map()]),
  );

  constructor(private readonly createSeries: SeriesFactory) {}

  /**
   * The series of `attributes` in `family`, created on first sight. Keyed like the SDK's
   * `hashAttributes` (sorted keys), so a label set written in another order is the same series; a
   * recorder calls this only when its own cache misses.
   */
  series(family: FamilyId, attributes: Attributes): Series {
    const byKey = this.families.get(family)!;
    const key = canonicalKey(attributes);
    let series = byKey.get(key);
    if (series === undefined) {
      series = this.createSeries(family, attributes);
      byKey.set(key, series);
    }
    return series;
  }

  /** The series of `family`, in the order they were first seen. */
  seriesOf(family: FamilyId): IterableIterator<Series> {
    return this.families.get(family)!.values();
  }
}

/** A key that does not depend on the attributes' order (the SDK's `hashAttributes`). */
function canonicalKey(attributes: Attributes): string {
  return JSON.stringify(
    Object.keys(attributes)
      .sort()
      .map((key) => [key, attributes[key]]),
  );
}
