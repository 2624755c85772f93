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
    /** Label sets with attribution labels per metric. */
    readonly cap: number,
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

/**
 * A key of `attributes` in their insertion order, unambiguous whatever the values hold (each part
 * is prefixed by its length, numbers and booleans are told apart from strings).
 */
export function orderedLabelKey(attributes: Attributes): string {
  let key = '';
  for (const name in attributes) {
    const value = attributes[name];
    const text = typeof value === 'string' ? value : `${typeof value}:${String(value)}`;
    key += `${name.length}:${name}${text.length}:${text}`;
  }
  return key;
}

function seriesKey(attributes: Attributes): string {
  return JSON.stringify(
    Object.keys(attributes)
      .sort()
      .map((key) => [key, attributes[key]]),
  );
}
