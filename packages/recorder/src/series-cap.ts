import type { Attributes } from '@opentelemetry/api';
import { OVERFLOW_VALUE } from './semconv.js';

/**
 * Bounds the number of distinct label sets per metric. Once a metric holds `cap` label sets, a new
 * set has its attribution labels replaced by `__overflow__` (and `onOverflow` is called); label sets
 * without attribution labels are always admitted, since their values are bounded by the catalogue.
 */
export class SeriesCap {
  private readonly seen = new Map<string, Set<string>>();

  constructor(
    private readonly cap: number,
    private readonly onOverflow: () => void,
  ) {}

  /** The attributes to record for `metric`: `attributes`, or their overflow version. */
  admit(metric: string, attributes: Attributes, attributionKeys: readonly string[]): Attributes {
    if (attributionKeys.length === 0) return attributes;
    let seen = this.seen.get(metric);
    if (seen === undefined) {
      seen = new Set();
      this.seen.set(metric, seen);
    }
    const key = seriesKey(attributes);
    if (seen.has(key)) return attributes;
    if (seen.size < this.cap) {
      seen.add(key);
      return attributes;
    }
    this.onOverflow();
    const overflowed: Attributes = { ...attributes };
    for (const label of attributionKeys) overflowed[label] = OVERFLOW_VALUE;
    return overflowed;
  }
}

function seriesKey(attributes: Attributes): string {
  return JSON.stringify(
    Object.keys(attributes)
      .sort()
      .map((key) => [key, attributes[key]]),
  );
}
