import { describe, expect, it } from 'vitest';
import { createGroqmeterMetricProducer, storeOfProducer } from './metric-producer.js';
import { NO_ATTRIBUTION, RecorderMetrics } from './recorder-metrics.js';
import type { SumSeries } from './series.js';
import { SeriesCap } from './series-cap.js';

function recorderMetrics(cap: number) {
  const store = storeOfProducer(createGroqmeterMetricProducer());
  let overflows = 0;
  const metrics = new RecorderMetrics(
    () => store,
    new SeriesCap(cap, () => {
      overflows += 1;
    }),
  );
  return { store, metrics, overflows: () => overflows };
}

describe('FamilySeries', () => {
  it('caches an admitted label set under its key: one series and one attributes object', () => {
    const { metrics } = recorderMetrics(1);
    const family = metrics.families.requests;
    const attributes = { feature: 'one', model: 'a' };
    const series = family.admit('k1', attributes, ['feature']);
    expect(family.get('k1')).toBe(series);
    expect(series.attributes).toBe(attributes);
  });

  it('maps a label set written in another order, or through another key, to the same series', () => {
    const { metrics } = recorderMetrics(5);
    const family = metrics.families.tokens;
    const first = family.admit('k1', { model: 'a', type: 'input' }, NO_ATTRIBUTION);
    expect(family.admit('k2', { type: 'input', model: 'a' }, NO_ATTRIBUTION)).toBe(first);
  });

  it('does not cache an overflowed label set, so each value past the cap is counted', () => {
    const { metrics, overflows } = recorderMetrics(1);
    const family = metrics.families.requests;
    family.admit('one', { feature: 'one', model: 'a' }, ['feature']).record(1);
    for (let call = 0; call < 3; call++) {
      expect(family.get('two')).toBeUndefined();
      family.admit('two', { feature: 'two', model: 'a' }, ['feature']).record(1);
    }
    expect(overflows()).toBe(3);
    const overflowed = family.admit('three', { feature: 'three', model: 'a' }, ['feature']) as SumSeries;
    expect(overflowed.attributes).toEqual({ feature: '__overflow__', model: 'a' });
    expect(overflowed.value).toBe(3);
  });

  it('shares series between recorders of one store, each with its own cap', () => {
    const { store, metrics } = recorderMetrics(1);
    const other = new RecorderMetrics(() => store, new SeriesCap(1, () => undefined));
    const mine = metrics.families.requests.admit('k', { feature: 'x', model: 'a' }, ['feature']);
    expect(other.families.requests.admit('k', { feature: 'x', model: 'a' }, ['feature'])).toBe(mine);
    // The other recorder's cap is full with `x`: a new value overflows there alone.
    expect(
      other.families.requests.admit('y', { feature: 'y', model: 'a' }, ['feature']).attributes.feature,
    ).toBe('__overflow__');
  });
});
