import type { Attributes } from '@opentelemetry/api';
import { OVERFLOW_VALUE } from './semconv.js';

/**
 * Bounds the number of distinct label sets per metric. Once a metric holds `cap` label sets, a new
 * set has its attribution labels replaced by `__overflow__` (and `onOverflow` is called); label sets
 * without attribution labels are always admitted, since their values are bounded by the catalogue.
 */
export class SeriesCap {
  private readonly seen = new Map<string, Set<string>>();
  /**
   * Admitted label sets by metric, keyed in the order their labels were written: a label set seen
   * before costs one string and one lookup instead of a sorted key, a merge and a set lookup, and
   * the same object goes to the SDK every time. Only admitted sets are kept (at most twice the cap
   * per metric, for the same set written in another order), so the cache is bounded as the series are.
   */
  private readonly admitted = new Map<string, Map<string, Attributes>>();

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

  /**
   * `{ ...attribution, ...attributes }` admitted for `metric`, as {@link SeriesCap.admit} would
   * return it. `attributionKey` is {@link orderedLabelKey} of `attribution`, computed once per operation.
   */
  admitWith(
    metric: string,
    attribution: Attributes,
    attributionKey: string,
    attributionKeys: readonly string[],
    attributes: Attributes,
  ): Attributes {
    let cache = this.admitted.get(metric);
    if (cache === undefined) {
      cache = new Map();
      this.admitted.set(metric, cache);
    }
    const key = attributionKey + orderedLabelKey(attributes);
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const merged = { ...attribution, ...attributes };
    const result = this.admit(metric, merged, attributionKeys);
    if (result === merged && cache.size < 2 * this.cap) cache.set(key, merged);
    return result;
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
